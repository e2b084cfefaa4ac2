"""Review forms validated into decisions."""

from __future__ import annotations

import pytest

from pipeline.review.forms import (
    FormError,
    add_decision,
    clean_country,
    clean_reviewer,
    locate,
    mention_decision,
)

MENTION = {"id": "m1", "document_id": "d", "label": "AGENCY", "country": "ID",
           "canonical_id": "id:kominfo", "canonical_name": None, "text": "Kominfo"}
PASSAGE = {"id": "p1", "document_id": "d", "text": "Kominfo and Kominfo again."}


@pytest.mark.parametrize(("value", "expected"), [("my", "MY"), (" INT ", "INT"), ("", None), ("vn", "VN"),
                                               ("tl", "TL")])
def test_clean_country(value, expected):
    assert clean_country(value) == expected


@pytest.mark.parametrize("value", ["Malaysia", "M", "12", "<b>", "XX", "QQ", "EU"])
def test_clean_country_refuses_non_codes(value):
    with pytest.raises(FormError):
        clean_country(value)


def test_reviewer_is_required_and_trimmed():
    assert clean_reviewer("  Siti   Nur ") == "Siti Nur"
    with pytest.raises(FormError):
        clean_reviewer(" ")


@pytest.mark.parametrize(
    ("selected", "start", "end", "expected"),
    [("Kominfo", "12", "19", (12, 19)),  # offsets that match the words win
     ("Kominfo", "", "", (0, 7)),  # else the first occurrence
     ("Kominfo", "3", "10", (0, 7)),  # stale offsets
     (" again", "x", "y", (19, 25))],
)
def test_locate(selected, start, end, expected):
    assert locate(PASSAGE["text"], selected, start, end) == expected


def test_locate_refuses_words_not_in_the_passage():
    with pytest.raises(FormError):
        locate(PASSAGE["text"], "Bappenas", "", "")


def test_correction_keeps_only_changed_fields():
    form = {"label": "AGENCY", "country": "my", "canonical_id": "id:kominfo",
            "canonical_name": ""}
    decision = mention_decision("correct", MENTION, "Ana", form)
    assert (decision.action, decision.payload) == ("correct", {"country": "MY"})
    with pytest.raises(FormError, match="Nothing to correct"):
        mention_decision("correct", MENTION, "Ana", form | {"country": "ID"})


def test_unknown_action_or_label_is_refused():
    with pytest.raises(FormError):
        mention_decision("delete", MENTION, "Ana", {})
    with pytest.raises(FormError):
        mention_decision("correct", MENTION, "Ana", {"label": "PERSON"})


def test_add_decision_targets_the_new_mention_id():
    form = {"text": "Kominfo", "start": "12", "end": "19", "label": "AGENCY", "country": "id"}
    decision = add_decision(PASSAGE, form, "Ana")
    assert decision.payload["start"] == 12 and decision.payload["country"] == "ID"
    assert decision.target_id != "m1" and decision.document_id == "d"


def test_decisions_made_later_sort_later():
    first = mention_decision("accept", MENTION, "Ana", {})
    second = mention_decision("reject", MENTION, "Ana", {})
    assert second.created_at >= first.created_at
    assert first.id != second.id
