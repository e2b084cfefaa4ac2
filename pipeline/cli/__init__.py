"""The ``sandingan`` command line: each command module registers on the apps in ``apps``."""

from __future__ import annotations

import importlib

from pipeline.cli.apps import app
from pipeline.settings import configure_offline

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
)

for _name in COMMAND_MODULES:
    importlib.import_module(f"pipeline.cli.{_name}")


def main() -> None:
    """Entry point of the ``sandingan`` script."""
    configure_offline()
    app()
