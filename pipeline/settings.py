"""Settings read from the environment (``SANDINGAN_*``), with defaults for one user."""

from __future__ import annotations

import ctypes
import os
from dataclasses import dataclass, field
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
PACKAGE_DATA = Path(__file__).resolve().parent / "data"
REVIEW_EXPORT_NAME = "reviewed_annotations.jsonl"  # `review export` default, in out_dir
ONEDNN_CACHE = "16"  # kernels oneDNN keeps (see configure_offline)
CLASSIFY_THREADS_ENV = "SANDINGAN_CLASSIFY_THREADS"  # batches the classifier scores at once


def shared_root() -> Path:
    """The shared data folder beside the project (``../shared``: corpus, pool, gold, seeds)."""
    return PROJECT_ROOT.parent / "shared"


def _env_path(name: str, default: Path) -> Path:
    value = os.environ.get(name)
    return Path(value) if value else default


@dataclass
class Settings:
    """Where things live and how the pipeline runs."""

    out_dir: Path = field(default_factory=lambda: _env_path("SANDINGAN_OUT", PROJECT_ROOT / "outputs"))
    models_dir: Path = field(default_factory=lambda: _env_path("SANDINGAN_MODELS", PROJECT_ROOT / "models"))
    samples_dir: Path = PROJECT_ROOT / "corpus" / "samples"
    db_url: str | None = field(default_factory=lambda: os.environ.get("SANDINGAN_DB_URL"))
    ocr: bool = field(default_factory=lambda: os.environ.get("SANDINGAN_OCR", "1") != "0")
    task_runner: str = field(default_factory=lambda: os.environ.get("SANDINGAN_TASK_RUNNER", ""))

    @property
    def database_url(self) -> str:
        """The SQLAlchemy URL of the store: the setting, else SQLite in the output folder."""
        return self.db_url or f"sqlite:///{(self.out_dir / 'sandingan.db').resolve()}"


def configure_offline() -> None:
    """Set the variables that keep libraries off the network and torch on one thread."""
    for key, value in {
        "HF_HUB_OFFLINE": "1",
        "TRANSFORMERS_OFFLINE": "1",
        "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
        "DO_NOT_TRACK": "1",
        "TOKENIZERS_PARALLELISM": "false",
        # oneDNN keeps compiled kernels per tensor shape (1,024 by default, 160 MB more as
        # passage lengths vary); 16 hold the four fused products of two batches side by
        # side (8 made the fused layers slower than plain ones, 2026-12-05)
        "ONEDNN_PRIMITIVE_CACHE_CAPACITY": ONEDNN_CACHE,
    }.items():
        os.environ.setdefault(key, value)


def available_cores() -> int:
    """How many CPU cores this process may run on (its affinity mask where the OS has one)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)


def classify_threads() -> int:
    """How many batches the classifier scores at once, each on its own thread:
    ``SANDINGAN_CLASSIFY_THREADS`` when set (worker processes get their share of the cores
    there), else every core this process may use. A bad value is an error, not a default."""
    value = os.environ.get(CLASSIFY_THREADS_ENV, "").strip()
    if not value:
        return available_cores()
    if not value.isdigit() or int(value) < 1:
        raise ValueError(f"{CLASSIFY_THREADS_ENV} must be a whole number of threads (1 or more): {value!r}")
    return int(value)


def threads_per_worker(workers: int, cores: int | None = None) -> int:
    """Each of ``workers`` processes' share of the cores (at least one thread)."""
    return max(1, (cores or available_cores()) // max(1, int(workers)))


def peak_rss_mb() -> float:
    """This process's peak resident memory in MB: Linux's ``VmHWM``, which starts afresh at
    exec (``ru_maxrss``, the fallback elsewhere, can carry a parent's peak over a fork)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024.0
    except OSError:
        pass
    import resource  # lazy: POSIX only

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


M_ARENA_MAX = -8  # glibc's mallopt parameter for the number of malloc arenas
MALLOC_ARENAS = 2


def limit_malloc_arenas(count: int = MALLOC_ARENAS) -> bool:
    """Cap glibc's malloc arenas at ``count`` for this process (by default each thread that
    allocates may get its own, up to eight per core; the classifier's threads each kept one
    full of freed activations). Over the 34 corpus files the default run peaked at 900 and
    879 MB instead of 955 and 941 MB, as fast (2026-12-04). Left alone when the user set
    ``MALLOC_ARENA_MAX``; False where it cannot be done (not glibc)."""
    if os.environ.get("MALLOC_ARENA_MAX"):
        return False
    try:
        return bool(ctypes.CDLL("libc.so.6").mallopt(M_ARENA_MAX, count))
    except (OSError, AttributeError):
        return False


def release_heap() -> bool:
    """Hand the free memory at the top and inside the C heap back to the system (glibc's
    ``malloc_trim``): after a document's passages are scored, the encoder's freed
    activations would otherwise stay resident. False where it cannot be done (not glibc)."""
    try:
        return bool(ctypes.CDLL("libc.so.6").malloc_trim(0))
    except (OSError, AttributeError):
        return False
