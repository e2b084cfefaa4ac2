"""A ``sandingan run`` killed with SIGKILL mid-run; the re-run stores every document once."""

from __future__ import annotations

import hashlib
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from pipeline.process import process_pdf

DOCS = 10
CLI = [sys.executable, "-c", "from pipeline.cli import main; main()"]


def run_env(tmp_path: Path) -> dict[str, str]:
    """The environment of the CLI subprocess: its own store in the output folder."""
    env = dict(os.environ)
    env.pop("SANDINGAN_DB_URL", None)
    env.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "180")
    return env


def stored_count(db: Path) -> int:
    """Documents committed to the store so far (0 while it does not exist yet)."""
    if not db.exists():
        return 0
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1) as conn:
            return conn.execute("select count(*) from documents").fetchone()[0]
    except sqlite3.OperationalError:  # table not created yet, or briefly locked
        return 0


def kill_after_first_document(cmd: list[str], env: dict[str, str], db: Path) -> int:
    """Start ``cmd``, SIGKILL its whole process group once a document is stored; the count."""
    proc = subprocess.Popen(
        cmd, env=env, start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    deadline = time.monotonic() + 300
    try:
        while time.monotonic() < deadline and proc.poll() is None:
            if stored_count(db) >= 1:
                os.killpg(proc.pid, signal.SIGKILL)
                break
            time.sleep(0.02)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
    assert proc.returncode == -signal.SIGKILL, "the run ended before it could be killed"
    return stored_count(db)


def rows_per_document(db: Path, table: str) -> dict[str, int]:
    """document id -> number of rows in ``table``."""
    with sqlite3.connect(db) as conn:
        rows = conn.execute(f"select document_id, count(*) from {table} group by document_id")
        return dict(rows.fetchall())


@pytest.mark.slow
def test_killed_run_is_finished_by_the_next_without_duplicates(tmp_path: Path, corpus_factory) -> None:
    corpus, out = tmp_path / "corpus", tmp_path / "out"
    files = corpus_factory(corpus, DOCS, pages=3)
    db = out / "sandingan.db"
    cmd = [*CLI, "run", str(corpus), "--out", str(out)]

    stored_at_kill = kill_after_first_document(cmd, run_env(tmp_path), db)
    assert 1 <= stored_at_kill < DOCS
    with sqlite3.connect(db) as conn:
        assert conn.execute("pragma integrity_check").fetchone()[0] == "ok"

    rerun = subprocess.run(cmd, env=run_env(tmp_path), capture_output=True, text=True, timeout=600)
    assert rerun.returncode == 0, rerun.stderr
    assert f"{DOCS - stored_at_kill} processed, {stored_at_kill} unchanged" in rerun.stdout

    expected = {hashlib.sha256(f.read_bytes()).hexdigest(): process_pdf(f) for f in files}
    with sqlite3.connect(db) as conn:
        ids = [r[0] for r in conn.execute("select id from documents")]
    assert sorted(ids) == sorted(expected)  # every document, each once
    passages, mentions = rows_per_document(db, "passages"), rows_per_document(db, "mentions")
    for doc_id, result in expected.items():
        assert passages.get(doc_id, 0) == len(result.passages)
        assert mentions.get(doc_id, 0) == len(result.mentions)


def test_a_terminated_run_takes_its_prefect_server_and_reader_with_it(tmp_path: Path, corpus_factory) -> None:
    import psutil

    corpus_factory(tmp_path / "corpus", 6, 3)
    env = run_env(tmp_path) | {"SANDINGAN_OCR": "0"}
    proc = subprocess.Popen(
        [*CLI, "run", str(tmp_path / "corpus"), "--out", str(tmp_path / "out")],
        env=env,
        start_new_session=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    servers: list[psutil.Process] = []
    readers: list[psutil.Process] = []
    deadline = time.monotonic() + 180
    try:
        while not (servers and readers) and time.monotonic() < deadline and proc.poll() is None:
            children = psutil.Process(proc.pid).children(recursive=True)
            servers = [c for c in children if "uvicorn" in " ".join(c.cmdline())]
            readers = [c for c in children if "spawn_main" in " ".join(c.cmdline())]
            time.sleep(0.1)
        assert servers, "the run started no Prefect server"
        assert readers, "the run started no reader process"
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=60) == 128 + signal.SIGTERM
        gone, alive = psutil.wait_procs(servers + readers, timeout=20)
        assert alive == []
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
        for child in servers + readers:
            if child.is_running():
                child.kill()
    assert not list((tmp_path / "out").glob(".*.tmp"))
