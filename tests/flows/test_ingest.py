"""The ingest flow in this process: incremental, retries, time limit, failures that do not stop it."""

from __future__ import annotations

import hashlib
import time
from collections import Counter
from pathlib import Path

import pytest

from pipeline import process
from pipeline.flows.ingest import run_ingest
from pipeline.flows.readahead import READ_AHEAD_ENV
from pipeline.flows.summary import DocumentOutcome
from pipeline.store import Store

pytestmark = pytest.mark.slow


def stored_ids(out: Path) -> list[str]:
    """Ids of the documents in the output folder's store."""
    store = Store(f"sqlite:///{out / 'sandingan.db'}")
    try:
        return sorted(d.id for d in store.documents())
    finally:
        store.dispose()


@pytest.fixture(autouse=True)
def own_store(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every run writes to the SQLite store of its output folder."""
    monkeypatch.delenv("SANDINGAN_DB_URL", raising=False)


@pytest.fixture
def reading_here(monkeypatch: pytest.MonkeyPatch) -> None:
    """No reader process: the tests that make ``process_pdf`` fail patch it in this process
    (the reader's own failures are in test_readahead.py)."""
    monkeypatch.setenv(READ_AHEAD_ENV, "0")


def test_second_run_skips_unchanged_documents_and_force_redoes_them(
    small_corpus: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    seen: list[DocumentOutcome] = []
    first = run_ingest(small_corpus, out, on_done=seen.append)
    assert (first.found, first.processed, first.skipped, first.failed) == (3, 3, 0, [])
    assert len(seen) == 3 and {"parse"} <= set(first.stage_seconds)
    second = run_ingest(small_corpus, out)
    assert (second.processed, second.skipped) == (0, 3)
    forced = run_ingest(small_corpus, out, force=True)
    assert (forced.processed, forced.skipped) == (3, 0)
    expected = sorted(hashlib.sha256(p.read_bytes()).hexdigest() for p in small_corpus.glob("*.pdf"))
    assert stored_ids(out) == expected


def test_a_changed_file_replaces_its_old_document(small_corpus: Path, tmp_path: Path, corpus_factory) -> None:
    out = tmp_path / "out"
    run_ingest(small_corpus, out)
    target = small_corpus / "doc_00.pdf"
    corpus_factory(tmp_path / "other", 5)
    target.write_bytes((tmp_path / "other" / "doc_04.pdf").read_bytes())
    summary = run_ingest(small_corpus, out)
    assert (summary.processed, summary.skipped) == (1, 2)
    assert hashlib.sha256(target.read_bytes()).hexdigest() in stored_ids(out)
    assert len(stored_ids(out)) == 3


@pytest.mark.usefixtures("reading_here")
def test_failures_are_listed_and_the_run_goes_on(
    small_corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (small_corpus / "not_really.pdf").write_text("this is a text file, not a PDF")
    real = process.process_pdf

    def failing(path: Path, **kwargs):
        if path.name == "doc_01.pdf":
            raise ValueError("the parser tripped\nover two lines")
        return real(path, **kwargs)

    monkeypatch.setattr(process, "process_pdf", failing)
    out = tmp_path / "out"
    summary = run_ingest(small_corpus, out)
    assert summary.processed == 2
    reasons = {Path(f.file).name: (f.reason, f.stored) for f in summary.failed}
    assert reasons["doc_01.pdf"] == ("failed: ValueError: the parser tripped", False)
    assert reasons["not_really.pdf"][0].startswith("not_pdf") and reasons["not_really.pdf"][1]
    assert len(stored_ids(out)) == 3  # the broken file is stored with its status

    again = run_ingest(small_corpus, out)  # nothing changed: the failure is not retried
    assert (again.processed, again.skipped) == (0, 3)
    assert [(Path(f.file).name, f.earlier) for f in again.failed] == [("doc_01.pdf", True)]
    monkeypatch.setattr(process, "process_pdf", real)
    retried = run_ingest(small_corpus, out, retry_failed=True)
    assert (retried.processed, retried.failed) == (1, [])


@pytest.mark.usefixtures("reading_here")
def test_transient_io_errors_are_retried(
    small_corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real, calls = process.process_pdf, Counter()

    def flaky(path: Path, **kwargs):
        calls[path.name] += 1
        if path.name == "doc_02.pdf" and calls[path.name] == 1:
            raise OSError("resource temporarily unavailable")
        return real(path, **kwargs)

    monkeypatch.setattr(process, "process_pdf", flaky)
    summary = run_ingest(small_corpus, tmp_path / "out")
    assert (summary.processed, summary.failed) == (3, [])
    assert calls["doc_02.pdf"] == 2 and calls["doc_00.pdf"] == 1


def test_a_store_locked_for_too_long_leaves_the_document_pending(
    small_corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from sqlalchemy.exc import OperationalError

    from pipeline.flows import ingest

    real, calls = Store.save_result, Counter()

    def locked(self: Store, result, fingerprint: str = "") -> None:
        if Path(result.document.path).name == "doc_02.pdf":
            calls["tries"] += 1
            raise OperationalError("INSERT", {}, Exception("database is locked"))
        real(self, result, fingerprint)

    monkeypatch.setattr(ingest, "RETRY_DELAYS_S", [0.05, 0.05, 0.05])
    monkeypatch.setattr(Store, "save_result", locked)
    out = tmp_path / "out"
    summary = run_ingest(small_corpus, out)
    assert calls["tries"] == 4 and summary.processed == 2
    [failure] = summary.failed
    assert failure.reason.startswith("pending: OperationalError") and "locked" in failure.reason
    assert failure.note() == "tried again on the next run"
    monkeypatch.setattr(Store, "save_result", real)
    again = run_ingest(small_corpus, out)  # not "failed earlier": tried again
    assert (again.processed, again.skipped, again.failed) == (1, 2, [])


@pytest.mark.usefixtures("reading_here")
def test_a_document_past_its_time_limit_fails_alone(
    small_corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = process.process_pdf

    def slow(path: Path, **kwargs):
        if path.name == "doc_00.pdf":
            for _ in range(600):
                time.sleep(0.05)
        return real(path, **kwargs)

    monkeypatch.setattr(process, "process_pdf", slow)
    summary = run_ingest(small_corpus, tmp_path / "out", timeout_s=2)
    assert summary.processed == 2
    [failure] = summary.failed
    assert Path(failure.file).name == "doc_00.pdf" and "timeout" in failure.reason


def test_one_local_worker_reads_ahead_in_a_reader_process_with_the_same_results(
    small_corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ahead = run_ingest(small_corpus, tmp_path / "ahead")
    monkeypatch.setenv(READ_AHEAD_ENV, "0")
    here = run_ingest(small_corpus, tmp_path / "here")
    assert ahead.reader_peak_mb > 0 and here.reader_peak_mb == 0
    assert (ahead.processed, here.processed) == (3, 3)
    assert {"parse", "langid", "classify"} <= set(ahead.stage_seconds)

    def stored(out: Path) -> tuple[list, list, list]:
        store = Store(f"sqlite:///{out / 'sandingan.db'}")
        try:
            docs = sorted((d.id, d.status, d.language, d.relevant) for d in store.documents())
            passages = sorted((p.id, p.text, p.lang) for d in docs for p in store.passages_of(d[0]))
            labels = sorted((lb.passage_id, lb.task, lb.label) for d in docs for lb in store.labels_of(d[0]))
            return docs, passages, labels
        finally:
            store.dispose()

    assert stored(tmp_path / "ahead") == stored(tmp_path / "here")


def test_encrypted_documents_are_redone_when_a_password_is_given(small_corpus: Path, tmp_path: Path) -> None:
    from prefect.client.orchestration import get_client
    from reportlab.pdfgen import canvas

    pdf = canvas.Canvas(str(small_corpus / "locked.pdf"), encrypt="s3cret")
    pdf.drawString(60, 780, "Dinas Komunikasi dan Informatika Kota Bogor membuka data lalu lintas.")
    pdf.save()
    out = tmp_path / "out"
    first = run_ingest(small_corpus, out)
    assert [(Path(f.file).name, f.stored) for f in first.failed] == [("locked.pdf", True)]
    assert first.failed[0].reason.startswith("encrypted")
    second = run_ingest(small_corpus, out, password="s3cret")
    assert (second.processed, second.skipped, second.failed) == (1, 3, [])
    with get_client(sync_client=True) as client:  # the Prefect database may be shared: find ours
        runs = client.read_flow_runs(limit=200, sort="START_TIME_DESC")
    ours = [r for r in runs if r.parameters.get("corpus_dir") == str(small_corpus)]
    assert len(ours) == 2
    assert ours[0].parameters["password"] == "**********"  # never stored in clear
    assert ours[1].parameters["password"] is None


def test_dask_worker_processes_share_the_work_and_the_store(small_corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    seen: list[DocumentOutcome] = []
    summary = run_ingest(small_corpus, out, task_runner="dask", workers=2, on_done=seen.append)
    assert (summary.task_runner, summary.workers) == ("dask", 2)
    assert (summary.processed, summary.failed, len(seen)) == (3, [], 3)
    assert len(stored_ids(out)) == 3


def test_two_local_worker_processes_store_what_one_worker_stores(
    corpus_factory, results_of, tmp_path: Path
) -> None:
    corpus = tmp_path / "corpus"
    corpus_factory(corpus, 4)
    one = run_ingest(corpus, tmp_path / "one", workers=1)
    two = run_ingest(corpus, tmp_path / "two", workers=2)
    assert (two.task_runner, two.workers) == ("local", 2)
    assert (one.processed, two.processed, two.failed) == (4, 4, [])
    assert results_of(tmp_path / "two") == results_of(tmp_path / "one")


def test_a_broken_link_is_listed_and_the_run_goes_on(small_corpus: Path, tmp_path: Path) -> None:
    (small_corpus / "gone.pdf").symlink_to(tmp_path / "nowhere.pdf")
    summary = run_ingest(small_corpus, tmp_path / "out")
    assert (summary.processed, summary.found) == (3, 4)
    [failure] = summary.failed
    assert (Path(failure.file).name, failure.reason) == (
        "gone.pdf",
        "unreadable: a link to a file that does not exist",
    )
    assert failure.note() == "tried again on the next run"
