"""``sandingan run`` and ``sandingan tables`` through the command line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pipeline.cli import app

pytestmark = pytest.mark.slow


@pytest.fixture(autouse=True)
def own_store(monkeypatch: pytest.MonkeyPatch) -> None:
    """The store is the output folder's SQLite file."""
    monkeypatch.delenv("SANDINGAN_DB_URL", raising=False)


def test_run_writes_tables_then_finds_nothing_changed(small_corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    (small_corpus / "broken.pdf").write_bytes(b"%PDF-1.4 truncated download")
    first = CliRunner().invoke(app, ["run", str(small_corpus), "--out", str(out)])
    assert first.exit_code == 0, first.output
    assert "4 PDF(s)" in first.stdout and "3 processed" in first.stdout
    assert first.stdout.strip().splitlines()[-1].startswith("FAILED broken.pdf")
    assert (out / "documents.csv").is_file() and (out / "sandingan.db").is_file()
    second = CliRunner().invoke(app, ["run", str(small_corpus), "--out", str(out)])
    assert second.exit_code == 0
    assert "nothing changed" in second.stdout and "4 unchanged" in second.stdout
    assert json.loads((out / "last_run.json").read_text())["processed"] == 0
    forced = CliRunner().invoke(app, ["run", str(small_corpus), "--out", str(out), "--always-flow"])
    assert forced.exit_code == 0 and "nothing changed" not in forced.stdout
    assert "0 processed, 4 unchanged" in forced.stdout


def test_tables_rebuilds_from_the_store(small_corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert CliRunner().invoke(app, ["run", str(small_corpus), "--out", str(out)]).exit_code == 0
    (out / "documents.csv").unlink()
    result = CliRunner().invoke(app, ["tables", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert (out / "documents.csv").is_file()
    assert "documents 3" in result.stdout


def test_missing_corpus_is_a_usage_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["run", str(tmp_path / "absent"), "--out", str(tmp_path)])
    assert result.exit_code == 2
    assert "corpus folder not found" in result.stderr


def test_a_damaged_store_gives_one_clear_line(small_corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert CliRunner().invoke(app, ["run", str(small_corpus), "--out", str(out)]).exit_code == 0
    db = out / "sandingan.db"
    data = bytearray(db.read_bytes())
    data[4096:] = b"\x5a" * (len(data) - 4096)  # every page after the first overwritten
    db.write_bytes(bytes(data))
    for args in (["tables", "--out", str(out)], ["run", str(small_corpus), "--out", str(out)]):
        result = CliRunner().invoke(app, args)
        assert result.exit_code == 1
        [line] = result.stderr.strip().splitlines()
        assert "is damaged" in line and "move it aside" in line, line


def test_renamed_files_are_followed_and_gone_ones_left_out(small_corpus: Path, tmp_path: Path) -> None:
    import pandas as pd

    from pipeline.store import Store

    out = tmp_path / "out"
    assert CliRunner().invoke(app, ["run", str(small_corpus), "--out", str(out)]).exit_code == 0
    (small_corpus / "doc_00.pdf").rename(small_corpus / "renamed.pdf")
    kept = (small_corpus / "doc_01.pdf").read_bytes()
    (small_corpus / "doc_01.pdf").unlink()
    second = CliRunner().invoke(app, ["run", str(small_corpus), "--out", str(out)])
    assert second.exit_code == 0, second.output
    assert "1 renamed file(s) followed" in second.stdout
    assert "GONE doc_01.pdf: the file is gone; kept in the store" in second.stdout
    assert len(pd.read_csv(out / "documents.csv")) == 2
    store = Store(f"sqlite:///{out / 'sandingan.db'}")
    try:
        docs = {d.file: d for d in store.documents()}
    finally:
        store.dispose()
    assert docs["renamed.pdf"].path == str(small_corpus / "renamed.pdf")
    assert docs["doc_01.pdf"].missing and len(docs) == 3
    (small_corpus / "doc_01.pdf").write_bytes(kept)
    third = CliRunner().invoke(app, ["run", str(small_corpus), "--out", str(out)])
    assert third.exit_code == 0 and "GONE" not in third.stdout
    assert len(pd.read_csv(out / "documents.csv")) == 3


def test_a_dask_run_warms_its_cluster_up_while_prefect_starts_and_stops_it(
    small_corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pipeline.flows import workers

    started: list[workers.WarmCluster] = []
    original = workers.WarmCluster.start

    def start(self: workers.WarmCluster) -> None:
        started.append(self)
        original(self)

    monkeypatch.setattr(workers.WarmCluster, "start", start)
    out = tmp_path / "out"
    result = CliRunner().invoke(
        app, ["run", str(small_corpus), "--out", str(out), "--task-runner", "dask", "--workers", "2"]
    )
    assert result.exit_code == 0, result.output
    assert "3 processed" in result.stdout and "(dask, 2 worker(s))" in result.stdout
    assert len(started) == 1 and started[0].cluster is None  # closed at the end
    assert not workers.OWN_CLUSTERS


def test_the_run_process_loads_pandas_only_for_the_tables(loaded_modules) -> None:
    """pandas and pyarrow (about 80 MB) are not resident while documents are classified."""
    code = (
        "import pipeline.cli.run, pipeline.flows.ingest, pipeline.flows.tables, pipeline.flows.runners\n"
        "from pipeline.process import warm_up\n"
        "warm_up()\n"
    )
    assert loaded_modules(code, ("pandas", "pyarrow")) == []
