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

MENTION = {
    "id": "m1",
    "document_id": "d",
    "label": "AGENCY",
    "country": "ID",
    "canonical_id": "id:kominfo",
    "canonical_name": None,
    "text": "Kominfo",
}
PASSAGE = {"id": "p1", "document_id": "d", "text": "Kominfo and Kominfo again."}


@pytest.mark.parametrize(
    ("value", "expected"), [("my", "MY"), (" INT ", "INT"), ("", None), ("vn", "VN"), ("tl", "TL")]
)
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
    [
        ("Kominfo", "12", "19", (12, 19)),  # offsets that match the words win
        ("Kominfo", "", "", (0, 7)),  # else the first occurrence
        ("Kominfo", "3", "10", (0, 7)),  # stale offsets
        (" again", "x", "y", (19, 25)),
    ],
)
def test_locate(selected, start, end, expected):
    assert locate(PASSAGE["text"], selected, start, end) == expected


def test_locate_refuses_words_not_in_the_passage():
    with pytest.raises(FormError):
        locate(PASSAGE["text"], "Bappenas", "", "")


def test_correction_keeps_only_changed_fields():
    form = {"label": "AGENCY", "country": "my", "canonical_id": "id:kominfo", "canonical_name": ""}
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


def test_an_added_selection_is_trimmed_of_spaces_and_separators():
    from pipeline.review.forms import add_decision

    passage = {"id": "p1", "document_id": "d", "text": "Run by Kominfo, with the city."}
    start = passage["text"].index(" Kominfo")
    decision = add_decision(
        passage,
        {"text": " Kominfo, ", "start": str(start), "end": str(start + len(" Kominfo, ")), "label": "AGENCY"},
        "Ana",
    )
    assert (decision.payload["text"], decision.payload["start"]) == ("Kominfo", start + 1)
    with pytest.raises(FormError):
        add_decision(passage, {"text": ", ", "label": "AGENCY"}, "Ana")


def test_the_add_form_starts_with_the_passages_country(client):
    from pipeline.review.views import evidence_url

    page = client.get(evidence_url("instruments_by_country", "AGENCY|my:mdec", "MY")).text
    b_form = page.split('data-passage="b-p1"')[-1]
    assert 'name="country" value="MY"' in b_form.split("</form>")[0]
