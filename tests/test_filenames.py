"""File names of any bytes: shown as UTF-8, stored so that the file can be found again."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from pipeline.filenames import display_name, native_path, stored_path
from pipeline.records import Document, DocumentResult
from pipeline.store import Store


@pytest.mark.parametrize(
    "path",
    [
        "/data/plain.pdf",
        "/data/Perda 2020 (salinan).pdf",
        "/data/kota\u00e9.pdf",
        os.fsdecode(b"/data/caf\xe9 100%.pdf"),
    ],
)
def test_stored_paths_come_back_as_they_were(path: str) -> None:
    text = stored_path(path)
    text.encode("utf-8")  # storable
    assert native_path(text) == path


def test_only_names_that_are_not_utf8_change() -> None:
    assert stored_path("/a/b.pdf") == "/a/b.pdf"
    assert stored_path(os.fsdecode(b"/a/\xe9.pdf")) == "fs:/a/%E9.pdf"
    assert display_name(os.fsdecode(b"caf\xe9.pdf")) == "caf\ufffd.pdf"
    assert display_name("café.pdf") == "café.pdf"


def test_a_document_with_such_a_name_is_stored_and_found_again(tmp_path: Path) -> None:
    odd = tmp_path / os.fsdecode(b"caf\xe9.pdf")
    odd.write_bytes(b"%PDF-1.4")
    store = Store(f"sqlite:///{tmp_path / 'db.sqlite'}")
    try:
        store.save_result(DocumentResult(Document(id="d1", file=display_name(odd.name), path=str(odd))))
        [doc] = store.documents()
    finally:
        store.dispose()
    assert Path(doc.path).read_bytes() == b"%PDF-1.4"
    assert doc.file == "caf\ufffd.pdf"
