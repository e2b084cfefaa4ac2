"""Agreement between reviewers who decided the same item, per label."""

from __future__ import annotations

import pandas as pd
from fastapi.testclient import TestClient
from review_helpers import csrf_of, sample

from pipeline.review.agreement import agreement_table
from pipeline.review.views import evidence_url
from pipeline.store import Store
from pipeline.tables.decisions import label_target


def rows(*items: tuple) -> pd.DataFrame:
    """Decisions from (id, target, action, reviewer, payload), in time order."""
    return pd.DataFrame(
        [
            {
                "id": i,
                "target_id": t,
                "action": a,
                "reviewer": r,
                "created_at": f"2025-01-01T00:00:{n:02d}",
                "document_id": "d",
                "payload": p,
            }
            for n, (i, t, a, r, p) in enumerate(items)
        ]
    )


def test_mentions_agree_when_both_keep_or_both_reject():
    table = agreement_table(
        rows(
            ("1", "m1", "accept", "ana", {}),
            ("2", "m1", "correct", "budi", {"country": "MY"}),
            ("3", "m2", "reject", "ana", {}),
            ("4", "m2", "accept", "budi", {}),
            ("5", "m3", "reject", "ana", {}),
        ),  # one reviewer only: not counted
        {"m1": "AGENCY", "m2": "AGENCY", "m3": "LAW"},
    )
    assert table == [{"kind": "mention", "label": "AGENCY", "items": 2, "agreement": 0.5}]


def test_label_sets_use_positive_agreement_and_the_latest_standing_decision():
    target = label_target("p1", "dimension")
    table = agreement_table(
        rows(
            ("1", target, "correct", "ana", {"labels": ["mobility", "living"]}),
            ("2", target, "correct", "budi", {"labels": ["people"]}),
            ("3", target, "correct", "budi", {"labels": ["mobility"]}),  # budi's latest
            ("4", target, "correct", "citra", {"labels": ["economy"]}),
            ("5", target, "undo", "citra", {"undoes": "4"}),
        ),
        {},
    )  # citra's is taken back
    assert {r["label"]: (r["items"], r["agreement"]) for r in table} == {
        "living": (1, 0.0),
        "mobility": (1, 1.0),
    }


def test_the_decisions_page_shows_agreement_once_two_reviewers_decided(client: TestClient, store: Store):
    cell = evidence_url("instruments_by_country", "AGENCY|my:mdec", "MY")
    mention = sample.mention_of(store, "MDEC", "AGENCY")
    for reviewer, action in (("Ana", "reject"), ("Budi", "accept")):
        page = client.get(cell)
        version = client.app.state.review.state.current().version(mention.id)
        client.post(
            "/decide",
            data={
                "csrf": csrf_of(page.text),
                "mention_id": mention.id,
                "action": action,
                "reviewer": reviewer,
                "next": cell,
                "version": version,
            },
            follow_redirects=False,
        )
    log = client.get("/decisions").text
    assert 'id="agreement"' in log
    assert '<tr data-kind="mention" data-label="AGENCY">' in log and "0%" in log
