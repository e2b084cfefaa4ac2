"""The ``sandingan`` command line: each command module registers on the apps in ``apps``.

Command modules are loaded when needed (lazy command loading, as click's lazy groups do):
``from pipeline.cli import app`` gives the app with every command registered, and the
``sandingan`` script loads only the module of a line-oriented command (``classify``,
``langid``, ``extract``) when that is the command given, so they start without the store,
the flows and pandas; any other command loads every module.
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
LIGHT_COMMANDS = ("classify", "langid", "extract")


def load_commands(argv: list[str] | None = None) -> None:
    """Register the command modules ``argv`` needs (all of them unless its first argument
    is one of :data:`LIGHT_COMMANDS`)."""
    first = argv[1] if argv and len(argv) > 1 else None
    for name in (first,) if first in LIGHT_COMMANDS else COMMAND_MODULES:
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
