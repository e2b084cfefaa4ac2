"""Where documents are processed: the task-runner setting, a ``dask`` runner's local
cluster, and what each worker process runs first.

No Prefect here: ``sandingan run`` starts the cluster before it imports Prefect, so the
workers load the stages' models while the command imports Prefect and starts its server.
"""

from __future__ import annotations

import logging
import os
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

from pipeline.settings import CLASSIFY_THREADS_ENV, configure_offline

LOCAL = "local"
DASK = "dask"


def describe_runner(spec: str | None) -> str:
    """The normalised name of a task-runner setting: local, dask or a scheduler address."""
    spec = (spec or os.environ.get("SANDINGAN_TASK_RUNNER") or LOCAL).strip()
    return spec.lower() if spec.lower() in (LOCAL, DASK) else spec


# glibc settings of Dask worker processes. Dask's default (MALLOC_TRIM_THRESHOLD_=65536) also
# fixes the mmap threshold at 128 KB, so every encoder activation is a fresh memory map:
# classification took 1.4x as long in a Dask worker as in this process (2026-12-03). These
# keep blocks up to 32 MB on the heap; the classifier gives memory back after each document.
WORKER_MALLOC = {"MALLOC_TRIM_THRESHOLD_": str(64 << 20), "MALLOC_MMAP_THRESHOLD_": str(32 << 20)}


def dask_cluster_kwargs(workers: int) -> dict[str, Any]:
    """``distributed.LocalCluster`` arguments of a ``dask`` runner: ``workers`` processes of
    one thread each (one OCR and one classifier thread too: the workers are the parallelism),
    with the heap settings of :data:`WORKER_MALLOC`."""
    import dask.config  # lazy: Dask

    dask.config.set({f"distributed.nanny.pre-spawn-environ.{k}": v for k, v in WORKER_MALLOC.items()})
    return {
        "n_workers": workers,
        "threads_per_worker": 1,
        "processes": True,
        "dashboard_address": ":0",  # a free port: runs side by side never clash
        "silence_logs": logging.ERROR,
        "env": {
            "OMP_THREAD_LIMIT": os.environ.get("OMP_THREAD_LIMIT", "1"),
            CLASSIFY_THREADS_ENV: os.environ.get(CLASSIFY_THREADS_ENV, "1"),
        },
    }


# Scheduler addresses of the clusters this process started itself (see :class:`WarmCluster`).
OWN_CLUSTERS: set[str] = set()


class WarmCluster:
    """A ``dask`` runner's local cluster, started before the flow and warmed up.

    :meth:`start` starts the worker processes and loads the stages' models in each (what a
    worker's first document would otherwise wait for); ``sandingan run`` calls it on a
    helper thread (:meth:`start_in_background`) before it imports Prefect, so the workers'
    warm-up overlaps the command's own start. The flow then connects to it by its address,
    and :meth:`close` stops it.
    """

    def __init__(self, workers: int) -> None:
        self.workers = max(1, int(workers))
        self.cluster: Any = None
        self._helper: ThreadPoolExecutor | None = None
        self._starting: Future[None] | None = None

    def start_in_background(self) -> None:
        """Start (see :meth:`start`) on a helper thread; :meth:`wait` joins it."""
        import distributed  # noqa: F401  # lazy: Dask, imported here, never by two threads at once

        self._helper = ThreadPoolExecutor(1, thread_name_prefix="dask-cluster")
        self._starting = self._helper.submit(self.start)

    def wait(self) -> None:
        """Return when the cluster is up and warm (raises what the start raised)."""
        if self._starting is not None:
            self._starting.result()

    def start(self) -> None:
        """Start the workers and warm them up (a worker whose warm-up fails still starts)."""
        from distributed import Client, LocalCluster  # lazy: Dask

        self.cluster = LocalCluster(**dask_cluster_kwargs(self.workers))
        OWN_CLUSTERS.add(self.cluster.scheduler_address)
        with Client(self.cluster, set_as_default=False) as client:
            client.run(warm_worker)

    @property
    def address(self) -> str:
        """The scheduler's address (after :meth:`start`)."""
        if self.cluster is None:
            raise RuntimeError("the cluster has not been started")
        return str(self.cluster.scheduler_address)

    def close(self) -> None:
        """Stop the workers and the scheduler (nothing when it never started); a start still
        under way is waited for first."""
        if self._helper is not None:
            self._helper.shutdown(wait=True)
            self._helper = None
        if self.cluster is not None:
            OWN_CLUSTERS.discard(self.cluster.scheduler_address)
            self.cluster.close()
            self.cluster = None


def warm_worker() -> bool:
    """In a Dask worker: the pipeline imported and its models loaded before the first
    document. False when the warm-up failed; the documents then report the error."""
    prepare_worker(1)
    try:
        from pipeline.process import warm_up  # lazy: torch, spaCy and the models

        warm_up()
    except Exception:  # noqa: BLE001  # each document reports it, with its file
        logging.getLogger(__name__).warning("worker warm-up failed", exc_info=True)
        return False
    return True


def prepare_worker(classify_threads: int = 1) -> None:
    """Run once in each local worker process: offline settings, the worker's share of the
    classifier's threads, and the pipeline's modules imported before the first document (never by two
    tasks at once). Tesseract gets one thread per page where it is called."""
    os.environ.setdefault(CLASSIFY_THREADS_ENV, str(classify_threads))
    configure_offline()
    import pipeline.process  # noqa: F401  # lazy: the worker's spaCy and torch, once, before its first document
