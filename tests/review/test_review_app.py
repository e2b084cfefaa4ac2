"""HTTP tests of every route of the review app (FastAPI TestClient)."""

from __future__ import annotations

import html
import io
import re

from fastapi.testclient import TestClient
from openpyxl import load_workbook
from review_helpers import LOCAL, count_link, csrf_of, sample

from pipeline.review.app import create_app
from pipeline.review.views import evidence_url
from pipeline.store import Store

MDEC_CELL = evidence_url("instruments_by_country", "AGENCY|my:mdec", "MY")
PERPRES_CELL = evidence_url("instruments_by_country", "LAW|id/perpres/2018/95", "ID")


def post_decision(client: TestClient, mention_id: str, action: str, **fields) -> object:
    """Submit a decision form the way the evidence page does."""
    page = client.get(MDEC_CELL)
    version = client.app.state.review.state.current().version(mention_id)
    data = {
        "csrf": csrf_of(page.text),
        "mention_id": mention_id,
        "action": action,
        "reviewer": "Ana",
        "next": MDEC_CELL,
        "version": version,
    } | fields
    return client.post("/decide", data=data, follow_redirects=False)


def test_index_links_every_cell_to_its_evidence(client: TestClient):
    page = client.get("/")
    assert page.status_code == 200
    assert "Smart governance" in page.text
    assert 'href="/evidence?table=dimension_by_country&amp;row=governance&amp;col=ID"' in page.text
    assert count_link(page.text, "AGENCY|my:mdec", "MY") == "2"
    assert page.headers["content-security-policy"].startswith("default-src 'self'")


def test_index_filters_by_country(client: TestClient):
    page = client.get("/?country=ID")
    assert 'data-country="MY"' not in page.text and 'data-country="ID"' in page.text


def test_evidence_lists_passages_with_document_page_and_pdf_link(client: TestClient, store):
    page = client.get(MDEC_CELL)
    assert page.status_code == 200
    assert "Kebijakan kota cerdas di Indonesia" in page.text and "page 2" in page.text
    doc_a = next(d for d in store.documents() if d.file == "kota_cerdas.pdf")
    assert f'href="/pdf/{doc_a.id}#page=2"' in page.text
    assert "PDF not available" in page.text  # document B's file does not exist
    mention = sample.mention_of(store, "MDEC", "AGENCY")
    assert f'data-mention="{mention.id}"' in page.text  # the mention is highlighted
    assert 'name="action" value="reject"' in page.text


def test_unknown_cell_is_404(client: TestClient):
    assert client.get("/evidence?table=nope&row=a&col=b").status_code == 404
    assert client.get("/evidence").status_code == 404


def test_script_in_a_passage_renders_as_text(client: TestClient):
    page = client.get(PERPRES_CELL)
    assert page.status_code == 200
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in page.text
    assert "<script>alert" not in page.text


def test_reviewer_text_is_escaped_too(client: TestClient, store: Store):
    mention = sample.mention_of(store, "MDEC", "AGENCY")
    post_decision(
        client,
        mention.id,
        "correct",
        label="AGENCY",
        country="MY",
        canonical_id="my:mdec",
        canonical_name="<img src=x onerror=alert(1)>",
    )
    for url in ("/", MDEC_CELL, "/decisions"):
        text = client.get(url).text
        assert "<img src=x" not in text
    assert "&lt;img src=x onerror=alert(1)&gt;" in client.get(MDEC_CELL).text


def test_reject_changes_the_table_at_once(client: TestClient, store: Store):
    mention = sample.mention_of(store, "MDEC", "AGENCY")
    response = post_decision(client, mention.id, "reject")
    assert response.status_code == 303
    assert response.headers["location"].startswith("/evidence?")
    assert "done=" in response.headers["location"]
    assert [d.action for d in store.decisions()] == ["reject"]
    assert store.decisions()[0].reviewer == "Ana"
    assert count_link(client.get("/").text, "AGENCY|my:mdec", "MY") == "1"
    note = client.get(response.headers["location"])
    assert "Rejected" in note.text and "Undo" in note.text


def test_reviewer_name_is_required_and_then_remembered(client: TestClient, store: Store):
    mention = sample.mention_of(store, "MDEC", "AGENCY")
    assert post_decision(client, mention.id, "accept", reviewer="  ").status_code == 400
    assert store.decisions() == []
    assert post_decision(client, mention.id, "accept").status_code == 303
    page = client.get(MDEC_CELL)
    assert 'type="hidden" name="reviewer" value="Ana"' in page.text
    assert "Reviewing as <strong>Ana</strong>" in page.text


def test_post_without_csrf_token_is_refused(client: TestClient, store: Store):
    client.get("/")
    mention = sample.mention_of(store, "MDEC", "AGENCY")
    data = {"mention_id": mention.id, "action": "reject", "reviewer": "Eve", "next": "/"}
    assert client.post("/decide", data=data).status_code == 403
    assert client.post("/decide", data=data | {"csrf": "forged"}).status_code == 403
    assert client.post("/add", data={"passage_id": mention.passage_id}).status_code == 403
    assert client.post("/reviewer", data={"reviewer": "Eve"}).status_code == 403
    assert store.decisions() == []


def test_post_from_another_origin_is_refused(client: TestClient, store: Store):
    mention = sample.mention_of(store, "MDEC", "AGENCY")
    token = csrf_of(client.get(MDEC_CELL).text)
    data = {"csrf": token, "mention_id": mention.id, "action": "reject", "reviewer": "Eve"}
    for header in (
        {"Origin": "http://evil.example"},
        {"Origin": "null"},
        {"Referer": "http://evil.example/page"},
    ):
        assert client.post("/decide", data=data, headers=header).status_code == 403
    assert store.decisions() == []
    ok = client.post("/decide", data=data, headers={"Origin": LOCAL}, follow_redirects=False)
    assert ok.status_code == 303


def test_correct_changes_the_country(client: TestClient, store: Store):
    mention = sample.mention_of(store, "MDEC", "AGENCY")
    response = post_decision(
        client,
        mention.id,
        "correct",
        label="AGENCY",
        country="sg",
        canonical_id="my:mdec",
        canonical_name="MDEC",
    )
    assert response.status_code == 303
    payload = dict(store.decisions()[0].payload)
    anchor = payload.pop("anchor")
    assert payload == {"country": "SG", "canonical_name": "MDEC"}
    assert (anchor["span"], anchor["label"], len(anchor["passage_hash"])) == ("MDEC", "AGENCY", 16)
    assert count_link(client.get("/").text, "AGENCY|my:mdec", "SG") == "1"
    bad = post_decision(client, mention.id, "correct", label="AGENCY", country="Malaysia")
    assert bad.status_code == 400


def test_add_a_missed_mention(client: TestClient, store: Store):
    passage = next(
        p for d in store.documents() for p in store.passages_of(d.id) if p.text.startswith("MDEC leads")
    )
    token = csrf_of(client.get(MDEC_CELL).text)
    data = {
        "csrf": token,
        "passage_id": passage.id,
        "text": "digital economy",
        "start": "",
        "end": "",
        "label": "PROGRAMME",
        "country": "MY",
        "canonical_id": "",
        "canonical_name": "",
        "reviewer": "Ana",
        "next": MDEC_CELL,
    }
    response = client.post("/add", data=data, follow_redirects=False)
    assert response.status_code == 303
    decision = store.decisions()[0]
    assert decision.action == "add"
    assert passage.text[decision.payload["start"] : decision.payload["end"]] == "digital economy"
    assert count_link(client.get("/").text, "PROGRAMME|text:digital economy", "MY") == "1"
    missing = client.post("/add", data=data | {"text": "not in the passage"})
    assert missing.status_code == 400


def test_reviewer_form_sets_the_cookie(client: TestClient):
    token = csrf_of(client.get("/").text)
    response = client.post(
        "/reviewer",
        data={"csrf": token, "reviewer": "Budi Santoso", "next": "//evil.example"},
        follow_redirects=False,
    )
    assert response.status_code == 303 and response.headers["location"] == "/"
    assert "Reviewing as <strong>Budi Santoso</strong>" in client.get("/").text


def test_decisions_page_lists_decisions(client: TestClient, store: Store):
    assert "No decisions yet" in client.get("/decisions").text
    post_decision(client, sample.mention_of(store, "MDEC", "AGENCY").id, "reject")
    page = client.get("/decisions")
    assert page.status_code == 200 and "Ana" in page.text and "reject" in page.text


def test_pdf_route_serves_only_stored_documents(client: TestClient, store: Store, tmp_path):
    doc_a = next(d for d in store.documents() if d.file == "kota_cerdas.pdf")
    response = client.get(f"/pdf/{doc_a.id}")
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert client.get("/pdf/" + "b" * 64).status_code == 404  # stored, file missing
    assert client.get("/pdf/not-a-document").status_code == 404
    assert client.get("/pdf/..%2F..%2Fetc%2Fpasswd").status_code == 404
    (tmp_path / "pdfs" / "kota_cerdas.pdf").write_bytes(sample.tiny_pdf(4))  # replaced file
    assert client.get(f"/pdf/{doc_a.id}").status_code == 404


def test_pdf_roots_confine_the_files_served(store: Store, tmp_path):
    doc_a = next(d for d in store.documents() if d.file == "kota_cerdas.pdf")
    other = tmp_path / "elsewhere"
    other.mkdir()
    with TestClient(create_app(store, pdf_roots=[other]), base_url=LOCAL) as c:
        assert c.get(f"/pdf/{doc_a.id}").status_code == 404
    with TestClient(create_app(store, pdf_roots=[tmp_path / "pdfs"]), base_url=LOCAL) as c:
        assert c.get(f"/pdf/{doc_a.id}").status_code == 200


def test_downloads_reflect_decisions(client: TestClient, store: Store):
    post_decision(client, sample.mention_of(store, "MyDIGITAL").id, "reject")
    xlsx = client.get("/download/sandingan_tables.xlsx")
    assert xlsx.status_code == 200
    ws = load_workbook(io.BytesIO(xlsx.content))["Instruments by country"]
    assert "MyDIGITAL" not in [r[3] for r in ws.iter_rows(min_row=2, values_only=True)]
    csv = client.get("/download/documents.csv")
    assert csv.status_code == 200 and "kota_cerdas.pdf" in csv.text
    assert client.get("/download/secrets.txt").status_code == 404


def test_static_files_are_served(client: TestClient):
    assert client.get("/static/review.css").status_code == 200
    assert client.get("/static/review.js").status_code == 200


def _undo_form(page_text: str) -> dict[str, str]:
    """The fields of the Undo form in a decision note."""
    form = re.search(
        r'<form method="post" action="/decide" class="inline">(.*?)</form>', page_text, re.S
    ).group(1)
    return {k: html.unescape(v) for k, v in re.findall(r'name="([^"]+)" value="([^"]*)"', form)}


def test_undo_of_a_reject_returns_the_mention_to_machine(client: TestClient, store: Store):
    mention = sample.mention_of(store, "MDEC", "AGENCY")
    response = post_decision(client, mention.id, "reject")
    fields = _undo_form(client.get(response.headers["location"]).text)
    assert fields["action"] == "undo" and fields["mention_id"] == mention.id
    undone = client.post("/decide", data=fields | {"reviewer": "Ana"}, follow_redirects=False)
    assert undone.status_code == 303
    assert [d.action for d in store.decisions()] == ["reject", "undo"]
    assert count_link(client.get("/").text, "AGENCY|my:mdec", "MY") == "2"  # counted again
    from pipeline.review.export import reviewed_examples
    from pipeline.tables import load_frames

    assert reviewed_examples(load_frames(store)) == []  # nothing a person decided is left
    assert "Undone" in client.get(undone.headers["location"]).text


def test_undo_needs_a_real_decision_on_that_mention(client: TestClient, store: Store):
    mention = sample.mention_of(store, "MDEC", "AGENCY")
    assert post_decision(client, mention.id, "undo", undoes="nope").status_code == 400
    other = post_decision(client, sample.mention_of(store, "Kominfo").id, "reject")
    fields = _undo_form(client.get(other.headers["location"]).text)
    assert post_decision(client, mention.id, "undo", undoes=fields["undoes"]).status_code == 400
