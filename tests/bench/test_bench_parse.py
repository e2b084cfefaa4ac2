"""The parse benchmark on a tiny generated PDF (no timing assertions)."""

from __future__ import annotations

from pathlib import Path

from pdfmaker import make_pdf, paragraph

from pipeline.bench.parse import bench_parse, format_report

TEXT = "Smart city programmes in Southeast Asia are compared by country and by dimension."


def tiny(tmp_path: Path) -> Path:
    return make_pdf(tmp_path / "tiny.pdf", [paragraph(72, 300, 450, f"{TEXT} Page {i}.") for i in (1, 2, 3)])


def test_bench_in_process(tmp_path: Path) -> None:
    report = bench_parse([tiny(tmp_path)], isolate=False)
    row = report.rows[0]
    assert (row.ours.pages, row.plumber.pages) == (3, 3)
    assert row.ours.status == "ok" and row.plumber.status == "ok"
    assert report.pages_per_second("ours") > 0 and report.ratio() > 0
    assert row.ours.peak_mb is None  # memory is only measured in subprocesses


def test_bench_in_subprocesses_measures_memory(tmp_path: Path) -> None:
    report = bench_parse([tiny(tmp_path)], isolate=True)
    row = report.rows[0]
    assert row.ours.pages == 3 and row.plumber.pages == 3
    assert row.ours.peak_mb and row.plumber.peak_mb
    text = format_report(report)
    assert "pages/s" in text and "ratio" in text and "peak RSS" in text


def test_bench_reports_a_bad_file(tmp_path: Path) -> None:
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(b"not a pdf")
    row = bench_parse([bad], isolate=False).rows[0]
    assert row.ours.status == "not_pdf" and row.plumber.status == "error"
