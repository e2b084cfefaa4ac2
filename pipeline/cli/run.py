"""``sandingan run`` (a corpus into the store and the tables) and ``sandingan tables``.

``run`` first checks, without Prefect, whether anything changed; if every document is
stored with its current fingerprint and the tables were built from the store as it is,
it says so and stops. Otherwise it runs the ``ingest`` flow in this process (a temporary
Prefect server, nothing to start) with a progress bar, then the ``tables`` flow.
"""

from __future__ import annotations

import logging
import os
import time
from pathlib import Path
from typing import TypedDict, Unpack

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from pipeline.cli.apps import app
from pipeline.flows.exports import tables_current, write_tables
from pipeline.flows.incremental import Plan, plan_run, relocate
from pipeline.flows.readahead import DEFAULT_TIMEOUT_S, ReadAhead, new_reader, reading_ahead
from pipeline.flows.summary import (
    SUMMARY_NAME,
    DocumentOutcome,
    RunSummary,
    save_summary,
    start_summary,
)
from pipeline.flows.workers import DASK, LOCAL, WarmCluster, describe_runner
from pipeline.settings import Settings, configure_offline, peak_rss_mb
from pipeline.store import DamagedStore, Store, check_sqlite_file

EXIT_BROKEN = 1
EXIT_USAGE = 2
err = Console(stderr=True, soft_wrap=True)  # one error, one line, whatever the width


def settings_for(out: Path | None) -> Settings:
    """Settings with the output folder (and so the default store) at ``out`` if given."""
    settings = Settings(out_dir=out) if out else Settings()
    settings.out_dir.mkdir(parents=True, exist_ok=True)
    return settings


def quick_plan(
    corpus: Path,
    settings: Settings,
    **options: bool,
) -> tuple[Plan, dict, tuple[list[str], list[str]]]:
    """What the ingest flow will do, found without Prefect (hashes stay cached in-process),
    after following renamed files and marking gone ones (see ``relocate``)."""
    store = Store(settings.database_url)
    try:
        plan, ledger = plan_run(store, corpus, settings, **options)
        return plan, ledger, relocate(store, plan)
    finally:
        store.dispose()


def up_to_date(plan: Plan, settings: Settings) -> bool:
    """True when no document needs work and the exported tables match the store."""
    if plan.todo:
        return False
    store = Store(settings.database_url)
    try:
        return tables_current(store, settings.out_dir)
    finally:
        store.dispose()


def quiet_prefect() -> bool:
    """Before Prefect is imported: its log lines off the terminal (the progress bar and the
    summary say it all) unless PREFECT_LOGGING_LEVEL is set, and time for a first server
    start to migrate its database. True when the logs are quietened."""
    configure_offline()
    os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "180")
    if "PREFECT_LOGGING_LEVEL" in os.environ:
        return False
    os.environ["PREFECT_LOGGING_LEVEL"] = "WARNING"
    return True


def forget_models() -> None:
    """Let go of the classifiers this process loaded, before the tables are built: what
    the run's process holds at its peak (the tables come last)."""
    import gc

    from pipeline.classify.predictor import clear_cache  # lazy: torch, loaded by then anyway
    from pipeline.settings import release_heap

    clear_cache()
    gc.collect()
    release_heap()


def warm_up_stages() -> None:
    """Load the stages' libraries and models in this process (one local worker)."""
    from pipeline.process import warm_up  # lazy: torch, spaCy and the models

    warm_up()


class IngestOptions(TypedDict, total=False):
    """The options ``run_flows`` passes on to :func:`pipeline.flows.ingest.run_ingest`."""

    force: bool
    password: str | None
    workers: int
    task_runner: str | None
    timeout_s: float
    retry_failed: bool


def warm_cluster(plan: Plan, task_runner: str | None, workers: int) -> WarmCluster | None:
    """For a ``dask`` run with documents to process: its local cluster, starting (workers
    spawned, models loading) on a helper thread while the command goes on."""
    if describe_runner(task_runner) != DASK or not plan.todo:
        return None
    cluster = WarmCluster(workers)
    cluster.start_in_background()
    return cluster


def run_flows(
    corpus: Path,
    settings: Settings,
    plan: Plan,
    **options: Unpack[IngestOptions],
) -> RunSummary:
    """The ingest flow with a progress bar over documents, then the tables flow. With one
    local worker the reader process starts on the first documents and the stages' models
    load while the Prefect API starts; with a ``dask`` runner the cluster's workers start
    and load them meanwhile."""
    runner, workers = options.get("task_runner"), options.get("workers", 1)
    cluster = warm_cluster(plan, runner, workers)
    in_process = describe_runner(runner) == LOCAL and workers == 1
    paths = [item.path for item in plan.todo] if in_process else []
    reader = new_reader(
        paths, options.get("password"), settings.ocr, options.get("timeout_s", DEFAULT_TIMEOUT_S)
    )
    try:
        with reading_ahead(reader):  # started now: it reads while Prefect and the models load
            return _flows(corpus, settings, plan, cluster, reader, in_process, **options)
    finally:
        if cluster is not None:
            cluster.close()


def _flows(
    corpus: Path,
    settings: Settings,
    plan: Plan,
    cluster: WarmCluster | None,
    reader: ReadAhead | None,
    in_process: bool,
    **options: Unpack[IngestOptions],
) -> RunSummary:
    """The flows of :func:`run_flows` under their progress bar; the reader is stopped (and
    the classifiers let go) before the tables are built."""
    quiet = quiet_prefect()
    from pipeline.flows.ingest import run_ingest  # lazy: Prefect (~1.5 s), after its log level is set
    from pipeline.flows.runners import run_api  # lazy: Prefect
    from pipeline.flows.tables import tables_flow  # lazy: Prefect

    if quiet:  # failures are listed at the end, without a traceback per task
        logging.getLogger("prefect.task_runs").setLevel(logging.CRITICAL)
        logging.getLogger("distributed").setLevel(logging.WARNING)

    columns = (
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TextColumn("{task.fields[last]}"),
    )
    with Progress(*columns, console=err, transient=False) as progress:
        bar = progress.add_task("documents", total=len(plan.todo), last="")

        def advance(outcome: DocumentOutcome) -> None:
            progress.update(bar, advance=1, last=Path(outcome.file).name[:40])

        warm_up = warm_up_stages if in_process and plan.todo else (cluster.wait if cluster else None)
        with run_api(warm_up):
            if cluster is not None:
                options = {**options, "task_runner": cluster.address}
            summary = run_ingest(corpus, settings.out_dir, on_done=advance, **options)
            if reader is not None:
                reader.close()
                summary.reader_peak_mb = round(reader.peak_mb, 1)
            if in_process and plan.todo:
                forget_models()
            tables_flow(out_dir=str(settings.out_dir))
    return summary


def print_summary(summary: RunSummary, out_dir: Path) -> None:
    """The run's totals, then where the tables are, then every failure."""
    lines = summary.lines()
    failures = [ln for ln in lines if ln.startswith("FAILED")]
    for line in lines:
        if not line.startswith("FAILED"):
            typer.echo(line)
    typer.echo(f"tables in {out_dir}")
    for line in failures:
        typer.echo(line)


def print_orphans(settings: Settings) -> None:
    """Say how many review decisions no longer find their text (revised or re-cut passages)."""
    from pipeline.tables import load_orphans  # lazy: pandas

    store = Store(settings.database_url)
    try:
        count = len(load_orphans(store))
    finally:
        store.dispose()
    if count:
        typer.echo(
            f"ORPHANED {count} review decision{'s' if count != 1 else ''}: their passage's "
            "text changed or is gone (sandingan review orphans)"
        )


@app.command("run")
def run_command(
    corpus_dir: Path = typer.Argument(
        None, help="Folder of PDFs (searched recursively). Default: the bundled samples."
    ),
    out: Path = typer.Option(None, "--out", help="Output folder (tables, default SQLite store)."),
    force: bool = typer.Option(False, "--force", help="Redo every document, changed or not."),
    password: str = typer.Option(None, "--password", help="User password for encrypted PDFs."),
    workers: int = typer.Option(1, "--workers", min=1, help="Parallel document workers."),
    task_runner: str = typer.Option(
        None,
        "--task-runner",
        help="local (this process, or --workers processes), dask (a local Dask cluster of "
        "--workers processes) or the "
        "address of a Dask scheduler. Default: SANDINGAN_TASK_RUNNER, else local.",
    ),
    timeout: float = typer.Option(DEFAULT_TIMEOUT_S, "--timeout", help="Time limit per document (s)."),
    retry_failed: bool = typer.Option(
        False, "--retry-failed", help="Try again documents that failed in an earlier run."
    ),
    always_flow: bool = typer.Option(
        False, "--always-flow", help="Run the Prefect flows even when nothing changed."
    ),
) -> None:
    """Ingest every new or changed PDF under CORPUS_DIR, then write the tables.

    Runs as Prefect flows in this process, reporting to PREFECT_API_URL or else to a
    temporary Prefect server that lives as long as the run.
    Unchanged documents are skipped; failed ones are listed at the end (exit code 0).
    """
    started = time.perf_counter()
    settings = settings_for(out)
    corpus = (corpus_dir or settings.samples_dir).resolve()
    if not corpus.exists():
        err.print(f"sandingan: corpus folder not found: {corpus}")
        raise typer.Exit(EXIT_USAGE)
    try:
        check_sqlite_file(settings.database_url)
        plan, ledger, moved = quick_plan(
            corpus, settings, force=force, password_given=bool(password), retry_failed=retry_failed
        )
        if not always_flow and up_to_date(plan, settings):
            summary = start_summary(corpus, plan, ledger)
            summary.task_runner, summary.workers = "none", 0
            typer.echo("nothing changed since the last run: no flow started")
        else:
            summary = run_flows(
                corpus,
                settings,
                plan,
                force=force,
                password=password,
                workers=workers,
                task_runner=task_runner,
                timeout_s=timeout,
                retry_failed=retry_failed,
            )
        summary.renamed, summary.gone = moved[0] + summary.renamed, moved[1] + summary.gone
        summary.seconds = time.perf_counter() - started
        summary.peak_mb = round(peak_rss_mb(), 1)
        save_summary(summary, settings.out_dir / SUMMARY_NAME)
    except Exception as exc:  # noqa: BLE001 - one clear line, not a traceback
        err.print(f"sandingan: run failed: {type(exc).__name__}: {exc}")
        raise typer.Exit(EXIT_BROKEN) from None
    print_summary(summary, settings.out_dir)
    print_orphans(settings)


@app.command("tables")
def tables_command(
    out: Path = typer.Option(None, "--out", help="Output folder (and default SQLite store)."),
) -> None:
    """Rebuild the comparison tables from the store (review decisions applied)."""
    settings = settings_for(out)
    try:
        check_sqlite_file(settings.database_url)
        with err.status("building tables"):
            tables, paths = write_tables(settings.database_url, settings.out_dir.resolve())
    except DamagedStore as exc:
        err.print(f"sandingan: {exc}")
        raise typer.Exit(EXIT_BROKEN) from None
    rows = ", ".join(f"{name} {len(df)}" for name, df in tables.items())
    typer.echo(f"{len(paths)} file(s) written to {settings.out_dir} (rows: {rows})")
