"""The command line loads only the modules a command needs, and none is forgotten."""

from __future__ import annotations

import json
import subprocess
import sys

from pipeline import cli
from pipeline.cli import COMMAND_HOMES, COMMAND_MODULES, apps


def _registered() -> dict[str, set[str]]:
    """Every top-level command or group of the full app -> the modules registering it."""
    cli.load_commands()
    homes: dict[str, set[str]] = {}
    for command in apps.app.registered_commands:
        homes.setdefault(command.name, set()).add(command.callback.__module__)
    for group in apps.app.registered_groups:
        modules = {c.callback.__module__ for c in group.typer_instance.registered_commands}
        callback = group.typer_instance.registered_callback
        if callback is not None and callback.callback is not None:
            modules.add(callback.callback.__module__)
        homes[group.name] = modules
    return homes


def test_every_command_has_its_modules_listed() -> None:
    registered = _registered()
    assert set(registered) == set(COMMAND_HOMES)
    for name, modules in registered.items():
        listed = {f"pipeline.cli.{m}" for m in COMMAND_HOMES[name]}
        assert modules <= listed, name


def test_every_listed_module_exists_and_registers_something() -> None:
    used = {m for modules in COMMAND_HOMES.values() for m in modules}
    assert used == set(COMMAND_MODULES)


def test_run_starts_without_the_review_app_and_training_code() -> None:
    code = (
        "import json, sys; from pipeline import cli; cli.load_commands(['sandingan', 'run']); "
        "print(json.dumps(sorted(m for m in sys.modules if m.startswith(('pipeline.cli.', 'pipeline.review', "
        "'pipeline.train', 'pipeline.bench', 'fastapi')))))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    loaded = json.loads(out)
    assert "pipeline.cli.run" in loaded
    assert not [
        m for m in loaded if m.startswith(("pipeline.review", "pipeline.train", "pipeline.bench", "fastapi"))
    ]


def test_an_unknown_command_loads_everything_so_help_lists_all() -> None:
    code = (
        "import json, sys; from pipeline import cli; cli.load_commands(['sandingan', '--help']); "
        "print(json.dumps(sorted(m for m in sys.modules if m.startswith('pipeline.cli.'))))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert {f"pipeline.cli.{m}" for m in COMMAND_MODULES} <= set(json.loads(out))
