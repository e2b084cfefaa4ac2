"""The task runner a run uses: threads in this process, or a Dask cluster.

``local``: a thread pool in the flow's process (enough for a few documents; parsing is
CPU-bound, so threads do not add speed). ``dask``: a ``distributed.LocalCluster`` of N
worker processes with one thread each, started and stopped with the flow. Anything else
(``tcp://host:8786``, ``host:8786``) is the address of an existing Dask scheduler whose
workers can import ``pipeline`` and reach the store (a server database URL, or SQLite on
a shared disk).
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager

from prefect.settings import PREFECT_API_URL, temporary_settings
from prefect.task_runners import TaskRunner, ThreadPoolTaskRunner

LOCAL = "local"
DASK = "dask"


def describe_runner(spec: str | None) -> str:
    """The normalised name of a task-runner setting: local, dask or a scheduler address."""
    spec = (spec or os.environ.get("SANDINGAN_TASK_RUNNER") or LOCAL).strip()
    return spec.lower() if spec.lower() in (LOCAL, DASK) else spec


def make_task_runner(spec: str | None = None, workers: int = 1) -> TaskRunner:
    """A Prefect task runner for ``spec`` (see the module docstring) with ``workers`` workers."""
    name = describe_runner(spec)
    workers = max(1, int(workers))
    if name == LOCAL:
        return ThreadPoolTaskRunner(max_workers=workers)
    from prefect_dask import DaskTaskRunner

    if name == DASK:
        return DaskTaskRunner(
            cluster_class="distributed.LocalCluster",
            cluster_kwargs={
                "n_workers": workers,
                "threads_per_worker": 1,
                "processes": True,
                "dashboard_address": ":0",  # a free port: runs side by side never clash
                "silence_logs": logging.ERROR,
                # one OCR thread per worker: the workers are the parallelism
                "env": {"OMP_THREAD_LIMIT": os.environ.get("OMP_THREAD_LIMIT", "1")},
            },
        )
    address = name if "://" in name else f"tcp://{name}"
    return DaskTaskRunner(address=address)


def runner_label(runner: TaskRunner) -> tuple[str, int]:
    """(kind, workers) of a started task runner, for the run summary."""
    if isinstance(runner, ThreadPoolTaskRunner):
        return LOCAL, int(getattr(runner, "_max_workers", 1) or 1)
    client = getattr(runner, "_client", None)
    workers = len(client.scheduler_info().get("workers", {})) if client is not None else 0
    if getattr(runner, "_cluster", None) is not None:
        return DASK, workers
    return str(getattr(runner, "address", None) or DASK), workers


@contextmanager
def api_for_workers(spec: str | None) -> Iterator[str | None]:
    """Make sure Dask workers report to this run's Prefect API; yield its URL.

    Without ``PREFECT_API_URL`` a flow run in this process uses a temporary server that only
    this process knows; each worker process would then start a server of its own. So for a
    Dask runner the temporary server is started here and its URL passed on (in the settings
    that travel with each task, and in the environment of local worker processes).
    """
    configured = PREFECT_API_URL.value()
    if describe_runner(spec) == LOCAL or configured:
        yield configured
        return
    from prefect.server.api.server import SubprocessASGIServer

    server = SubprocessASGIServer()
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
