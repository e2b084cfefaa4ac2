"""Conflicts between reviewers: a stale decision form is refused (409) and names the newer one."""

from __future__ import annotations

import html
import re

import pytest
from fastapi.testclient import TestClient
from review_helpers import sample

from pipeline.review.conflicts import conflict_message, is_stale, latest_decisions, version_of
from pipeline.review.views import evidence_url
from pipeline.store import Store

MDEC_CELL = evidence_url("instruments_by_country", "AGENCY|my:mdec", "MY")


def row(id_: str, target: str, created: str, action: str = "accept", reviewer: str = "Ana"):
    return {"id": id_, "target_id": target, "created_at": created, "action": action, "reviewer": reviewer}


def test_latest_decision_per_mention_orders_by_time_then_id():
    rows = [
        row("b", "m1", "2025-01-01T10:00:00"),
        row("a", "m1", "2025-01-01T10:00:00"),
        row("c", "m1", "2025-01-01T09:00:00"),
        row("d", "m2", "2025-01-02T00:00:00", "undo"),
    ]
    latest = latest_decisions(rows)
    assert {k: v["id"] for k, v in latest.items()} == {"m1": "b", "m2": "d"}


@pytest.mark.parametrize(
    ("submitted", "latest", "stale"),
    [
        ("", None, False),  # nobody decided, the form saw nothing
        ("d1", row("d1", "m", "t"), False),  # the form saw the latest decision
        ("", row("d1", "m", "t"), True),  # someone decided after the page loaded
        ("d1", row("d2", "m", "t"), True),  # someone decided again (or undid)
        (" d1 ", row("d1", "m", "t"), False),
        ("forged", None, True),
    ],
)
def test_a_form_is_stale_when_its_version_is_not_the_latest_decision(submitted, latest, stale):
    assert is_stale(submitted, latest) is stale


def test_version_of_no_decision_is_empty():
    assert version_of(None) == "" and version_of(row("x", "m", "t")) == "x"


def test_conflict_message_names_action_reviewer_and_time():
    text = conflict_message(row("x", "m", "2025-03-04T05:06:07.123456+00:00", "reject", "Budi"), "MDEC")
    assert "Budi rejected \u201cMDEC\u201d at 2025-03-04 05:06:07 UTC" in text
    assert "out of date" in conflict_message(None, "MDEC")


def _forms(page: str, mention_id: str) -> list[dict[str, str]]:
    """The fields of each decision form of one mention on an evidence page."""
    forms = re.findall(r'<form method="post" action="/decide"[^>]*>(.*?)</form>', page, re.S)
    out = [{k: html.unescape(v) for k, v in re.findall(r'name="([^"]+)" value="([^"]*)"', f)} for f in forms]
    return [f for f in out if f.get("mention_id") == mention_id]


def test_every_decision_form_carries_the_version(client: TestClient, store: Store):
    mention = sample.mention_of(store, "MDEC", "AGENCY")
    forms = _forms(client.get(MDEC_CELL).text, mention.id)
    assert len(forms) == 2 and all(f["version"] == "" for f in forms)  # buttons, correct
    sample.decide(store, mention, "accept", reviewer="Budi")
    forms = _forms(client.get(MDEC_CELL).text, mention.id)
    assert forms and all(f["version"] == store.decisions()[0].id for f in forms)


def test_second_of_two_forms_from_the_same_state_gets_409_and_stores_nothing(
    client: TestClient, store: Store
):
    mention = sample.mention_of(store, "MDEC", "AGENCY")
    page = client.get(MDEC_CELL).text
    buttons, correct = _forms(page, mention.id)  # both rendered before anyone decided
    first = client.post(
        "/decide", data=buttons | {"action": "reject", "reviewer": "Budi"}, follow_redirects=False
    )
    assert first.status_code == 303
    stale = client.post(
        "/decide", data=buttons | {"action": "accept", "reviewer": "Ana"}, follow_redirects=False
    )
    assert stale.status_code == 409
    assert "Budi rejected \u201cMDEC\u201d" in html.unescape(stale.text)
    assert f'href="{html.escape(MDEC_CELL)}"' in stale.text  # the way back
    stale_fix = client.post("/decide", data=correct | {"canonical_id": "my:other", "reviewer": "Ana"})
    assert stale_fix.status_code == 409
    assert [(d.action, d.reviewer) for d in store.decisions()] == [("reject", "Budi")]


def test_a_stale_undo_is_refused_too(client: TestClient, store: Store):
    mention = sample.mention_of(store, "MDEC", "AGENCY")
    [buttons, _] = _forms(client.get(MDEC_CELL).text, mention.id)
    done = client.post(
        "/decide", data=buttons | {"action": "reject", "reviewer": "Ana"}, follow_redirects=False
    )
    undo = next(
        f for f in _forms(client.get(done.headers["location"]).text, mention.id) if f.get("action") == "undo"
    )
    again = _forms(client.get(done.headers["location"]).text, mention.id)[0]
    restore = client.post(
        "/decide", data=again | {"action": "accept", "reviewer": "Budi"}, follow_redirects=False
    )
    assert restore.status_code == 303
    late = client.post("/decide", data=undo | {"reviewer": "Ana"})
    assert late.status_code == 409 and "Budi accepted" in html.unescape(late.text)
    assert [d.action for d in store.decisions()] == ["reject", "accept"]
