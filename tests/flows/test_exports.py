"""Tables written from the store, and the stamp that says they are current."""

from __future__ import annotations

from pathlib import Path

from pipeline.flows.exports import STAMP_NAME, tables_current, write_tables
from pipeline.records import Decision, Document, DocumentResult, Passage
from pipeline.store import Store


def _result(doc_id: str, text: str) -> DocumentResult:
    doc = Document(id=doc_id, file=f"{doc_id}.pdf", pages=1, language="en")
    passage = Passage(id=f"{doc_id}-p1", document_id=doc_id, page=1, text=text, end=len(text))
    return DocumentResult(doc, passages=[passage])


def test_tables_are_current_until_the_store_changes(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'db.sqlite'}"
    store = Store(url)
    store.save_result(_result("d1", "Smart mobility in Bandung."), fingerprint="f1")
    out = tmp_path / "out"
    assert not tables_current(store, out)
    tables, paths = write_tables(url, out)
    assert (out / STAMP_NAME).is_file() and paths and all(p.is_file() for p in paths)
    assert "documents" in tables
    assert tables_current(store, out)
    store.add_decision(Decision("x1", "m1", "reject", "tester", "2024-01-01T00:00:00"))
    assert not tables_current(store, out)  # a review decision changes the tables
    write_tables(url, out)
    store.save_result(_result("d2", "Open data in Penang."), fingerprint="f2")
    assert not tables_current(store, out)  # a new document changes them
    write_tables(url, out)
    paths[0].unlink()
    assert not tables_current(store, out)  # an export went missing
