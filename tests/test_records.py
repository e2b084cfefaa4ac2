"""The data model: canonical law ids, offsets and stable ids."""

from __future__ import annotations

from typing import get_args

import pytest

from pipeline.records import (
    ENTITY_LABELS,
    LABEL_TASKS,
    PASSAGE_SEPARATOR,
    TASK_LABELS,
    EntityLabel,
    LabelTask,
    Law,
    Mention,
    Passage,
    assign_offsets,
    document_text,
    short_hash,
)


@pytest.mark.parametrize(
    ("law", "expected"),
    [
        (Law("ID", "perpres", "95", 2018), "id/perpres/2018/95"),
        (Law("MY", "act", "171", 1976, "Local Government Act"), "my/act/1976/171"),
        (Law("TH", "act", None, 2019), "th/act/2019/-"),
        (Law("ID", "uud", None, 1945), "id/uud/1945/-"),
        (Law("INT", "treaty", "", None), "int/treaty/-/-"),
    ],
)
def test_law_canonical_id(law: Law, expected: str) -> None:
    assert law.canonical_id == expected


def test_offsets_index_the_document_text() -> None:
    passages = [
        Passage(id=f"p{i}", document_id="d", page=1, text=t)
        for i, t in enumerate(["Pasal 1", "Ketentuan umum.", "Selesai"])
    ]
    assign_offsets(passages)
    text = document_text(passages)
    assert [text[p.start : p.end] for p in passages] == ["Pasal 1", "Ketentuan umum.", "Selesai"]
    assert passages[1].start == len("Pasal 1") + len(PASSAGE_SEPARATOR)


def test_ids_are_stable_and_distinct() -> None:
    assert Mention.make_id("p1", 0, 5, "LAW") == Mention.make_id("p1", 0, 5, "LAW")
    assert Mention.make_id("p1", 0, 5, "LAW") != Mention.make_id("p1", 0, 5, "AGENCY")
    assert short_hash("a", "b") != short_hash("ab")


def test_literal_types_match_the_constants() -> None:
    assert LABEL_TASKS == tuple(TASK_LABELS) == get_args(LabelTask)
    assert get_args(EntityLabel) == ENTITY_LABELS
