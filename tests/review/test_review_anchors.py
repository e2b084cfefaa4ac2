"""Decisions survive a revised PDF by their text; those whose text changed are orphans,
shown on the page and by ``sandingan review orphans``."""

from __future__ import annotations

import html
import re

from fastapi.testclient import TestClient
from review_helpers import count_link, csrf_of, sample
from typer.testing import CliRunner

from pipeline.cli import app as cli_app
from pipeline.review.views import evidence_url
from pipeline.store import Store
from pipeline.tables import build_tables, load_frames, load_orphans

MDEC_CELL = evidence_url("instruments_by_country", "AGENCY|my:mdec", "MY")
MOBILITY_ID = evidence_url("dimension_by_country", "mobility", "ID")
BUSES = "Buses with GPS trackers reduce congestion in the city centre."


def decide_through_the_page(client: TestClient, store: Store) -> None:
    """Reject MDEC in document A and set the bus passage's dimensions, as a reviewer does."""
    mdec = next(
        m
        for d in store.documents()
        for m in store.mentions_of(d.id)
        if m.text == "MDEC" and m.document_id != "b" * 64
    )
    page = client.get(MDEC_CELL)
    version = client.app.state.review.state.current().version(mdec.id)
    client.post(
        "/decide",
        data={
            "csrf": csrf_of(page.text),
            "mention_id": mdec.id,
            "action": "reject",
            "reviewer": "Ana",
            "next": MDEC_CELL,
            "version": version,
        },
        follow_redirects=False,
    )
    buses = next(p for d in store.documents() for p in store.passages_of(d.id) if p.text == BUSES)
    page = client.get(MOBILITY_ID)
    client.post(
        "/labels",
        data={
            "csrf": csrf_of(page.text),
            "passage_id": buses.id,
            "task": "dimension",
            "labels": ["environment"],
            "version": "",
            "reviewer": "Ana",
            "next": MOBILITY_ID,
        },
        follow_redirects=False,
    )


def test_a_revised_pdf_keeps_its_decisions_and_orphans_the_changed_passage(
    client: TestClient, store: Store, tmp_path
):
    decide_through_the_page(client, store)
    assert count_link(client.get("/").text, "AGENCY|my:mdec", "MY") == "1"
    sample.revise_document_a(store, tmp_path, {BUSES: "Trams with GPS trackers cut congestion."})
    # the reject moved to the revised document's MDEC: still one MDEC mention counted
    assert count_link(client.get("/").text, "AGENCY|my:mdec", "MY") == "1"
    frames = load_frames(store)
    assert [d["action"] for d in frames.decisions.to_dict("records")] == ["reject"]
    orphans = load_orphans(store)
    assert orphans["action"].tolist() == ["correct"]
    assert orphans["reason"].tolist() == ["its passage's text changed or is gone"]
    dims = build_tables(store)["dimension_by_country"]
    assert dims[dims["dimension"] == "environment"].empty  # applied nowhere
    index = client.get("/").text
    assert "1 review decision no longer finds the text it was made on" in html.unescape(index)
    log = client.get("/decisions").text
    assert 'id="orphans"' in log
    assert re.search(r"Dimension labels</td><td>its passage", html.unescape(log))


def test_review_orphans_lists_them(client: TestClient, store: Store, tmp_path):
    decide_through_the_page(client, store)
    sample.revise_document_a(store, tmp_path, {BUSES: "Trams with GPS trackers cut congestion."})
    db = str(tmp_path / "store.db")
    result = CliRunner().invoke(cli_app, ["review", "orphans", "--db", db])
    assert result.exit_code == 0, result.output
    assert "Ana  correct" in result.output and "its passage's text changed" in result.output
    assert result.output.strip().endswith("1 review decision cannot be placed")
