"""PostgreSQL for real: a throw-away PostgreSQL 15 cluster, a run with 2 Dask workers into
it, a review decision through the app, and the same tables as the same run into SQLite.

Skips, saying why, where the PostgreSQL server binaries or psycopg are absent. The server
refuses to run as root, so as root the cluster is made and started as ``postgres``.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest
from fastapi.testclient import TestClient

from pipeline.flows.ingest import run_ingest
from pipeline.review.app import create_app
from pipeline.store import Store
from pipeline.tables.build import build_tables

pytestmark = pytest.mark.slow
PG_BIN = Path(os.environ.get("SANDINGAN_PG_BIN", "/usr/lib/postgresql/15/bin"))
LOCAL = "http://127.0.0.1"


def _as_server_user(args: list[str]) -> list[str]:
    """The command, run as ``postgres`` when this process is root."""
    return ["runuser", "-u", "postgres", "--", *args] if os.geteuid() == 0 else args


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def postgres_url() -> Iterator[str]:
    """A database URL of a fresh PostgreSQL cluster on a Unix socket, removed afterwards."""
    if not (PG_BIN / "initdb").exists():
        pytest.skip(f"PostgreSQL server binaries not found in {PG_BIN}")
    pytest.importorskip("psycopg", reason="psycopg is not installed")
    root = Path(tempfile.mkdtemp(prefix="sandingan-pg-"))
    if os.geteuid() == 0:
        shutil.chown(root, "postgres", "postgres")
    data, port = root / "data", _free_port()

    def run(*args: str) -> None:
        subprocess.run(
            _as_server_user([str(PG_BIN / args[0]), *args[1:]]), check=True, capture_output=True, timeout=120
        )

    try:
        run("initdb", "-D", str(data), "-U", "sandingan", "--auth=trust", "-E", "UTF8")
        run(
            "pg_ctl",
            "-D",
            str(data),
            "-l",
            str(root / "log"),
            "-w",
            "-o",
            f"-k {root} -p {port} -c listen_addresses=''",
            "start",
        )
        run("createdb", "-h", str(root), "-p", str(port), "-U", "sandingan", "sandingan")
        yield f"postgresql+psycopg://sandingan@/sandingan?host={root}&port={port}"
    finally:
        subprocess.run(
            _as_server_user([str(PG_BIN / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"]),
            capture_output=True,
            timeout=60,
        )
        shutil.rmtree(root, ignore_errors=True)


def _sorted(frame: pd.DataFrame) -> pd.DataFrame:
    """A table with its rows in a fixed order and every value as text (the two engines
    return numbers and JSON with different Python types)."""
    text = frame.astype(str)
    return text.sort_values(list(text.columns)).reset_index(drop=True)


def _tables(url: str) -> dict[str, pd.DataFrame]:
    store = Store(url)
    try:
        return {name: _sorted(t) for name, t in build_tables(store).items()}
    finally:
        store.dispose()


def _reject_first_agency(store: Store) -> str:
    """Reject the first AGENCY mention through the review app; return its id."""
    documents = sorted(d.id for d in store.documents())
    mention = next(
        m for d in documents for m in sorted(store.mentions_of(d), key=lambda m: m.id) if m.label == "AGENCY"
    )
    with TestClient(create_app(store), base_url=LOCAL) as client:
        page = client.get("/")
        csrf = re.search(r'name="csrf" value="([^"]+)"', page.text).group(1)
        response = client.post(
            "/decide",
            follow_redirects=False,
            data={"csrf": csrf, "mention_id": mention.id, "action": "reject", "reviewer": "Ana", "next": "/"},
        )
    assert response.status_code == 303, response.text
    return mention.id


def test_a_dask_run_into_postgresql_gives_the_tables_of_sqlite(
    postgres_url: str, corpus_factory, results_of, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = tmp_path / "corpus"
    corpus_factory(corpus, 4)
    monkeypatch.setenv("SANDINGAN_OCR", "0")
    monkeypatch.delenv("SANDINGAN_DB_URL", raising=False)
    lite = run_ingest(corpus, tmp_path / "lite")
    lite_url = f"sqlite:///{tmp_path / 'lite' / 'sandingan.db'}"

    monkeypatch.setenv("SANDINGAN_DB_URL", postgres_url)  # the workers inherit it
    summary = run_ingest(corpus, tmp_path / "pg", task_runner="dask", workers=2)
    assert (summary.task_runner, summary.workers) == ("dask", 2)
    assert summary.processed == lite.processed == 4 and summary.failed == []

    before = _tables(postgres_url)
    assert before.keys() == _tables(lite_url).keys()
    for name, table in _tables(lite_url).items():
        pd.testing.assert_frame_equal(before[name], table, obj=name)

    pg_store, lite_store = Store(postgres_url), Store(lite_url)
    try:
        rejected = _reject_first_agency(pg_store)
        assert [(d.target_id, d.action) for d in pg_store.decisions()] == [(rejected, "reject")]
        assert _reject_first_agency(lite_store) == rejected
    finally:
        pg_store.dispose()
        lite_store.dispose()
    after = _tables(postgres_url)
    assert any(not after[n].equals(before[n]) for n in after)  # the decision shows
    for name, table in _tables(lite_url).items():
        pd.testing.assert_frame_equal(after[name], table, obj=name)
