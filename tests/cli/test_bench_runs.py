"""``sandingan bench runs``: timing and peak memory of child processes, and the verdicts."""

from __future__ import annotations

import sys

from pdfmaker import Text, make_pdf

from pipeline.bench.parse import plumber_folder
from pipeline.cli.bench_runs import TimedRun, timed, timed_plumber, verdicts


def test_a_timed_command_reports_its_exit_code_output_and_peak_memory():
    grow = "b = bytearray(150 * 2**20); b[::4096] = b'x' * len(b[::4096]); print('done')"
    run, stdout = timed("allocates", [sys.executable, "-c", grow], {})
    assert run.returncode == 0 and stdout.strip() == "done"
    assert run.peak_mb > 150 and run.seconds > 0  # an upper bound: the fork may carry ours
    failed, _ = timed("fails", [sys.executable, "-c", "raise SystemExit(3)"], {})
    assert failed.returncode == 3


def test_plain_pdfplumber_reads_every_pdf_of_a_folder(tmp_path):
    (tmp_path / "sub").mkdir()
    make_pdf(tmp_path / "a.pdf", [[Text(72, 72, "First page.")], [Text(72, 72, "Second page.")]])
    make_pdf(tmp_path / "sub" / "b.PDF", [[Text(72, 72, "Another file.")]])
    (tmp_path / "broken.pdf").write_bytes(b"%PDF-1.4 not really")
    assert plumber_folder(tmp_path) == {"files": 3, "pages": 3, "errors": 1}
    run = timed_plumber(tmp_path)
    assert run.returncode == 0 and run.summary == {"files": 3, "pages": 3, "errors": 1}
    assert 10 < run.peak_mb < 500  # reported by the child itself


def _run(label: str, seconds: float, peak: float = 500.0, processing: float = 0.0) -> TimedRun:
    return TimedRun(label, seconds, 0, {"processing_seconds": processing}, peak_mb=peak)


def test_verdicts_compare_each_run_with_its_baseline():
    runs = [
        _run("pdfplumber", 130.0, 90.0),
        _run("default", 100.0, 990.0),
        _run("one", 110.0, processing=100.0),
        _run("again", 2.0),
        _run("two", 60.0, processing=52.0),
        _run("forced", 12.0),
    ]
    result = verdicts(runs)
    assert result["plumber_ratio"] == 1.3 and result["plumber_ok"]
    assert result["peak_mb"] == 990.0 and result["peak_ok"]
    assert round(result["speedup"], 3) == round(110 / 60, 3) and result["speedup_ok"]
    assert result["rerun_ok"] and round(result["speedup_processing"], 3) == round(100 / 52, 3)
    runs[1] = _run("default", 101.0, 1100.0)
    worse = verdicts(runs)
    assert not worse["plumber_ok"] and not worse["peak_ok"]
