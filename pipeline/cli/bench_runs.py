"""``sandingan bench runs``: incremental re-run cost and Dask scale-out, in one invocation.

Four ``sandingan run`` commands on the same corpus, each a fresh process timed from the
outside (what a user waits for):

1. first run, fresh store, a Dask LocalCluster of 1 worker process;
2. the same command again on the unchanged corpus (target: at most 5% of run 1);
3. a fresh store with 2 worker processes (target: at least 1.7x faster than run 1);
4. run 2 again with ``--always-flow``: what an unchanged re-run costs when it still goes
   through Prefect (temporary server, empty ingest flow, tables flow).

Besides the whole command, it reports the document-processing phase alone (from the run
summary), since the fixed costs (Python start, the temporary Prefect server, the tables)
do not shrink with more workers.
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
CLI = [sys.executable, "-c", "from pipeline.cli import main; main()"]


@dataclass
class TimedRun:
    """One timed ``sandingan run``: wall seconds, exit code and its run summary."""

    label: str
    seconds: float
    returncode: int
    summary: dict = field(default_factory=dict)

    @property
    def processing(self) -> float:
        """Seconds of the per-document phase (0 when no flow ran)."""
        return float(self.summary.get("processing_seconds", 0.0))


def bench_env() -> dict[str, str]:
    """Environment of the timed runs: own SQLite store per output folder, one OCR thread."""
    env = dict(os.environ)
    env.pop("SANDINGAN_DB_URL", None)
    env.setdefault("OMP_THREAD_LIMIT", "1")
    return env


def timed_run(label: str, corpus: Path, out: Path, *args: str) -> TimedRun:
    """Run ``sandingan run CORPUS --out OUT ARGS`` in a new process and time it."""
    cmd = [*CLI, "run", str(corpus), "--out", str(out), *args]
    started = time.perf_counter()
    done = subprocess.run(cmd, env=bench_env(), capture_output=True, text=True)
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        sys.stderr.write(done.stderr[-2000:])
    summary_path = out / SUMMARY_NAME
    summary = json.loads(summary_path.read_text()) if summary_path.is_file() else {}
    return TimedRun(label, seconds, done.returncode, summary)


def run_benchmark(corpus: Path, work: Path, workers: int) -> list[TimedRun]:
    """First run, unchanged re-run (1 worker), and a fresh run with ``workers`` workers."""
    one, many = work / "workers_1", work / f"workers_{workers}"
    for folder in (one, many):  # fresh stores: the first runs must process everything
        shutil.rmtree(folder, ignore_errors=True)
    dask = ("--task-runner", "dask")
    return [
        timed_run("first run, 1 worker", corpus, one, *dask, "--workers", "1"),
        timed_run("second run, unchanged", corpus, one, *dask, "--workers", "1"),
        timed_run(f"first run, {workers} workers", corpus, many, *dask, "--workers", str(workers)),
        timed_run("second run, flows forced", corpus, one, *dask, "--workers", "1", "--always-flow"),
    ]


def verdicts(runs: list[TimedRun]) -> dict[str, float | bool]:
    """The two ratios and whether each meets its target."""
    first, second, parallel, forced = runs
    ratio = second.seconds / first.seconds
    speedup = first.seconds / parallel.seconds
    phase = first.processing / parallel.processing if parallel.processing else 0.0
    return {
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
    for column in ("run", "wall s", "processing s", "processed", "skipped", "failed", "exit"):
        table.add_column(column)
    for run in runs:
        s = run.summary
        table.add_row(
            run.label,
            f"{run.seconds:.1f}",
            f"{run.processing:.1f}",
            str(s.get("processed", "-")),
            str(s.get("skipped", "-")),
            str(len(s.get("failed", []))),
            str(run.returncode),
        )
    console.print(table)
    mark = {True: "PASS", False: "FAIL"}
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
) -> None:
    """Time a first run, an unchanged re-run, and 1 vs N Dask worker processes."""
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
        runs = run_benchmark(corpus, work, workers)
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
    if check and not (result["rerun_ok"] and result["speedup_ok"]):
        raise typer.Exit(1)
