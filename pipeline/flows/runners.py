"""The task runner a run uses: threads in this process, or a Dask cluster.

``local``: one worker in the flow's process, or with N > 1 workers a pool of N worker
processes (pdfium, the PDF library, is not thread-safe, and parsing is CPU-bound, so
threads would only add crashes); each worker process loads the pipeline once before its
first document. The classifier scores batches side by side on the cores: every core with
one worker, an equal share of them in each of N worker processes. ``dask``: a
``distributed.LocalCluster`` of N worker processes with one thread each (one classifier and
one OCR thread too: there the workers are the parallelism), started and stopped with the flow. Anything else
(``tcp://host:8786``, ``host:8786``) is the address of an existing Dask scheduler whose
workers can import ``pipeline`` and reach the store (a server database URL, or SQLite on
a shared disk).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager

from prefect.settings import PREFECT_API_URL, PREFECT_FLOWS_HEARTBEAT_FREQUENCY, temporary_settings
from prefect.task_runners import ProcessPoolTaskRunner, TaskRunner, ThreadPoolTaskRunner

from pipeline.flows.server import TemporaryServer
from pipeline.flows.workers import (
    DASK,
    LOCAL,
    OWN_CLUSTERS,
    dask_cluster_kwargs,
    describe_runner,
    prepare_worker,
)
from pipeline.settings import threads_per_worker


def make_task_runner(spec: str | None = None, workers: int = 1) -> TaskRunner:
    """A Prefect task runner for ``spec`` (see the module docstring) with ``workers`` workers."""
    name = describe_runner(spec)
    workers = max(1, int(workers))
    if name == LOCAL and workers == 1:
        return ThreadPoolTaskRunner(max_workers=1)
    if name == LOCAL:
        return ProcessPoolTaskRunner(
            max_workers=workers, initializer=prepare_worker, initargs=(threads_per_worker(workers),)
        )
    from prefect_dask import DaskTaskRunner  # lazy: Dask (~2 s), only for a Dask runner

    if name == DASK:
        kwargs = dask_cluster_kwargs(workers)
        return DaskTaskRunner(cluster_class="distributed.LocalCluster", cluster_kwargs=kwargs)
    address = name if "://" in name else f"tcp://{name}"
    return DaskTaskRunner(address=address)


def needs_own_server(spec: str | None, workers: int) -> bool:
    """Whether the runner's workers live in other processes (and so need this run's API URL)."""
    return not (describe_runner(spec) == LOCAL and max(1, int(workers)) == 1)


def runner_label(runner: TaskRunner) -> tuple[str, int]:
    """(kind, workers) of a started task runner, for the run summary."""
    if isinstance(runner, ThreadPoolTaskRunner | ProcessPoolTaskRunner):
        return LOCAL, int(getattr(runner, "_max_workers", 1) or 1)
    client = getattr(runner, "_client", None)
    workers = len(client.scheduler_info().get("workers", {})) if client is not None else 0
    if getattr(runner, "_cluster", None) is not None or getattr(runner, "address", None) in OWN_CLUSTERS:
        return DASK, workers
    return str(getattr(runner, "address", None) or DASK), workers


@contextmanager
def run_api(warm_up: Callable[[], object] | None = None) -> Iterator[str | None]:
    """This run's Prefect API, ready for its flows; ``warm_up`` runs meanwhile.

    The configured one (``PREFECT_API_URL``) is used as it is. Without one, a temporary
    server (:class:`~pipeline.flows.server.TemporaryServer`, the one Prefect's flows would
    start on first use, without importing Prefect's server here) is started on a helper
    thread while ``warm_up`` runs in this one: most of its start is waiting for the server
    process (2.7 s of a 10 s empty run, 2026-12-03). The flows report to it through the
    settings, and it stops when the block ends. With the temporary server, flow heartbeats
    are off: they let a lasting server find crashed runs, this one ends with the run, and
    each flow's end waited up to a second for the heartbeat thread.
    """
    configured = PREFECT_API_URL.value()
    if configured:
        if warm_up is not None:
            warm_up()
        yield configured
        return
    server = TemporaryServer()  # stopped when the run ends, and at exit
    with ThreadPoolExecutor(1, thread_name_prefix="prefect-server") as helper:
        starting = helper.submit(server.start)
        try:
            if warm_up is not None:
                warm_up()
        finally:
            starting.result()
    try:
        with temporary_settings(
            updates={PREFECT_FLOWS_HEARTBEAT_FREQUENCY: None, PREFECT_API_URL: server.api_url}
        ):
            yield server.api_url
    finally:
        server.stop()


@contextmanager
def api_for_workers(spec: str | None, workers: int = 1) -> Iterator[str | None]:
    """Make sure worker processes report to this run's Prefect API; yield its URL.

    Without ``PREFECT_API_URL`` a flow run in this process uses a temporary server that only
    this process knows; each worker process would then start a server of its own. So for a
    Dask runner or local worker processes the temporary server is started here and its URL
    passed on (in the settings that travel with each task, and in the environment of local
    worker processes).
    """
    configured = PREFECT_API_URL.value()
    if not needs_own_server(spec, workers) or configured:
        yield configured
        return
    server = TemporaryServer()
    server.start()  # stopped when this process exits
    previous = os.environ.get("PREFECT_API_URL")
    os.environ["PREFECT_API_URL"] = server.api_url
    try:
        with temporary_settings(updates={PREFECT_API_URL: server.api_url}):
            yield server.api_url
    finally:
        if previous is None:
            os.environ.pop("PREFECT_API_URL", None)
        else:
            os.environ["PREFECT_API_URL"] = previous
