"""The ``sandingan`` command line: each command module registers on the apps in ``apps``.

Command modules are loaded when needed (lazy command loading, as click's lazy groups do):
``from pipeline.cli import app`` gives the app with every command registered, and the
``sandingan`` script loads only the modules that register the command or group it is
given (:data:`COMMAND_HOMES`): ``classify``, ``langid`` and ``extract`` start without the
store, the flows and pandas, and ``run`` without the review app, the benchmarks and the
training code. Without a known command (``--help``, a typo) every module is loaded, so
the help lists every command.
"""

from __future__ import annotations

import importlib
import signal
import sys
from typing import Any

from pipeline.cli import apps
from pipeline.settings import configure_offline, limit_malloc_arenas

COMMAND_MODULES = (
    "run",
    "extract",
    "langid",
    "classify",
    "review",
    "bench",
    "bench_runs",
    "evaluate_entities",
    "train_models",
    "train_ner",
    "train_langid",
)
# the modules that register each top-level command or command group (a test checks this
# against the app with every module loaded)
COMMAND_HOMES: dict[str, tuple[str, ...]] = {
    "run": ("run",),
    "tables": ("run",),
    "extract": ("extract",),
    "langid": ("langid",),
    "classify": ("classify",),
    "review": ("review",),
    "bench": ("bench", "bench_runs", "classify"),
    "evaluate": ("evaluate_entities", "train_langid", "train_models", "train_ner"),
    "train": ("train_langid", "train_models", "train_ner"),
    "models": ("train_models",),
}


def load_commands(argv: list[str] | None = None) -> None:
    """Register the command modules ``argv`` needs: those of its command (its first
    argument) when that is one of :data:`COMMAND_HOMES`, else all of them."""
    first = argv[1] if argv and len(argv) > 1 else None
    for name in COMMAND_HOMES.get(first or "", COMMAND_MODULES):
        importlib.import_module(f"pipeline.cli.{name}")


def __getattr__(name: str) -> Any:
    """``app``: the typer app with every command registered."""
    if name == "app":
        load_commands()
        return apps.app
    raise AttributeError(name)


def exit_on_signal(signum: int, _frame: Any) -> None:
    """SIGTERM or SIGHUP end the command as an exception would: ``finally`` blocks and exit
    handlers run, so the temporary Prefect server and temporary files go with it."""
    raise SystemExit(128 + signum)


def main() -> None:
    """Entry point of the ``sandingan`` script."""
    for sig in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(sig, exit_on_signal)
    limit_malloc_arenas()  # before any thread starts
    configure_offline()
    load_commands(sys.argv)
    apps.app()
