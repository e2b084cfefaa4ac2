"""A decision applied in place gives the passage exactly what a full rebuild gives it."""

from __future__ import annotations

from review_helpers import sample

from pipeline.review.forms import add_decision, label_decision, mention_decision, new_decision
from pipeline.review.state import ReviewState
from pipeline.store import Store
from pipeline.tables.anchors import passage_anchor
from pipeline.tables.decisions import passage_target


def passage_view(data, passage_id: str) -> tuple:
    """What the page shows of one passage: mentions with state and version, labels, mark."""
    mentions = sorted(
        (m["id"], m["status"], m["label"], m["country"], m["version"])
        for m in data.mentions_by_passage.get(passage_id, [])
    )
    labels = {
        task: (data.label_sets.get((passage_id, task)), data.frames.label_reviews.get((passage_id, task)))
        for task in ("dimension", "policy_stage", "diffusion")
    }
    return mentions, labels, data.frames.passage_reviews.get(passage_id)


def test_patched_passages_equal_a_full_rebuild_after_every_decision(store: Store):
    state = ReviewState(store)
    data = state.current()
    kominfo = sample.mention_of(store, "Kominfo")
    passage = data.passages[kominfo.passage_id]
    text = passage["text"]
    steps = [
        lambda d: mention_decision("reject", d.mention(kominfo.id), "Ana", {}, text, "AGENCY"),
        lambda d: mention_decision(
            "correct", d.mention(kominfo.id), "Ana", {"country": "MY"}, text, "AGENCY"
        ),
        lambda d: add_decision(passage, {"text": "programme", "label": "PROGRAMME"}, "Ana"),
        lambda d: label_decision(passage, "dimension", ["economy"], set(), "Ana"),
        lambda d: new_decision(
            passage_target(passage["id"]),
            "accept",
            "Ana",
            passage["document_id"],
            {"seen": [], "anchor": passage_anchor(text)},
        ),
        lambda d: new_decision(
            d.latest[passage_target(passage["id"])]["target_id"],
            "undo",
            "Ana",
            passage["document_id"],
            {"undoes": d.latest[passage_target(passage["id"])]["id"]},
        ),
    ]
    for step in steps:
        state.record(step(state.current(tables=False)))
        patched = state.current(tables=False)
        assert patched.stale
        rebuilt = ReviewState(store).current()
        assert passage_view(patched, passage["id"]) == passage_view(rebuilt, passage["id"])
    assert not state.current().stale  # a page with tables rebuilds them


def test_a_decision_from_elsewhere_makes_the_next_read_rebuild(store: Store):
    state = ReviewState(store)
    state.current()
    mdec = sample.mention_of(store, "MDEC", "AGENCY")
    sample.decide(store, mdec, "reject")  # another process, straight into the store
    kominfo = sample.mention_of(store, "Kominfo")
    data = state.current(tables=False)
    state.record(mention_decision("accept", data.mention(kominfo.id), "Ana", {}))
    assert state.current(tables=False).mention(mdec.id)["status"] == "rejected"
