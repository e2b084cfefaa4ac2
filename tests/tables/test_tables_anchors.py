"""Review decisions placed by their text: kept, moved to the same text elsewhere, or orphaned."""

from __future__ import annotations

import pandas as pd

from pipeline.records import Mention
from pipeline.tables.anchors import anchor_decisions, mention_anchor, passage_anchor, text_hash
from pipeline.tables.decisions import label_target, passage_target

TEXT = "Kominfo runs the programme in Jakarta."


def passages(*rows: tuple[str, str, str]) -> pd.DataFrame:
    """Passage rows from (id, document id, text)."""
    return pd.DataFrame([{"id": i, "document_id": d, "text": t} for i, d, t in rows])


def mentions_in(*rows: tuple[str, int, int, str]) -> pd.DataFrame:
    """Mention rows (id made as the pipeline makes it) from (passage id, start, end, label)."""
    return pd.DataFrame(
        [{"id": Mention.make_id(p, s, e, lb), "passage_id": p} for p, s, e, lb in rows],
        columns=["id", "passage_id"],
    )


def decision(i: str, target: str, action: str, payload: dict, document: str = "old") -> dict:
    return {
        "id": i,
        "target_id": target,
        "action": action,
        "reviewer": "r",
        "created_at": f"2025-01-0{i[-1]}",
        "document_id": document,
        "payload": payload,
    }


def frame(*rows: dict) -> pd.DataFrame:
    return pd.DataFrame(list(rows))


KOMINFO = {"text": "Kominfo", "start": 0, "end": 7, "label": "AGENCY"}
ANCHOR = mention_anchor(TEXT, KOMINFO, "AGENCY")


def test_a_decision_whose_text_is_where_it_was_stays():
    old = Mention.make_id("old-p1", 0, 7, "AGENCY")
    placed = anchor_decisions(
        frame(decision("d1", old, "reject", {"anchor": ANCHOR})),
        passages(("old-p1", "old", TEXT)),
        mentions_in(("old-p1", 0, 7, "AGENCY")),
    )
    assert list(placed.decisions["target_id"]) == [old] and placed.orphans.empty
    assert placed.moved == 0


def test_a_revised_document_takes_its_decisions_along():
    old = Mention.make_id("old-p1", 0, 7, "AGENCY")
    add_payload = {
        "passage_id": "old-p1",
        "start": 25,
        "end": 32,
        "text": "Jakarta",
        "label": "PLACE",
        "anchor": mention_anchor(TEXT, {"text": "Jakarta", "start": 25, "end": 32}, "PLACE"),
    }
    rows = frame(
        decision("d1", old, "correct", {"label": "PROGRAMME", "anchor": ANCHOR}),
        decision("d2", Mention.make_id("old-p1", 25, 32, "PLACE"), "add", add_payload),
        decision(
            "d3",
            label_target("old-p1", "dimension"),
            "correct",
            {"task": "dimension", "labels": [], "anchor": passage_anchor(TEXT)},
        ),
        decision("d4", passage_target("old-p1"), "accept", {"seen": [], "anchor": passage_anchor(TEXT)}),
        decision("d5", old, "undo", {"undoes": "d1"}),
    )
    now = passages(("new-p0", "new", "A new first page."), ("new-p1", "new", TEXT))
    placed = anchor_decisions(rows, now, mentions_in(("new-p1", 0, 7, "AGENCY")))
    targets = dict(zip(placed.decisions["id"], placed.decisions["target_id"], strict=True))
    assert targets == {
        "d1": Mention.make_id("new-p1", 0, 7, "AGENCY"),
        "d2": Mention.make_id("new-p1", 25, 32, "PLACE"),
        "d3": label_target("new-p1", "dimension"),
        "d4": passage_target("new-p1"),
        "d5": Mention.make_id("new-p1", 0, 7, "AGENCY"),
    }  # the undo follows
    added = placed.decisions.set_index("id").loc["d2", "payload"]
    assert added["passage_id"] == "new-p1"
    assert placed.moved == 5 and placed.orphans.empty


def test_a_changed_passage_orphans_its_decisions_and_their_undos():
    old = Mention.make_id("p1", 0, 7, "AGENCY")
    rows = frame(
        decision("d1", old, "reject", {"anchor": ANCHOR}), decision("d2", old, "undo", {"undoes": "d1"})
    )
    # the same passage id and offsets, other words: never applied to them
    changed = passages(("p1", "old", "Bappenas runs the programme in Jakarta."))
    placed = anchor_decisions(rows, changed, mentions_in(("p1", 0, 7, "AGENCY")))
    assert placed.decisions.empty
    assert list(placed.orphans["id"]) == ["d1", "d2"]
    assert placed.orphans["reason"].iloc[0] == "its passage's text changed or is gone"


def test_the_same_text_in_the_decisions_own_document_is_preferred():
    rows = frame(
        decision(
            "d1",
            label_target("gone", "dimension"),
            "accept",
            {"task": "dimension", "labels": ["economy"], "anchor": passage_anchor(TEXT)},
            document="b",
        )
    )
    now = passages(("a-p1", "a", TEXT), ("b-p9", "b", TEXT))
    placed = anchor_decisions(rows, now, mentions_in())
    assert list(placed.decisions["target_id"]) == [label_target("b-p9", "dimension")]


def test_a_mention_gone_from_an_unchanged_passage_is_an_orphan():
    old = Mention.make_id("p1", 0, 7, "AGENCY")
    placed = anchor_decisions(
        frame(decision("d1", old, "accept", {"anchor": ANCHOR})), passages(("p1", "old", TEXT)), mentions_in()
    )
    assert placed.orphans["reason"].tolist() == ["the mention is no longer found in its passage"]


def test_decisions_made_before_anchors_stay_unless_their_target_is_gone():
    here = Mention.make_id("p1", 0, 7, "AGENCY")
    rows = frame(decision("d1", here, "reject", {}), decision("d2", "vanished", "accept", {}))
    placed = anchor_decisions(rows, passages(("p1", "old", TEXT)), mentions_in(("p1", 0, 7, "AGENCY")))
    assert list(placed.decisions["id"]) == ["d1"]
    assert list(placed.orphans["id"]) == ["d2"]
    assert "before anchoring" in placed.orphans["reason"].iloc[0]
    assert text_hash(TEXT) == ANCHOR["passage_hash"] and len(ANCHOR["passage_hash"]) == 16
