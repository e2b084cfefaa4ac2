"""Reviewing a passage's labels (dimension, policy stage, diffusion) through the app."""

from __future__ import annotations

import html
import re

from fastapi.testclient import TestClient
from review_helpers import csrf_of, sample

from pipeline.review.evidence import label_form
from pipeline.review.export import reviewed_examples
from pipeline.review.views import evidence_url
from pipeline.store import Store
from pipeline.tables import build_tables, load_frames
from pipeline.tables.decisions import label_target

GOVERNANCE_ID = evidence_url("dimension_by_country", "governance", "ID")


def label_fields(page_text: str, passage_id: str) -> dict[str, object]:
    """The fields of one passage's label form, ticked boxes as a list under 'labels'."""
    form = re.search(
        rf'<form method="post" action="/labels" class="label-set" '
        rf'data-passage="{re.escape(passage_id)}">(.*?)</form>',
        page_text,
        re.S,
    )
    assert form, "no label form for this passage"
    body = form.group(1)
    fields: dict[str, object] = {
        k: html.unescape(v) for k, v in re.findall(r'type="hidden" name="([^"]+)" value="([^"]*)"', body)
    }
    fields["labels"] = re.findall(r'name="labels" value="([^"]+)" checked', body)
    return fields


def kominfo_passage(store: Store) -> str:
    return sample.mention_of(store, "Kominfo").passage_id


def test_a_label_cell_shows_each_passage_with_its_labels_ticked(client: TestClient, store: Store):
    page = client.get(GOVERNANCE_ID)
    fields = label_fields(page.text, kominfo_passage(store))
    assert fields["task"] == "dimension" and fields["version"] == ""
    assert fields["labels"] == ["governance"]
    assert page.text.count('name="labels" value="mobility"') >= 2  # every label is offered


def test_changing_the_ticks_sets_the_labels_and_the_table_follows(client: TestClient, store: Store):
    passage = kominfo_passage(store)
    page = client.get(GOVERNANCE_ID)
    fields = label_fields(page.text, passage) | {
        "csrf": csrf_of(page.text),
        "reviewer": "Ana",
        "next": GOVERNANCE_ID,
        "labels": ["economy"],
    }
    response = client.post("/labels", data=fields, follow_redirects=False)
    assert response.status_code == 303
    [decision] = store.decisions()
    assert (decision.target_id, decision.action, decision.payload["labels"]) == (
        label_target(passage, "dimension"),
        "correct",
        ["economy"],
    )
    assert set(decision.payload) == {"task", "labels", "anchor"}
    dims = build_tables(store)["dimension_by_country"]
    economy = dims[(dims["dimension"] == "economy") & (dims["country"] == "ID")]
    assert int(economy["passages"].iloc[0]) == 1
    note = client.get(response.headers["location"]).text
    assert "Dimension labels set: Smart economy." in note


def test_confirming_the_labels_as_shown_is_an_accept(client: TestClient, store: Store):
    page = client.get(GOVERNANCE_ID)
    fields = label_fields(page.text, kominfo_passage(store))
    client.post(
        "/labels",
        data=fields | {"csrf": csrf_of(page.text), "reviewer": "Ana", "next": GOVERNANCE_ID},
        follow_redirects=False,
    )
    assert [d.action for d in store.decisions()] == ["accept"]
    [example] = reviewed_examples(load_frames(store))
    assert example["dimensions"] == ["governance"]
    assert example["label_status"] == {"dimensions": "accepted"}


def test_a_stale_label_form_is_refused_and_names_the_newer_decision(client: TestClient, store: Store):
    passage = kominfo_passage(store)
    page = client.get(GOVERNANCE_ID)
    stale = label_fields(page.text, passage) | {"csrf": csrf_of(page.text), "next": GOVERNANCE_ID}
    client.post("/labels", data=stale | {"reviewer": "Ana", "labels": []}, follow_redirects=False)
    second = client.post(
        "/labels", data=stale | {"reviewer": "Budi", "labels": ["living"]}, follow_redirects=False
    )
    assert second.status_code == 409
    assert "Ana corrected" in html.unescape(second.text)
    assert "dimension labels of this passage" in second.text
    assert len(store.decisions()) == 1


def test_undo_returns_the_labels_to_the_machines(client: TestClient, store: Store):
    passage = kominfo_passage(store)
    page = client.get(GOVERNANCE_ID)
    fields = label_fields(page.text, passage) | {
        "csrf": csrf_of(page.text),
        "reviewer": "Ana",
        "next": GOVERNANCE_ID,
        "labels": [],
    }
    response = client.post("/labels", data=fields, follow_redirects=False)
    note = client.get(response.headers["location"]).text
    undo = re.search(r'<form method="post" action="/labels" class="inline">(.*?)</form>', note, re.S).group(1)
    undo_fields = {k: html.unescape(v) for k, v in re.findall(r'name="([^"]+)" value="([^"]*)"', undo)}
    assert undo_fields["action"] == "undo"
    undone = client.post("/labels", data=undo_fields | {"reviewer": "Ana"}, follow_redirects=False)
    assert undone.status_code == 303
    assert reviewed_examples(load_frames(store)) == []
    data = client.app.state.review.state.current()
    assert label_form(data, passage, "dimension")["state"] is None
    back = client.get(undone.headers["location"]).text
    assert "labels of the passage are the machine" in back, back[back.find('class="note"') :][:300]


def test_bad_label_forms_are_refused_with_nothing_stored(client: TestClient, store: Store):
    passage = kominfo_passage(store)
    page = client.get(GOVERNANCE_ID)
    fields = label_fields(page.text, passage) | {
        "csrf": csrf_of(page.text),
        "reviewer": "Ana",
        "next": GOVERNANCE_ID,
    }
    assert client.post("/labels", data=fields | {"labels": ["speed"]}).status_code == 400
    assert client.post("/labels", data=fields | {"task": "colour"}).status_code == 400
    assert client.post("/labels", data=fields | {"passage_id": "nope"}).status_code == 404
    assert client.post("/labels", data=fields | {"csrf": "forged"}).status_code == 403
    assert client.post("/labels", data=fields | {"action": "undo", "undoes": "x"}).status_code == 400
    assert store.decisions() == []


def test_the_decision_log_names_label_decisions(client: TestClient, store: Store):
    page = client.get(GOVERNANCE_ID)
    fields = label_fields(page.text, kominfo_passage(store)) | {
        "csrf": csrf_of(page.text),
        "reviewer": "Ana",
        "next": GOVERNANCE_ID,
        "labels": ["economy", "people"],
    }
    client.post("/labels", data=fields, follow_redirects=False)
    log = client.get("/decisions").text
    assert "Dimension labels of" in log and "Smart economy, Smart people" in log
