"""Marking a whole passage reviewed: its machine mentions as shown become seen training data."""

from __future__ import annotations

import html
import json
import re

from fastapi.testclient import TestClient
from review_helpers import csrf_of, sample

from pipeline.review.export import reviewed_examples, write_reviewed
from pipeline.review.views import evidence_url
from pipeline.store import Store
from pipeline.tables import load_frames
from pipeline.tables.decisions import passage_target
from pipeline.train.ner_data import reviewed_examples as ner_examples

CELL = evidence_url("instruments_by_country", "AGENCY|id:kominfo", "ID")


def mark_fields(page_text: str, passage_id: str) -> dict[str, str]:
    """The hidden fields of one passage's mark form."""
    form = re.search(
        rf'<form method="post" action="/passage" class="inline mark" '
        rf'data-passage="{re.escape(passage_id)}">(.*?)</form>',
        page_text,
        re.S,
    )
    assert form, "no mark form for this passage"
    return {
        k: html.unescape(v)
        for k, v in re.findall(r'type="hidden" name="([^"]+)" value="([^"]*)"', form.group(1))
    }


def mark(client: TestClient, passage_id: str, **extra: str):
    page = client.get(CELL)
    fields = mark_fields(page.text, passage_id) | {
        "csrf": csrf_of(page.text),
        "reviewer": "Ana",
        "next": CELL,
        "action": "accept",
    }
    return client.post("/passage", data=fields | extra, follow_redirects=False)


def test_a_marked_passage_exports_its_standing_mentions_as_seen(client: TestClient, store: Store):
    mdec = sample.mention_of(store, "MDEC", "AGENCY")
    sample.decide(store, mdec, "reject", reviewer="Budi")
    response = mark(client, mdec.passage_id)
    assert response.status_code == 303
    decision = next(d for d in store.decisions() if d.target_id == passage_target(mdec.passage_id))
    assert decision.action == "accept" and len(decision.payload["seen"]) == 2
    assert "Passage marked reviewed" in client.get(response.headers["location"]).text
    [ex] = reviewed_examples(load_frames(store))
    assert {m["text"]: m["status"] for m in ex["mentions"]} == {
        "Kominfo": "seen",
        "Gerakan Menuju 100 Smart City": "seen",
    }
    assert [m["text"] for m in ex["rejected"]] == ["MDEC"] and ex["unreviewed"] == []
    assert ex["passage_reviewed"]["reviewer"] == "Ana"
    assert ex["reviewers"] == ["Ana", "Budi"]


def test_a_marked_passage_is_a_complete_ner_example(client: TestClient, store: Store, tmp_path):
    kominfo = sample.mention_of(store, "Kominfo")
    mark(client, kominfo.passage_id)
    path = tmp_path / "reviewed.jsonl"
    write_reviewed(store, path)
    [example] = ner_examples(path)
    assert {example.text[s.start : s.end] for s in example.spans} == {
        "Kominfo",
        "MDEC",
        "Gerakan Menuju 100 Smart City",
    }
    assert example.unknown == ()  # nothing left unannotated
    [line] = path.read_text(encoding="utf-8").splitlines()
    assert json.loads(line)["passage_reviewed"]


def test_unmarking_and_stale_marks(client: TestClient, store: Store):
    kominfo = sample.mention_of(store, "Kominfo")
    page = client.get(CELL)
    stale = mark_fields(page.text, kominfo.passage_id) | {
        "csrf": csrf_of(page.text),
        "next": CELL,
        "action": "accept",
    }
    assert (
        client.post("/passage", data=stale | {"reviewer": "Ana"}, follow_redirects=False).status_code == 303
    )
    second = client.post("/passage", data=stale | {"reviewer": "Budi"}, follow_redirects=False)
    assert second.status_code == 409 and "Ana accepted" in html.unescape(second.text)
    page = client.get(CELL)
    fields = mark_fields(page.text, kominfo.passage_id)
    assert fields["undoes"] and "reviewed by Ana" in page.text
    undone = client.post(
        "/passage",
        data=fields | {"csrf": csrf_of(page.text), "reviewer": "Ana", "next": CELL, "action": "undo"},
        follow_redirects=False,
    )
    assert undone.status_code == 303
    assert reviewed_examples(load_frames(store)) == []
    assert "Mark passage reviewed" in client.get(CELL).text


def test_bad_mark_forms_are_refused(client: TestClient, store: Store):
    kominfo = sample.mention_of(store, "Kominfo")
    page = client.get(CELL)
    fields = mark_fields(page.text, kominfo.passage_id) | {
        "csrf": csrf_of(page.text),
        "reviewer": "Ana",
        "next": CELL,
    }
    assert client.post("/passage", data=fields | {"passage_id": "nope"}).status_code == 404
    assert client.post("/passage", data=fields | {"action": "delete"}).status_code == 400
    assert client.post("/passage", data=fields | {"action": "undo", "undoes": "x"}).status_code == 400
    assert client.post("/passage", data=fields | {"csrf": "forged"}).status_code == 403
    assert store.decisions() == []
