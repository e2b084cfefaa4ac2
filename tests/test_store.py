"""The store: round trip of every record type, atomic replacement, decisions kept apart."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.records import (
    Decision,
    Document,
    DocumentResult,
    Law,
    Mention,
    Page,
    Passage,
    PassageLabel,
    assign_offsets,
)
from pipeline.store import Store


def make_result(doc_id: str = "d" * 64, text: str = "Perpres 95/2018 tentang SPBE.") -> DocumentResult:
    """A one-page document with one passage, one LAW mention and one label."""
    doc = Document(
        id=doc_id,
        file="x.pdf",
        pages=1,
        language="id",
        language_profile={"id": 1.0},
        instrument={"type": "perpres"},
    )
    passage = Passage(
        id=f"{doc_id[:12]}-p1-0",
        document_id=doc_id,
        page=1,
        text=text,
        bbox=(1.0, 2.0, 3.0, 4.0),
        section="Menimbang",
        lang="id",
        lang_confidence=0.99,
        kind="table_cell",
        table={"table_id": "t1", "row": 1, "col": 2, "col_header": "Indonesia"},
    )
    assign_offsets([passage])
    law = Law("ID", "perpres", "95", 2018, "SPBE")
    mention = Mention(
        id=Mention.make_id(passage.id, 0, 15, "LAW"),
        document_id=doc_id,
        passage_id=passage.id,
        page=1,
        label="LAW",
        text=text[:15],
        start=0,
        end=15,
        canonical_id=law.canonical_id,
        country="ID",
        country_rule="entity",
        law=law,
    )
    label = PassageLabel(passage.id, doc_id, "dimension", "governance", 0.9, "lexicon")
    return DocumentResult(doc, [Page(doc_id, 1, 595, 842)], [passage], [mention], [label])


@pytest.fixture()
def store(tmp_path: Path) -> Store:
    return Store(f"sqlite:///{tmp_path / 'test.db'}")


def test_round_trip_of_every_record(store: Store) -> None:
    result = make_result()
    store.save_result(result, fingerprint="f1")
    doc = store.documents()[0]
    assert doc == result.document
    assert store.passages_of(doc.id) == result.passages
    assert store.mentions_of(doc.id) == result.mentions
    assert store.mentions_of(doc.id)[0].law == Law("ID", "perpres", "95", 2018, "SPBE")
    assert store.labels_of(doc.id) == result.labels
    assert store.fingerprints() == {doc.id: "f1"}
    assert len(store.frame("pages")) == 1


def test_saving_again_replaces_not_duplicates(store: Store) -> None:
    store.save_result(make_result())
    store.save_result(make_result(text="PP 59/2022 tentang Perkotaan, lagi."))
    assert len(store.frame("passages")) == 1
    assert store.frame("passages").loc[0, "text"].startswith("PP 59/2022")
    assert len(store.frame("mentions")) == 1


def test_failed_save_leaves_previous_result(store: Store) -> None:
    store.save_result(make_result())
    broken = make_result(text="Perpres 95/2018 lagi.")
    broken.mentions.append(broken.mentions[0])  # duplicate primary key -> the insert fails
    with pytest.raises(Exception):  # noqa: B017 - any database error
        store.save_result(broken)
    assert store.frame("passages").loc[0, "text"] == "Perpres 95/2018 tentang SPBE."


def test_decisions_survive_a_rerun(store: Store) -> None:
    result = make_result()
    store.save_result(result)
    mention_id = result.mentions[0].id
    store.add_decision(
        Decision(
            "dec1",
            mention_id,
            "reject",
            "ana",
            "2026-01-01T00:00:00",
            result.document.id,
            {"reason": "not a law"},
        )
    )
    store.save_result(make_result())
    decisions = store.decisions()
    assert [(d.target_id, d.action, d.payload) for d in decisions] == [
        (mention_id, "reject", {"reason": "not a law"})
    ]
    assert store.mention(mention_id) is not None


def test_text_that_looks_like_json_stays_text(store: Store) -> None:
    store.save_result(make_result(text="[1] lihat Pasal 5]"))
    assert store.passages_of("d" * 64)[0].text == "[1] lihat Pasal 5]"
