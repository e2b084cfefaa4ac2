"""``sandingan langid`` through Typer's test runner: JSON Lines in, JSON Lines out."""

from __future__ import annotations

import json
import sys
import types
from pathlib import Path

import pytest
from typer.testing import CliRunner

ID_TEXT = (
    "Pemerintah daerah wajib menyusun rencana induk kota cerdas sesuai dengan ketentuan "
    "peraturan perundang-undangan."
)
EN_TEXT = (
    "The city government shall prepare a smart city master plan in line with the "
    "national framework and the law."
)


def _cli_app():
    """pipeline.cli.apps.app with the langid command registered.

    When another command module listed in pipeline/cli/__init__.py does not exist yet, the
    package is bypassed and only apps and the module under test are imported.
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
    import pipeline.cli.langid  # noqa: F401
    from pipeline.cli.apps import app

    return app


@pytest.fixture(scope="module")
def run():
    app = _cli_app()
    runner = CliRunner()

    def invoke(lines: list[str], *args: str):
        return runner.invoke(app, ["langid", *args], input="".join(line + "\n" for line in lines))

    return invoke


def _out(result) -> list[dict]:
    return [json.loads(line) for line in result.stdout.splitlines()]


def test_json_lines_in_and_out(run) -> None:
    lines = [json.dumps({"id": "a", "text": ID_TEXT}), json.dumps({"id": 7, "text": EN_TEXT})]
    result = run(lines)
    assert result.exit_code == 0, result.output
    out = _out(result)
    assert [(o["id"], o["lang"]) for o in out] == [("a", "id"), (7, "en")]
    assert all(set(o) == {"id", "lang", "confidence"} for o in out)
    assert all(0.5 < o["confidence"] <= 1 for o in out)


def test_bad_lines_get_an_error_line_in_place_and_exit_code_1(run) -> None:
    lines = [
        json.dumps({"id": 1, "text": ID_TEXT}),
        "{not json",
        json.dumps(["a list"]),
        json.dumps({"id": 4}),
        "",
        json.dumps({"id": 6, "text": EN_TEXT}),
    ]
    result = run(lines)
    assert result.exit_code == 1
    out = _out(result)
    assert [o["id"] for o in out] == [1, 2, 3, 4, 6]
    assert [o.get("error", "")[:8] for o in out] == ["", "not JSON", "not a JS", "no strin", ""]
    assert [o["line"] for o in out if "error" in o] == [2, 3, 4]
    errors = result.stderr.strip().splitlines()
    assert [e.split(":")[1].strip() for e in errors] == ["line 2", "line 3", "line 4"]


def test_nested_binary_surrogate_and_nan_lines_lose_nothing() -> None:
    lines = [
        b"[" * 100_000 + b"]" * 100_000,
        b"\xff\xfe not text",
        b'{"id": "s", "text": "Kota \\ud800 cerdas"}',
        b'{"id": NaN, "text": "x"}',
        json.dumps({"id": "ok", "text": EN_TEXT}).encode(),
    ]
    result = CliRunner().invoke(_cli_app(), ["langid"], input=b"\n".join(lines) + b"\n")
    assert result.exit_code == 1
    out = _out(result)  # every line is strict JSON
    assert [o["id"] for o in out] == [1, 2, "s", 4, "ok"]
    assert out[0]["error"] == "JSON nested too deeply"
    assert out[1]["error"] == "not UTF-8 text" and "error" in out[3]
    assert out[2]["lang"] in ("id", "en", "ms", "other")


def test_lines_are_one_sequence_so_short_lines_take_their_neighbours(run) -> None:
    cell = json.dumps({"id": "cell", "text": "Total"})
    in_indonesian = _out(run([json.dumps({"text": ID_TEXT}), cell, json.dumps({"text": ID_TEXT})]))
    in_english = _out(run([json.dumps({"text": EN_TEXT}), cell, json.dumps({"text": EN_TEXT})]))
    assert in_indonesian[1]["lang"] == "id"
    assert in_english[1]["lang"] == "en"
    assert in_indonesian[1]["confidence"] <= 0.6


def test_missing_id_is_the_line_number(run) -> None:
    out = _out(run([json.dumps({"text": EN_TEXT}), json.dumps({"text": ID_TEXT})]))
    assert [o["id"] for o in out] == [1, 2]


def test_independent_judges_each_line_alone(run) -> None:
    lines = [json.dumps({"text": ID_TEXT}), json.dumps({"text": "2019"})]
    out = _out(run(lines, "--independent"))
    assert out[1] == {"id": 2, "lang": "other", "confidence": 0.0}
    assert _out(run(lines))[1]["lang"] == "id"
