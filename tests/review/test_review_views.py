"""View models of the review pages: highlighting, heat shades, evidence lists."""

from __future__ import annotations

import pytest
from review_helpers import sample

from pipeline.review.evidence import evidence_view, highlight
from pipeline.review.state import ReviewState
from pipeline.review.views import heat_level, index_view


def mention(mid: str, start: int, end: int, status: str = "machine") -> dict:
    return {"id": mid, "start": start, "end": end, "label": "AGENCY", "status": status}


def test_highlight_rebuilds_the_text_exactly():
    text = "Kominfo and MDEC <b>meet</b>"
    segments = highlight(text, [mention("a", 0, 7), mention("b", 12, 16)], {"b"})
    assert "".join(s["text"] for s in segments) == text
    marked = [(s["text"], s["focus"]) for s in segments if s["mention"]]
    assert marked == [("Kominfo", False), ("MDEC", True)]


def test_highlight_overlaps_focus_wins_and_bad_spans_are_skipped():
    text = "Dinas Kominfo Jakarta"
    outer, inner = mention("outer", 0, 21), mention("inner", 14, 21)
    segments = highlight(text, [outer, inner, mention("bad", 5, 99)], {"inner"})
    assert [s["mention"] for s in segments if s["mention"]] == ["inner"]
    assert "".join(s["text"] for s in segments) == text
    segments = highlight(text, [outer, inner], set())
    assert [s["mention"] for s in segments if s["mention"]] == ["outer"]


@pytest.mark.parametrize(
    ("value", "high", "level"), [(0, 10, 0), (1, 10, 1), (5, 10, 3), (10, 10, 5), (3, 0, 0)]
)
def test_heat_level(value, high, level):
    assert heat_level(value, high) == level


def test_evidence_view_of_an_instrument_cell(store):
    data = ReviewState(store).current()
    view = evidence_view(data, "instruments_by_country", "AGENCY|my:mdec", "MY")
    assert (view["passages"], view["mentions"], view["documents"]) == (2, 2, 2)
    assert all(item["focus_count"] == 1 for item in view["items"])
    assert view["heading"] == "Malaysia Digital Economy Corporation (Agency) · MY"


def test_rejected_mentions_stay_visible_in_their_passage(store):
    sample.decide(store, sample.mention_of(store, "Kominfo"), "reject")
    data = ReviewState(store).current()
    view = evidence_view(data, "dimension_by_country", "governance", "ID")
    statuses = {m["text"]: m["status"] for item in view["items"] for m in item["mentions"]}
    assert statuses["Kominfo"] == "rejected"


def test_review_state_rebuilds_after_a_decision(store):
    state = ReviewState(store)
    first = state.current()
    assert state.current() is first  # nothing changed: the same data
    sample.decide(store, sample.mention_of(store, "MyDIGITAL"), "reject")
    assert state.current() is not first


def test_index_lists_are_cut_unless_show_all(store, monkeypatch):
    monkeypatch.setattr("pipeline.review.views.LIST_LIMIT", 2)
    data = ReviewState(store).current()
    assert len(index_view(data, None)["instruments"]) == 2
    assert len(index_view(data, None, show_all=True)["instruments"]) == 6
