"""The project's keyed entity annotations against the real PDFs they annotate (skipped when
``../shared`` is absent): every key is found again, and the file holds what the README says."""

from __future__ import annotations

from collections import Counter

import pytest

from pipeline.settings import shared_root
from pipeline.train.entity_labels import LIST_FIELDS, read_records

SHARED = shared_root()
FOLDERS = [SHARED / "corpus", SHARED / "pool"]


def test_the_label_file_is_consistent() -> None:
    records = read_records()
    windows = {(r["document"], tuple(r["pages"])): r for r in records if r["kind"] == "document"}
    documents = {sha: r for (sha, _), r in windows.items() if r["pages"][0] == 1}
    assert len(documents) >= 36 and {sha for sha, _ in windows} == set(documents)
    assert {r["kind"] for r in records} <= {"document", "entity", "rejected"}
    for r in records:
        if r["kind"] == "document":
            assert r["split"] in ("dev", "test") and r["pages"][0] <= r["pages"][1]
            continue
        assert r["document"] in documents and r["label"] in LIST_FIELDS
        if "window" in r:  # a later page window of a dev document (docs/annotation_entities.md)
            assert (r["document"], tuple(r["window"])) in windows
            assert windows[r["document"], tuple(r["window"])]["split"] == "dev"
        keys = [r[f] for f in ("name", "acronym", "surface", "title") if r.get(f)]
        assert keys or r["label"] == "LAW"
        assert all(set(k) == {"page", "start", "end", "text_sha1"} for k in keys)
        assert not any(k in r for k in ("text", "name_text"))  # keys only, never document text
    splits = Counter(d["split"] for d in documents.values())
    assert abs(splits["dev"] - splits["test"]) <= 1  # each round halves its draw (dev gets the floor)
    twice = [d for d in documents.values() if d.get("adjudicated")]
    assert len(twice) >= 0.2 * len(documents)
    later = [w for w in windows.values() if w["pages"][0] > 1]
    assert sum(bool(w.get("adjudicated")) for w in later) >= 0.2 * len(later)


def test_every_key_is_found_in_its_pdf() -> None:
    if not all(folder.is_dir() for folder in FOLDERS):
        pytest.skip("../shared/corpus or ../shared/pool is absent")
    from pipeline.train.entity_labels import load_entity_documents

    documents, orphans = load_entity_documents(FOLDERS)
    assert orphans == []
    assert len(documents) == sum(r["kind"] == "document" for r in read_records())  # one per page window
    counts = Counter(
        label for gold, _ in documents for label, field in LIST_FIELDS.items() for _ in gold[field]
    )
    assert counts["AGENCY"] >= 250 and counts["PROGRAMME"] >= 150 and counts["LAW"] >= 150
    names = {item.get("name") for gold, _ in documents for item in gold["agencies"]}
    assert "PRESIDEN REPUBLIK INDONESIA" in names
