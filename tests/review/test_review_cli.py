"""``sandingan review``: refuses a non-local bind without token; ``review export`` writes JSONL."""

from __future__ import annotations

import json

from review_helpers import sample
from typer.testing import CliRunner

TOKEN = "Xq3v9-Lr8sTz2Kw7pN4mB6"


def cli():
    """The ``sandingan`` Typer app with the review commands registered."""
    import pipeline.cli.review  # noqa: F401  (registers the review commands)
    from pipeline.cli.apps import app

    return app


def test_a_non_local_bind_without_token_gets_a_generated_one(monkeypatch, tmp_path):
    monkeypatch.delenv("SANDINGAN_REVIEW_TOKEN", raising=False)
    monkeypatch.setenv("SANDINGAN_OUT", str(tmp_path))
    served = {}
    monkeypatch.setattr("uvicorn.run", lambda app, host, port, **kw: served.update(app=app))
    result = CliRunner().invoke(
        cli(), ["review", "--host", "0.0.0.0", "--port", "1", "--db", str(tmp_path / "s.db")]
    )
    assert result.exit_code == 0, result.output
    saved = tmp_path / "review_token"
    token = saved.read_text().strip()
    assert len(token) >= 32 and (saved.stat().st_mode & 0o777) == 0o600
    assert token not in result.output and f"({token[:4]}...)" in result.output
    from fastapi.testclient import TestClient

    client = TestClient(served["app"], base_url="http://0.0.0.0")
    assert client.get("/").status_code == 401
    assert client.get(f"/?token={token}", follow_redirects=False).status_code == 303


def test_check_bind_still_refuses_a_non_local_bind_without_token():
    import pytest

    from pipeline.review.security import BindRefused, check_bind

    with pytest.raises(BindRefused, match="token"):
        check_bind("0.0.0.0", None)


def test_review_serves_with_token_on_a_non_local_bind(monkeypatch):
    served = {}
    monkeypatch.setattr("uvicorn.run", lambda app, host, port, **kw: served.update(host=host, port=port))
    result = CliRunner().invoke(
        cli(), ["review", "--host", "0.0.0.0", "--port", "9999", "--token", TOKEN, "--db", "sqlite://"]
    )
    assert result.exit_code == 0, result.output
    assert served == {"host": "0.0.0.0", "port": 9999}
    assert "?token=<your access token>" in result.output and TOKEN not in result.output


def test_review_refuses_weak_tokens(monkeypatch):
    monkeypatch.setattr("uvicorn.run", lambda *a, **kw: None)
    for token, why in (
        (" ", "at least 16 characters"),
        ("s3cret", "at least 16 characters"),
        ("a long token with spaces", "must not contain spaces"),
    ):
        result = CliRunner().invoke(cli(), ["review", "--token", token, "--db", "sqlite://"])
        assert result.exit_code == 2 and why in result.output, result.output


def test_review_defaults_to_localhost_8765(monkeypatch, tmp_path):
    served = {}
    monkeypatch.setattr("uvicorn.run", lambda app, host, port, **kw: served.update(host=host, port=port))
    result = CliRunner().invoke(cli(), ["review", "--db", str(tmp_path / "s.db")])
    assert result.exit_code == 0, result.output
    assert served == {"host": "127.0.0.1", "port": 8765}


def test_review_export_writes_reviewed_passages(tmp_path):
    store = sample.build_sample_store(tmp_path)
    sample.decide(store, sample.mention_of(store, "MDEC", "AGENCY"), "reject")
    out = tmp_path / "reviewed.jsonl"
    result = CliRunner().invoke(
        cli(), ["review", "export", "--out", str(out), "--db", f"sqlite:///{tmp_path / 'store.db'}"]
    )
    assert result.exit_code == 0, result.output
    lines = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert len(lines) == 1 and lines[0]["rejected"][0]["text"] == "MDEC"
    store.dispose()
