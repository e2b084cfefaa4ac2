"""The classify, train/models/evaluate and bench commands through Typer's test runner."""

from __future__ import annotations

import json
import sys
import types
from pathlib import Path

import pytest
from typer.testing import CliRunner


def _cli_app():
    """pipeline.cli.apps.app with this area's commands registered.

    When some other command module listed in pipeline/cli/__init__.py does not exist yet,
    the package is bypassed and only apps + the modules under test are imported.
    """
    try:
        import pipeline.cli  # noqa: F401
    except ModuleNotFoundError:
        root = Path(__file__).resolve().parents[2] / "pipeline" / "cli"
        for name in [n for n in sys.modules if n == "pipeline.cli" or n.startswith("pipeline.cli.")]:
            del sys.modules[name]
        package = types.ModuleType("pipeline.cli")
        package.__path__ = [str(root)]
        sys.modules["pipeline.cli"] = package
    import pipeline.cli.classify  # noqa: F401
    import pipeline.cli.train_models  # noqa: F401
    from pipeline.cli.apps import app

    return app


@pytest.fixture()
def cli(tmp_path, monkeypatch):
    from pipeline.classify.predictor import clear_cache

    monkeypatch.setenv("SANDINGAN_MODELS", str(tmp_path / "models"))
    clear_cache()
    return CliRunner(), _cli_app()


def test_classify_reads_json_lines_and_reports_bad_lines(cli, tmp_path):
    runner, app = cli
    source = tmp_path / "in.jsonl"
    source.write_text(
        '{"id": "a", "text": "Program mobilitas cerdas kota.", "lang": "id"}\n'
        "not json\n"
        '{"id": "b", "text": "Smart living and hospitals."}\n'
    )
    result = runner.invoke(app, ["classify", str(source)])
    assert result.exit_code == 1
    lines = [json.loads(x) for x in result.stdout.splitlines()]
    assert [x["id"] for x in lines] == ["a", 2, "b"]
    assert lines[0]["dimensions"][0]["label"] == "mobility"
    assert lines[1] == {"id": 2, "line": 2, "error": "not JSON (Expecting value)"}
    assert "line 2" in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_classify_gives_every_line_one_answer_with_unique_ids(cli, tmp_path):
    runner, app = cli
    source = tmp_path / "in.jsonl"
    rows = [json.dumps({"text": f"Passage {i} on city buses."}) for i in range(70)]
    rows[30] = json.dumps({"id": "p", "text": "x", "page": "three"})
    source.write_text("\n".join(rows) + "\n")
    result = runner.invoke(app, ["classify", str(source)])
    assert result.exit_code == 1
    lines = [json.loads(x) for x in result.stdout.splitlines()]
    assert [x["id"] for x in lines] == [*range(1, 31), "p", *range(32, 71)]
    assert lines[30]["error"] == '"page" must be int'


def test_models_list_and_promote_refusal(cli, tmp_path):
    from pipeline.registry import METRICS_FILE
    from pipeline.train.registry import new_version_dir

    runner, app = cli
    models = tmp_path / "models"
    for macro, ci in [(0.8, [0.75, 0.85]), (0.5, [0.4, 0.6])]:
        path = new_version_dir("dimensions", models)
        (path / METRICS_FILE).write_text(
            json.dumps({"macro": {"f1": macro, "ci": ci}, "per_language": {"en": {"macro_f1": macro}}})
        )
    assert runner.invoke(app, ["models", "promote", "dimensions", "v1"]).exit_code == 0
    refused = runner.invoke(app, ["models", "promote", "dimensions", "v2"])
    assert refused.exit_code == 1 and "refused" in refused.stderr
    forced = runner.invoke(app, ["models", "promote", "dimensions", "v2", "--force"])
    assert forced.exit_code == 0 and "FORCED" in forced.stdout
    listing = runner.invoke(app, ["models", "list"])
    assert "* dimensions/v2" in listing.stdout and "dimensions/v1" in listing.stdout


def test_evaluate_dimensions_lexicon_reports_languages(cli, tmp_path):
    runner, app = cli
    gold = tmp_path / "gold"
    gold.mkdir()
    (gold / "d.json").write_text(
        json.dumps(
            {
                "passages": [
                    {"text": "Bus and traffic.", "language": "en", "dimensions": ["mobility"]},
                    {"text": "Bank sampah warga.", "language": "id", "dimensions": ["environment"]},
                ]
            }
        )
    )
    result = runner.invoke(app, ["evaluate", "dimensions", "--version", "lexicon", "--gold", str(gold)])
    assert result.exit_code == 0, result.output
    assert "[en]" in result.stdout and "[id]" in result.stdout


def test_train_dimensions_command_creates_a_version(cli, tmp_path, tiny_base, tiny_gold):
    runner, app = cli
    result = runner.invoke(
        app,
        [
            "train",
            "dimensions",
            "--base-model",
            str(tiny_base),
            "--gold",
            str(tiny_gold),
            "--seed-table",
            "none",
            "--epochs",
            "3",
            "--encoder-layers",
            "0",
        ],
    )
    assert result.exit_code == 0, result.output
    assert (tmp_path / "models" / "dimensions" / "v1" / "metrics.json").exists()
    assert "[id]" in result.stdout
