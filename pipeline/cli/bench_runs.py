"""``sandingan bench runs``: a whole run against plain pdfplumber, its peak memory, the
incremental re-run cost and Dask scale-out, in one invocation.

Six commands on the same corpus, each a fresh process timed from the outside (what a user
waits for, start-up included), with its peak resident memory as the process reports it
(``VmHWM``, plus the reader process's peak where one read the documents ahead; the Dask runs'
worker processes are not included; ``ru_maxrss`` from the outside would carry this process's
own memory over the fork):

0. plain pdfplumber ``extract_text`` over every PDF, one process (the baseline);
1. ``sandingan run`` as a user types it (local runner, 1 worker), fresh store
   (targets: at least 1.3x faster than run 0, peak memory under 1 GB);
2. first run, fresh store, a Dask LocalCluster of 1 worker process;
3. the same command again on the unchanged corpus (target: at most 5% of run 2);
4. a fresh store with 2 worker processes (target: at least 1.7x faster than run 2);
5. run 3 again with ``--always-flow``: what an unchanged re-run costs when it still goes
   through Prefect (temporary server, empty ingest flow, tables flow).

OCR is off unless ``--ocr`` (pdfplumber does no OCR). Besides the whole command, it
reports the document-processing phase alone (from the run summary), since the fixed costs
(Python start, the temporary Prefect server, the tables) do not shrink with more workers.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

import typer
from rich.console import Console
from rich.table import Table

from pipeline.cli.apps import bench_app
from pipeline.flows.incremental import write_atomic
from pipeline.flows.summary import SUMMARY_NAME
from pipeline.settings import shared_root

MAX_RERUN_RATIO = 0.05
MIN_SPEEDUP = 1.7
MIN_PLUMBER_RATIO = 1.3
MAX_PEAK_MB = 1024.0
CLI = [sys.executable, "-c", "from pipeline.cli import main; main()"]


@dataclass
class TimedRun:
    """One timed ``sandingan run``: wall seconds, exit code and its run summary."""

    label: str
    seconds: float
    returncode: int
    summary: dict = field(default_factory=dict)
    peak_mb: float = 0.0

    @property
    def processing(self) -> float:
        """Seconds of the per-document phase (0 when no flow ran)."""
        return float(self.summary.get("processing_seconds", 0.0))


def bench_env(ocr: bool = False) -> dict[str, str]:
    """Environment of the timed runs: own SQLite store per output folder, OCR off unless
    asked (Tesseract runs one thread a page either way)."""
    env = dict(os.environ)
    env.pop("SANDINGAN_DB_URL", None)
    env["SANDINGAN_OCR"] = "1" if ocr else "0"
    return env


def timed(label: str, cmd: list[str], env: dict[str, str]) -> tuple[TimedRun, str]:
    """Run ``cmd`` in a new process: its wall seconds, exit code, peak resident memory (MB,
    ``ru_maxrss``: an upper bound, as it may include this process's memory at the fork) and
    standard output."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as errors:
        started = time.perf_counter()
        proc = subprocess.Popen(cmd, env=env, stdout=out, stderr=errors)
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - started
        proc.returncode = code = os.waitstatus_to_exitcode(status)
        if code != 0:
            errors.seek(0)
            sys.stderr.write(errors.read()[-2000:].decode("utf-8", "replace"))
        out.seek(0)
        stdout = out.read().decode("utf-8", "replace")
    return TimedRun(label, seconds, code, peak_mb=usage.ru_maxrss / 1024.0), stdout


def timed_run(label: str, corpus: Path, out: Path, *args: str, ocr: bool = False) -> TimedRun:
    """Run ``sandingan run CORPUS --out OUT ARGS`` in a new process and time it."""
    run, _ = timed(label, [*CLI, "run", str(corpus), "--out", str(out), *args], bench_env(ocr))
    summary_path = out / SUMMARY_NAME
    run.summary = json.loads(summary_path.read_text()) if summary_path.is_file() else {}
    own = float(run.summary.get("peak_mb") or run.peak_mb)
    run.peak_mb = own + float(run.summary.get("reader_peak_mb") or 0.0)  # both peaks added: an upper bound
    return run


def timed_plumber(corpus: Path) -> TimedRun:
    """Plain pdfplumber over the same files, in a new process (start-up included)."""
    cmd = [sys.executable, "-m", "pipeline.bench.parse", "plumber-folder", str(corpus)]
    run, stdout = timed("plain pdfplumber extract_text", cmd, bench_env())
    lines = [ln for ln in stdout.splitlines() if ln.startswith("{")]
    run.summary = json.loads(lines[-1]) if lines else {}
    run.peak_mb = float(run.summary.pop("peak_mb", 0.0) or run.peak_mb)
    return run


def run_benchmark(corpus: Path, work: Path, workers: int, ocr: bool = False) -> list[TimedRun]:
    """pdfplumber, a default run, then first run, unchanged re-run (1 Dask worker), a fresh
    run with ``workers`` Dask workers and the re-run with the flows forced."""
    default, one, many = work / "default", work / "workers_1", work / f"workers_{workers}"
    for folder in (default, one, many):  # fresh stores: the first runs must process everything
        shutil.rmtree(folder, ignore_errors=True)
    dask = ("--task-runner", "dask")
    return [
        timed_plumber(corpus),
        timed_run("first run, as typed (local, 1 worker)", corpus, default, ocr=ocr),
        timed_run("first run, 1 Dask worker", corpus, one, *dask, "--workers", "1", ocr=ocr),
        timed_run("second run, unchanged", corpus, one, *dask, "--workers", "1", ocr=ocr),
        timed_run(
            f"first run, {workers} Dask workers", corpus, many, *dask, "--workers", str(workers), ocr=ocr
        ),
        timed_run("second run, flows forced", corpus, one, *dask, "--workers", "1", "--always-flow", ocr=ocr),
    ]


def verdicts(runs: list[TimedRun]) -> dict[str, float | bool]:
    """The ratios and the peak memory, and whether each meets its target."""
    plumber, default, first, second, parallel, forced = runs
    ratio = second.seconds / first.seconds
    speedup = first.seconds / parallel.seconds
    phase = first.processing / parallel.processing if parallel.processing else 0.0
    against = plumber.seconds / default.seconds if default.seconds else 0.0
    return {
        "plumber_ratio": against,
        "plumber_ok": against >= MIN_PLUMBER_RATIO,
        "peak_mb": default.peak_mb,
        "peak_ok": default.peak_mb < MAX_PEAK_MB,
        "rerun_ratio": ratio,
        "rerun_ok": ratio <= MAX_RERUN_RATIO,
        "rerun_ratio_flows_forced": forced.seconds / first.seconds,
        "speedup": speedup,
        "speedup_processing": phase,
        "speedup_ok": speedup >= MIN_SPEEDUP,
    }


def report(runs: list[TimedRun], result: dict[str, float | bool], console: Console) -> None:
    """Print the runs and the verdicts."""
    table = Table(title="sandingan bench runs")
    for column in ("run", "wall s", "processing s", "peak MB", "processed", "skipped", "failed", "exit"):
        table.add_column(column)
    for run in runs:
        s = run.summary
        table.add_row(
            run.label,
            f"{run.seconds:.1f}",
            f"{run.processing:.1f}",
            f"{run.peak_mb:.0f}",
            str(s.get("processed", s.get("files", "-"))),
            str(s.get("skipped", "-")),
            str(len(s.get("failed", [])) if "failed" in s else s.get("errors", "-")),
            str(run.returncode),
        )
    console.print(table)
    mark = {True: "PASS", False: "FAIL"}
    console.print(
        f"whole run as typed against plain pdfplumber: {result['plumber_ratio']:.2f}x faster "
        f"(target >= {MIN_PLUMBER_RATIO}x) {mark[bool(result['plumber_ok'])]}; its peak memory "
        f"{result['peak_mb']:.0f} MB (target < {MAX_PEAK_MB:.0f}) {mark[bool(result['peak_ok'])]}"
    )
    console.print(
        f"second/first run: {result['rerun_ratio']:.1%} "
        f"(target <= {MAX_RERUN_RATIO:.0%}) {mark[bool(result['rerun_ok'])]}; "
        f"with the Prefect flows forced (--always-flow): "
        f"{result['rerun_ratio_flows_forced']:.1%}"
    )
    console.print(
        f"speed-up, whole command: {result['speedup']:.2f}x (target >= {MIN_SPEEDUP}x) "
        f"{mark[bool(result['speedup_ok'])]}; processing phase only: "
        f"{result['speedup_processing']:.2f}x"
    )


@bench_app.command("runs")
def bench_runs_command(
    corpus_dir: Path = typer.Argument(None, help="Folder of PDFs (default: ../shared/corpus)."),
    workers: int = typer.Option(2, "--workers", min=2, help="Workers of the parallel run."),
    keep: Path = typer.Option(None, "--keep", help="Keep the run folders here (default: temp)."),
    json_out: Path = typer.Option(None, "--json", help="Also write the results as JSON here."),
    check: bool = typer.Option(False, "--check", help="Exit 1 when a target is missed."),
    ocr: bool = typer.Option(False, "--ocr", help="OCR scanned pages in the runs (pdfplumber never does)."),
) -> None:
    """Time plain pdfplumber, a default run, a first run, an unchanged re-run, and 1 vs N
    Dask worker processes; peak memory of each."""
    corpus = (corpus_dir or shared_root() / "corpus").resolve()
    if not corpus.is_dir():
        typer.echo(f"sandingan: corpus folder not found: {corpus}", err=True)
        raise typer.Exit(2)
    console = Console()
    console.print(
        f"corpus {corpus}; {os.cpu_count()} CPU(s), load average {os.getloadavg()[0]:.2f} before the runs"
    )
    with tempfile.TemporaryDirectory(prefix="sandingan-bench-") as tmp:
        work = keep.resolve() if keep else Path(tmp)
        runs = run_benchmark(corpus, work, workers, ocr)
    result = verdicts(runs)
    report(runs, result, console)
    console.print(f"load average {os.getloadavg()[0]:.2f} after the runs")
    if json_out:
        payload = {
            "corpus": str(corpus),
            "cpus": os.cpu_count(),
            "load": os.getloadavg(),
            "runs": [asdict(r) for r in runs],
            **result,
        }
        write_atomic(json_out, json.dumps(payload, indent=2))
    if check and not all(result[k] for k in ("plumber_ok", "peak_ok", "rerun_ok", "speedup_ok")):
        raise typer.Exit(1)
