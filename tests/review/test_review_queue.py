"""The review queue: items, filters, order, progress, and in-page (partial) decisions."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient
from review_helpers import csrf_of, sample

from pipeline.review.queue import QueueFilters, ordered, progress, queue_rows, queue_view
from pipeline.review.state import ReviewState
from pipeline.store import Store


def test_items_are_passages_with_machine_output_least_confident_first(store: Store):
    data = ReviewState(store).current()
    rows = queue_rows(data)
    assert all(r["labels"] for r in rows) and not any(r["reviewed"] for r in rows)
    first = ordered(rows, "confidence")
    assert [r["confidence"] for r in first] == sorted(r["confidence"] for r in rows)
    assert first[0]["confidence"] == 0.6  # the table cell labelled mobility at 0.6


def test_filters_narrow_the_queue(store: Store):
    data = ReviewState(store).current()
    mdec = sample.mention_of(store, "MDEC", "AGENCY")

    def by(**kw: str) -> set[str]:
        """The passages the queue shows (current and following) with these filters."""
        view = queue_view(data, QueueFilters(**kw))
        shown = {r["id"] for r in view["following"]}
        return shown | ({view["item"]["passage"]["id"]} if view["item"] else set())

    assert by(document=mdec.document_id) == {
        p.id for p in store.passages_of(mdec.document_id) if any(r["id"] == p.id for r in queue_rows(data))
    }
    assert by(country="MY") >= {mdec.passage_id}
    assert mdec.passage_id in by(label="AGENCY")
    assert by(q="cyberjaya") == {"b-p0"}
    assert by(max_confidence="0.65") and all(
        r["confidence"] <= 0.65 for r in queue_rows(data) if r["id"] in by(max_confidence="0.65")
    )
    assert by(status="reviewed") == set()
    assert QueueFilters.from_query({"sort": "evil", "status": "x", "max_confidence": "a"}) == QueueFilters()


def test_progress_counts_reviewed_and_left(store: Store):
    rows = [
        {"document": "A", "labels": {"AGENCY"}, "countries": {"ID"}, "reviewed": True},
        {"document": "A", "labels": {"AGENCY", "economy"}, "countries": set(), "reviewed": False},
    ]
    assert progress(rows, "AGENCY") == {
        "documents": [{"name": "A", "reviewed": 1, "left": 1}],
        "labels": [
            {"name": "AGENCY", "reviewed": 1, "left": 1},
            {"name": "economy", "reviewed": 0, "left": 1},
        ],
        "cells": [{"name": "ID", "reviewed": 1, "left": 0}, {"name": "unknown", "reviewed": 0, "left": 1}],
    }


def test_a_partial_decision_returns_the_updated_item_and_the_queue_moves_on(client: TestClient, store: Store):
    page = client.get("/queue")
    assert page.status_code == 200 and 'id="queue-item"' in page.text
    current = re.search(r'<div id="queue-item" data-next="([^"]*)" data-passage="([^"]+)"', page.text)
    passage_id = current.group(2)
    version = re.search(
        r'class="inline mark" data-passage="[^"]+">.*?name="version" value="([^"]*)"', page.text, re.S
    ).group(1)
    fields = {
        "csrf": csrf_of(page.text),
        "passage_id": passage_id,
        "action": "accept",
        "version": version,
        "reviewer": "Ana",
        "next": "/queue",
    }
    response = client.post("/passage", data=fields, headers={"X-Sandingan-Partial": "queue"})
    assert response.status_code == 200
    assert response.text.startswith('<div id="queue-item"') and "reviewed by Ana" in response.text
    stale = client.post("/passage", data=fields, headers={"X-Sandingan-Partial": "queue"})
    assert stale.status_code == 409 and stale.headers["content-type"].startswith("text/plain")
    after = client.get("/queue").text
    assert f'data-passage="{passage_id}"' not in after.split('id="queue-item"')[1][:200]
    assert "1 of " in after  # one passage reviewed


def test_after_an_item_the_queue_goes_on_to_the_next_in_order(store: Store):
    data = ReviewState(store).current()
    ids = [r["id"] for r in ordered(queue_rows(data), "confidence")]
    view = queue_view(data, QueueFilters(status="all"), after=ids[0])
    assert view["item"]["passage"]["id"] == ids[1]
    assert view["next_url"] == f"/queue?status=all&after={ids[1]}"
    last = queue_view(data, QueueFilters(status="all"), after=ids[-1])
    assert last["item"]["passage"]["id"] == ids[0]  # from the end, round to the start
