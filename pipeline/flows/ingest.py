"""The ``ingest`` flow: every new or changed PDF under a folder, parsed, analysed and stored.

One task per document does the heavy work (:func:`pipeline.process.process_pdf`) and
writes the result to the store itself, in one transaction, so a killed run keeps every
document it finished and a re-run skips them (see :mod:`pipeline.flows.incremental`).
Transient errors (``OSError``, a locked or unreachable store) are retried with backoff and,
when they last, leave the document pending for the next run; a document that fails or runs past its time
limit is reported and the run goes on.
"""

from __future__ import annotations

import functools
import json
import logging
import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from prefect import flow, get_run_logger, task
from prefect.cache_policies import NO_CACHE
from prefect.context import FlowRunContext
from prefect.futures import PrefectFuture, as_completed
from prefect.states import State
from prefect.task_runners import ThreadPoolTaskRunner
from pydantic import SecretStr

from pipeline.flows.incremental import (
    FAILURES_NAME,
    Plan,
    WorkItem,
    fingerprint,
    plan_run,
    relocate,
    update_failures,
    write_atomic,
)
from pipeline.flows.readahead import (
    DEFAULT_TIMEOUT_S,
    ReadAhead,
    current_reader,
    new_reader,
    reading_ahead,
)
from pipeline.flows.runners import api_for_workers, make_task_runner, runner_label
from pipeline.flows.summary import (
    SUMMARY_NAME,
    DocumentOutcome,
    RunSummary,
    one_line,
    save_summary,
    start_summary,
)
from pipeline.flows.tables import tables_flow
from pipeline.settings import Settings, configure_offline
from pipeline.store import Store

OnDone = Callable[[DocumentOutcome], None]
_LISTENERS: list[OnDone] = []


class _DropThreadTimeoutNotice(logging.Filter):
    """Prefect warns on every task with a time limit that runs in a thread; say it once, in docs."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not str(record.msg).startswith("Timeout of %s seconds configured")


logging.getLogger("prefect.task_runs").addFilter(_DropThreadTimeoutNotice())


RETRY_DELAYS_S = [2.0, 10.0, 30.0]  # backoff between the tries of a transient failure
PENDING = "pending"  # a document whose last try failed for a transient reason
_TRANSIENT_WORDS = (
    "database is locked",
    "database table is locked",
    "busy",
    "could not connect",
    "connection refused",
    "server closed the connection",
    "timeout expired",
    "too many connections",
)


def transient_error(exc: object) -> bool:
    """Whether an error may pass by itself: I/O errors (file briefly unreadable, disk busy)
    and a locked, busy or unreachable store; never a document's own time-out."""
    if isinstance(exc, OSError):
        return not isinstance(exc, TimeoutError)
    message = str(exc).lower()
    return type(exc).__name__ == "OperationalError" and any(w in message for w in _TRANSIENT_WORDS)


def is_transient(_task: Any, _task_run: Any, state: State) -> bool:
    """Retry condition of the document task: see :func:`transient_error`."""
    return transient_error(state.data)


@functools.lru_cache(maxsize=4)
def _store(db_url: str) -> Store:
    """One store (connection pool) per process and database."""
    return Store(db_url)


def outcome_of(result: Any, item: WorkItem, stored: bool, seconds: float) -> DocumentOutcome:
    """The outcome record of a processed document."""
    doc = result.document
    return DocumentOutcome(
        file=item.path,
        doc_id=doc.id,
        status=doc.status,
        error=doc.error,
        stored=stored,
        pages=doc.pages,
        passages=len(result.passages),
        mentions=len(result.mentions),
        seconds=seconds,
        timings=dict(result.timings),
    )


@task(
    name="process-document",
    task_run_name="doc-{item.doc_id:.12}",
    cache_policy=NO_CACHE,
    retries=len(RETRY_DELAYS_S),
    retry_delay_seconds=RETRY_DELAYS_S,
    retry_condition_fn=is_transient,
    timeout_seconds=DEFAULT_TIMEOUT_S,
)
def process_document(
    item: WorkItem, versions_key: str, db_url: str, password: str | None = None, ocr: bool = True
) -> DocumentOutcome:
    """Parse and analyse one PDF and replace its stored results in one transaction. In a
    run with a reader process (see :func:`read_ahead`) the parse and language ID come from it."""
    from pipeline.process import finish, process_pdf  # lazy: spaCy, torch; in the worker

    configure_offline()
    started = time.perf_counter()
    reader = current_reader()
    read = reader.take(item.path) if reader is not None else None
    if read is None:
        result = process_pdf(Path(item.path), password=password, ocr=ocr)
    else:
        result = read
        finish(result)
    result.document.path = result.document.path or item.path
    _store(db_url).save_result(result, fingerprint=fingerprint(result.document.id, versions_key))
    return outcome_of(result, item, True, time.perf_counter() - started)


def outcome_of_future(future: PrefectFuture, item: WorkItem) -> DocumentOutcome:
    """The outcome a finished document task returned, or a failure with a one-line reason."""
    try:
        value = future.result(raise_on_failure=False)
        state = future.state
    except Exception as err:  # noqa: BLE001 - a crashed worker must not stop the run
        return DocumentOutcome(item.path, item.doc_id, "failed", one_line(repr(err)))
    if isinstance(value, DocumentOutcome):
        return value
    if isinstance(value, BaseException) and transient_error(value):
        reason = f"{type(value).__name__}: {value}"
        return DocumentOutcome(item.path, item.doc_id, PENDING, one_line(reason))
    if state.name == "TimedOut" or not isinstance(value, BaseException):
        reason = state.message or str(state.name)
    else:
        reason = f"{type(value).__name__}: {value}"
    return DocumentOutcome(item.path, item.doc_id, "failed", one_line(reason))


@contextmanager
def listening(on_done: OnDone | None) -> Iterator[None]:
    """Call ``on_done`` with each document's outcome in the ingest flows run meanwhile.

    A callback, not a flow parameter: parameters travel with every task to the workers,
    and a progress bar cannot.
    """
    if on_done is not None:
        _LISTENERS.append(on_done)
    try:
        yield
    finally:
        if on_done is not None:
            _LISTENERS.remove(on_done)


def read_ahead(
    runner: object, items: list[WorkItem], password: str | None, ocr: bool, timeout_s: float
) -> ReadAhead | None:
    """A reader process for the documents of a run whose single worker is a thread of this
    process (the default local run); None for worker processes, which read for themselves,
    with ``SANDINGAN_READ_AHEAD=0``, or when the command started one already."""
    in_process = isinstance(runner, ThreadPoolTaskRunner) and getattr(runner, "_max_workers", 1) == 1
    if not in_process or current_reader() is not None:
        return None
    return new_reader([item.path for item in items], password, ocr, timeout_s)


def collect(futures: dict[PrefectFuture, WorkItem], summary: RunSummary) -> list[DocumentOutcome]:
    """Wait for every document task; as each finishes, count its outcome, tell listeners."""
    outcomes = []
    for future in as_completed(list(futures)):
        outcome = outcome_of_future(future, futures[future])
        summary.add(outcome)
        outcomes.append(outcome)
        for listener in list(_LISTENERS):
            listener(outcome)
    return outcomes


def replaced_documents(store: Store, plan: Plan) -> list[str]:
    """Stored documents whose file now has other bytes (same path, another id)."""
    current = {item.path: item.doc_id for item in plan.todo + plan.skipped + plan.duplicates}
    return [
        d.id
        for d in store.documents()
        if d.path in current and current[d.path] != d.id and d.id not in current.values()
    ]


def record_failures(
    path: Path, ledger: dict[str, dict[str, str]], outcomes: list[DocumentOutcome], versions_key: str
) -> None:
    """Write the failure ledger: failed documents added, processed ones removed."""
    rows = [(o.doc_id, o.file, o.status, o.error) for o in outcomes]
    write_atomic(path, json.dumps(update_failures(ledger, rows, versions_key), indent=1, sort_keys=True))


def env_workers() -> int:
    """Worker count from ``SANDINGAN_WORKERS`` (default 1), for runs started by a deployment."""
    value = os.environ.get("SANDINGAN_WORKERS", "").strip()
    return int(value) if value.isdigit() and int(value) > 0 else 1


# Ignored arg-type (here and in run_ingest): Prefect types a flow's task runner as
# TaskRunner[PrefectFuture[Any]] (invariant), which no concrete runner is; Prefect casts its own.
@flow(name="ingest", task_runner=make_task_runner(None, env_workers()))  # type: ignore[arg-type]
def ingest_flow(
    corpus_dir: str = "corpus/inbox",
    out_dir: str | None = None,
    force: bool = False,
    password: SecretStr | None = None,
    timeout_s: float = DEFAULT_TIMEOUT_S,
    write_tables: bool = False,
    retry_failed: bool = False,
) -> RunSummary:
    """Process every new or changed PDF under ``corpus_dir`` into the store; return a summary.

    Documents that failed in an earlier run are tried again only when they changed, or
    with ``retry_failed``. ``write_tables`` then runs the ``tables`` flow (as a subflow).
    Listeners registered with :func:`listening` (in-process runs) hear of each document as
    it finishes. The password is a secret: Prefect stores it masked.
    """
    secret = password.get_secret_value() if password else None
    started = time.perf_counter()
    settings = Settings(out_dir=Path(out_dir)) if out_dir else Settings()
    corpus = Path(corpus_dir).resolve()
    if not corpus.exists():
        raise FileNotFoundError(f"corpus folder not found: {corpus}")
    settings.out_dir.mkdir(parents=True, exist_ok=True)
    store = Store(settings.database_url)
    plan, ledger = plan_run(
        store, corpus, settings, force=force, password_given=bool(secret), retry_failed=retry_failed
    )
    summary = start_summary(corpus, plan, ledger)
    summary.renamed, summary.gone = relocate(store, plan)
    work_started = time.perf_counter()
    task_fn = process_document.with_options(timeout_seconds=timeout_s, retry_delay_seconds=RETRY_DELAYS_S)
    context = FlowRunContext.get()
    assert context is not None  # the flow is running
    own = read_ahead(context.task_runner, plan.todo, secret, settings.ocr, timeout_s)
    with reading_ahead(own):
        futures = {
            task_fn.submit(item, plan.versions_key, settings.database_url, secret, settings.ocr): item
            for item in plan.todo
        }
        outcomes = collect(futures, summary)
    summary.reader_peak_mb = round(own.peak_mb, 1) if own is not None else 0.0  # a command's: it adds it
    record_failures(settings.out_dir / FAILURES_NAME, ledger, outcomes, plan.versions_key)
    summary.task_runner, summary.workers = runner_label(context.task_runner)
    for doc_id in replaced_documents(store, plan):
        store.delete_document(doc_id)
    store.dispose()
    summary.processing_seconds = time.perf_counter() - work_started
    summary.seconds = time.perf_counter() - started
    save_summary(summary, settings.out_dir / SUMMARY_NAME)
    logger = get_run_logger()
    for line in summary.lines():
        logger.info(line)
    if write_tables:
        tables_flow(out_dir=str(settings.out_dir))
    return summary


def run_ingest(
    corpus_dir: Path,
    out_dir: Path | None = None,
    *,
    force: bool = False,
    password: str | None = None,
    workers: int = 1,
    task_runner: str | None = None,
    timeout_s: float = DEFAULT_TIMEOUT_S,
    retry_failed: bool = False,
    on_done: OnDone | None = None,
) -> RunSummary:
    """Run the ingest flow in this process with the chosen task runner."""
    runner = make_task_runner(task_runner, workers)
    configured = ingest_flow.with_options(task_runner=runner)  # type: ignore[arg-type]
    with api_for_workers(task_runner, workers), listening(on_done):
        return configured(
            corpus_dir=str(corpus_dir),
            out_dir=str(out_dir) if out_dir else None,
            force=force,
            password=SecretStr(password) if password else None,
            timeout_s=timeout_s,
            retry_failed=retry_failed,
        )
