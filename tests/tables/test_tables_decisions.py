"""Review decisions applied to mentions: latest decision wins, machine rows untouched."""

from __future__ import annotations

import pandas as pd

from pipeline.tables.decisions import (
    apply_decisions,
    apply_label_decisions,
    fold_decisions,
    fold_label_decisions,
    fold_passage_reviews,
    label_target,
    parse_label_target,
    passage_target,
)

MENTIONS = pd.DataFrame(
    [
        {
            "id": "m1",
            "document_id": "d",
            "passage_id": "p1",
            "page": 1,
            "label": "AGENCY",
            "text": "Kominfo",
            "start": 0,
            "end": 7,
            "canonical_id": "id:kominfo",
            "canonical_name": "Kominfo",
            "country": "ID",
            "country_rule": "entity",
            "confidence": 0.9,
            "method": "rule",
            "law": None,
        },
        {
            "id": "m2",
            "document_id": "d",
            "passage_id": "p1",
            "page": 1,
            "label": "PLACE",
            "text": "Jakarta",
            "start": 10,
            "end": 17,
            "canonical_id": "id:jakarta",
            "canonical_name": None,
            "country": "ID",
            "country_rule": "entity",
            "confidence": 0.9,
            "method": "rule",
            "law": None,
        },
    ]
)


def decisions(*rows: tuple) -> pd.DataFrame:
    """Decision rows from (target, action, created_at, payload) tuples."""
    return pd.DataFrame(
        [
            {
                "id": f"x{i}",
                "target_id": t,
                "action": a,
                "reviewer": "r",
                "created_at": c,
                "document_id": "d",
                "payload": p,
            }
            for i, (t, a, c, p) in enumerate(rows)
        ],
        columns=["id", "target_id", "action", "reviewer", "created_at", "document_id", "payload"],
    )


def by_id(frame: pd.DataFrame) -> dict[str, dict]:
    return {r["id"]: r for r in frame.to_dict("records")}


def test_no_decisions_keeps_every_machine_mention():
    out = apply_decisions(MENTIONS, decisions())
    assert set(out["id"]) == {"m1", "m2"}
    assert set(out["status"]) == {"machine"}


def test_reject_removes_and_keep_rejected_shows_it():
    d = decisions(("m1", "reject", "2025-01-01T00:00:00", {}))
    assert list(apply_decisions(MENTIONS, d)["id"]) == ["m2"]
    kept = by_id(apply_decisions(MENTIONS, d, keep_rejected=True))
    assert kept["m1"]["status"] == "rejected"


def test_latest_decision_wins_accept_after_reject_restores():
    d = decisions(("m1", "accept", "2025-01-02T00:00:00", {}), ("m1", "reject", "2025-01-01T00:00:00", {}))
    out = by_id(apply_decisions(MENTIONS, d))
    assert out["m1"]["status"] == "accepted"


def test_correct_changes_fields_and_records_review_as_country_rule():
    d = decisions(
        ("m1", "correct", "2025-01-01T00:00:00", {"country": "MY"}),
        ("m1", "correct", "2025-01-02T00:00:00", {"canonical_name": "Kementerian"}),
    )
    row = by_id(apply_decisions(MENTIONS, d))["m1"]
    assert (row["country"], row["country_rule"], row["canonical_name"]) == ("MY", "review", "Kementerian")
    assert row["status"] == "corrected"
    assert MENTIONS.loc[0, "country"] == "ID"  # the machine row is not changed


def test_correct_ignores_an_unknown_label():
    d = decisions(("m1", "correct", "2025-01-01T00:00:00", {"label": "PERSON"}))
    assert by_id(apply_decisions(MENTIONS, d))["m1"]["label"] == "AGENCY"


def test_add_creates_a_review_mention_on_the_passage_page():
    payload = {
        "passage_id": "p1",
        "start": 20,
        "end": 25,
        "text": "SPBE",
        "label": "PROGRAMME",
        "country": "ID",
        "canonical_id": None,
        "canonical_name": None,
    }
    d = decisions(("new", "add", "2025-01-01T00:00:00", payload))
    row = by_id(apply_decisions(MENTIONS, d, {"p1": 4}))["new"]
    assert (row["method"], row["page"], row["label"], row["status"]) == ("review", 4, "PROGRAMME", "added")


def test_add_on_a_vanished_passage_and_decisions_on_unknown_mentions_are_ignored():
    payload = {"passage_id": "gone", "start": 0, "end": 3, "text": "abc", "label": "LAW"}
    d = decisions(
        ("new", "add", "2025-01-01T00:00:00", payload), ("nope", "reject", "2025-01-01T00:00:00", {})
    )
    out = apply_decisions(MENTIONS, d, {"p1": 1})
    assert set(out["id"]) == {"m1", "m2"}


def test_reject_after_add_removes_the_added_mention():
    payload = {"passage_id": "p1", "start": 0, "end": 3, "text": "Kom", "label": "LAW"}
    d = decisions(
        ("new", "add", "2025-01-01T00:00:00", payload), ("new", "reject", "2025-01-02T00:00:00", {})
    )
    assert "new" not in set(apply_decisions(MENTIONS, d, {"p1": 1})["id"])


def test_undo_returns_a_mention_to_its_state_before_the_decision():
    d = decisions(
        ("m1", "accept", "2025-01-01T00:00:00", {}),
        ("m1", "reject", "2025-01-02T00:00:00", {}),
        ("m1", "undo", "2025-01-03T00:00:00", {"undoes": "x1"}),  # the reject
        ("m2", "reject", "2025-01-01T00:00:00", {}),
        ("m2", "undo", "2025-01-02T00:00:00", {"undoes": "x3"}),
    )
    out = by_id(apply_decisions(MENTIONS, d, keep_rejected=True))
    assert out["m1"]["status"] == "accepted"  # back to the accept, not a new accept
    assert out["m2"]["status"] == "machine"  # back to the machine's, not "accepted"


def test_undo_of_an_add_removes_the_added_mention():
    add = {"passage_id": "p1", "start": 0, "end": 7, "text": "Kominfo", "label": "PROGRAMME"}
    d = decisions(
        ("new", "add", "2025-01-01T00:00:00", add), ("new", "undo", "2025-01-02T00:00:00", {"undoes": "x0"})
    )
    assert "new" not in set(apply_decisions(MENTIONS, d, keep_rejected=True)["id"])


LABELS = pd.DataFrame(
    [
        {
            "passage_id": "p1",
            "document_id": "d",
            "task": "dimension",
            "label": "mobility",
            "score": 0.8,
            "method": "model@dimensions/v4",
        },
        {
            "passage_id": "p1",
            "document_id": "d",
            "task": "policy_stage",
            "label": "evaluation",
            "score": 0.6,
            "method": "lexicon",
        },
        {
            "passage_id": "p2",
            "document_id": "d",
            "task": "dimension",
            "label": "people",
            "score": 0.7,
            "method": "model@dimensions/v4",
        },
    ]
)


def test_label_targets_round_trip_and_mention_ids_are_not_label_targets():
    assert parse_label_target(label_target("abc-p3", "dimension")) == ("abc-p3", "dimension")
    assert parse_label_target("m1") is None
    assert parse_label_target("labels:colour:p1") is None


def test_a_reviewed_label_set_replaces_the_machine_labels_of_that_task_only():
    target = label_target("p1", "dimension")
    states = fold_label_decisions(
        decisions(
            (
                target,
                "correct",
                "2025-01-01",
                {"task": "dimension", "labels": ["governance", "economy", "nonsense"]},
            )
        )
    )
    assert states[("p1", "dimension")]["labels"] == ("economy", "governance")
    out = apply_label_decisions(LABELS, states, {"p1": "d", "p2": "d"})
    rows = {(r["passage_id"], r["task"], r["label"]): r for r in out.to_dict("records")}
    assert set(rows) == {
        ("p1", "dimension", "economy"),
        ("p1", "dimension", "governance"),
        ("p1", "policy_stage", "evaluation"),
        ("p2", "dimension", "people"),
    }
    assert rows[("p1", "dimension", "economy")]["status"] == "corrected"
    assert rows[("p1", "dimension", "economy")]["method"] == "review"
    assert rows[("p2", "dimension", "people")]["status"] == "machine"


def test_an_empty_reviewed_set_removes_every_label_and_undo_brings_them_back():
    target = label_target("p1", "dimension")
    rows = [(target, "correct", "2025-01-01", {"task": "dimension", "labels": []})]
    states = fold_label_decisions(decisions(*rows))
    assert states[("p1", "dimension")]["labels"] == ()
    out = apply_label_decisions(LABELS, states, {"p1": "d", "p2": "d"})
    assert not ((out["passage_id"] == "p1") & (out["task"] == "dimension")).any()
    undone = decisions(*rows, (target, "undo", "2025-01-02", {"undoes": "x0"}))
    assert fold_label_decisions(undone) == {}


def test_the_latest_label_set_wins_and_mention_folds_ignore_label_targets():
    target = label_target("p1", "dimension")
    frame = decisions(
        (target, "correct", "2025-01-01", {"task": "dimension", "labels": ["living"]}),
        (target, "accept", "2025-01-02", {"task": "dimension", "labels": ["mobility"]}),
    )
    assert fold_label_decisions(frame)[("p1", "dimension")] | {"decided_at": None} == {
        "labels": ("mobility",),
        "status": "accepted",
        "reviewer": "r",
        "decided_at": None,
    }
    assert fold_decisions(frame) == {}
    gone = apply_label_decisions(LABELS, fold_label_decisions(frame), {"p2": "d"})
    assert len(gone) == len(LABELS)  # a set on a passage that is gone is ignored


def test_a_passage_mark_records_what_was_seen_and_undo_unmarks_it():
    target = passage_target("p1")
    rows = [(target, "accept", "2025-01-01", {"seen": [[0, 7, "AGENCY"], [10, 17, "PLACE"]]})]
    marks = fold_passage_reviews(decisions(*rows))
    assert marks == {
        "p1": {"reviewer": "r", "decided_at": "2025-01-01", "seen": ((0, 7, "AGENCY"), (10, 17, "PLACE"))}
    }
    assert fold_decisions(decisions(*rows)) == {}  # not a mention decision
    assert fold_passage_reviews(decisions(*rows, (target, "undo", "2025-01-02", {"undoes": "x0"}))) == {}
