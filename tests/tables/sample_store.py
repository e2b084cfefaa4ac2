"""A small hand-made store for the table and review tests: two documents, two countries.

Document A (Indonesia; one passage carries ``<script>`` markup as a PDF could) and
document B (Malaysia). Every passage, mention and label is written out here, so the
expected table cells can be counted by hand from this file.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from pipeline.records import (
    Decision,
    Document,
    DocumentResult,
    Law,
    Mention,
    Page,
    Passage,
    PassageLabel,
    assign_offsets,
    short_hash,
)
from pipeline.store import Store

SCRIPT_TEXT = "<script>alert('x')</script> Perpres 95/2018 berlaku."


def tiny_pdf(pages: int = 3) -> bytes:
    """A minimal valid PDF with ``pages`` empty pages."""
    objs = ["<< /Type /Catalog /Pages 2 0 R >>"]
    kids = " ".join(f"{3 + i} 0 R" for i in range(pages))
    objs.append(f"<< /Type /Pages /Kids [{kids}] /Count {pages} >>")
    objs += ["<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>"] * pages
    out, offsets = b"%PDF-1.4\n", []
    for i, body in enumerate(objs, start=1):
        offsets.append(len(out))
        out += f"{i} 0 obj\n{body}\nendobj\n".encode()
    xref = len(out)
    out += f"xref\n0 {len(objs) + 1}\n0000000000 65535 f \n".encode()
    out += "".join(f"{o:010d} 00000 n \n" for o in offsets).encode()
    out += f"trailer\n<< /Size {len(objs) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return out


def _mention(
    doc: str,
    passage: Passage,
    surface: str,
    label: str,
    canonical: str | None,
    country: str | None,
    name: str | None = None,
    law: Law | None = None,
) -> Mention:
    start = passage.text.index(surface)
    end = start + len(surface)
    return Mention(
        id=Mention.make_id(passage.id, start, end, label),
        document_id=doc,
        passage_id=passage.id,
        page=passage.page,
        label=label,
        text=surface,
        start=start,
        end=end,
        canonical_id=canonical,
        canonical_name=name,
        country=country,
        country_rule="entity" if country else None,
        confidence=0.9,
        method="rule",
        law=law,
    )


def _label(passage: Passage, task: str, label: str, score: float, method: str = "model@test") -> PassageLabel:
    return PassageLabel(passage.id, passage.document_id, task, label, score, method)


def document_a(pdf_path: Path, changed: dict[str, str] | None = None) -> DocumentResult:
    """Indonesian smart-city policy, three pages, with a table cell headed 'Malaysia'
    (``changed``: passage texts replaced, for a revised version of the document)."""
    doc_id = hashlib.sha256(pdf_path.read_bytes()).hexdigest()
    texts = [
        (
            1,
            "Peraturan Presiden Nomor 95 Tahun 2018 tentang SPBE mengatur tata kelola cerdas di Indonesia.",
            None,
        ),
        (2, "Kominfo runs the Gerakan Menuju 100 Smart City programme and learns from MDEC.", None),
        (3, "Buses with GPS trackers reduce congestion in the city centre.", None),
        (
            3,
            "Smart parking application",
            {"table_id": "t1", "row": 1, "col": 1, "row_header": "Mobility", "col_header": "Malaysia"},
        ),
        (3, SCRIPT_TEXT, None),
    ]
    texts = [(page, (changed or {}).get(text, text), table) for page, text, table in texts]
    passages = [
        Passage(
            id=f"{doc_id[:12]}-p{i}",
            document_id=doc_id,
            page=page,
            text=text,
            lang="id" if i in (0, 4) else "en",
            kind="table_cell" if table else "text",
            table=table,
        )
        for i, (page, text, table) in enumerate(texts)
    ]
    assign_offsets(passages)
    a1, a2, a3, a4, a5 = passages
    perpres = Law("ID", "perpres", "95", 2018, "SPBE")
    mentions = [
        _mention(
            doc_id,
            a1,
            "Peraturan Presiden Nomor 95 Tahun 2018",
            "LAW",
            "id/perpres/2018/95",
            "ID",
            "Peraturan Presiden Nomor 95 Tahun 2018 tentang SPBE",
            perpres,
        ),
        _mention(doc_id, a1, "Indonesia", "PLACE", "ID", "ID"),
        _mention(doc_id, a1, "tata kelola cerdas", "DIMENSION", "governance", None),
        _mention(
            doc_id, a2, "Kominfo", "AGENCY", "id:kominfo", "ID", "Kementerian Komunikasi dan Informatika"
        ),
        _mention(
            doc_id,
            a2,
            "Gerakan Menuju 100 Smart City",
            "PROGRAMME",
            "id:gerakan-100",
            "ID",
            "Gerakan Menuju 100 Smart City",
        ),
        _mention(doc_id, a2, "MDEC", "AGENCY", "my:mdec", "MY", "Malaysia Digital Economy Corporation"),
        _mention(doc_id, a5, "Perpres 95/2018", "LAW", "id/perpres/2018/95", "ID", None, perpres),
    ]
    labels = [
        _label(a1, "dimension", "governance", 1.0, "lexicon"),
        _label(a2, "dimension", "governance", 0.7),
        _label(a2, "policy_stage", "implementation", 0.8),
        _label(a2, "diffusion", "learning", 0.75),
        _label(a3, "dimension", "mobility", 0.8),
        _label(a4, "dimension", "mobility", 0.6),
    ]
    document = Document(
        id=doc_id,
        file=pdf_path.name,
        path=str(pdf_path),
        pages=3,
        language="id",
        language_profile={"id": 0.6, "en": 0.4},
        title="Kebijakan kota cerdas di Indonesia",
        year=2022,
        quality=0.95,
    )
    pages = [Page(doc_id, n, 200, 200) for n in (1, 2, 3)]
    return DocumentResult(document, pages, passages, mentions, labels)


def document_b() -> DocumentResult:
    """A Malaysian report of two pages (no file on disk)."""
    doc_id = "b" * 64
    passages = [
        Passage(
            id="b-p0",
            document_id=doc_id,
            page=1,
            lang="en",
            text="The Communications and Multimedia Act 1998 (Act 588) applies in Cyberjaya.",
        ),
        Passage(
            id="b-p1",
            document_id=doc_id,
            page=2,
            lang="en",
            text="MDEC leads the MyDIGITAL blueprint for the digital economy.",
        ),
    ]
    assign_offsets(passages)
    b1, b2 = passages
    mentions = [
        _mention(
            doc_id,
            b1,
            "Communications and Multimedia Act 1998 (Act 588)",
            "LAW",
            "my/act/1998/588",
            "MY",
            "Communications and Multimedia Act 1998",
            Law("MY", "act", "588", 1998),
        ),
        _mention(doc_id, b1, "Cyberjaya", "PLACE", "my:cyberjaya", "MY"),
        _mention(doc_id, b2, "MDEC", "AGENCY", "my:mdec", "MY", "Malaysia Digital Economy Corporation"),
        _mention(doc_id, b2, "MyDIGITAL", "PROGRAMME", "my:mydigital", "MY", "MyDIGITAL"),
    ]
    labels = [
        _label(b1, "dimension", "governance", 0.85),
        _label(b2, "dimension", "economy", 0.9),
        _label(b2, "diffusion", "competition", 0.7),
    ]
    document = Document(
        id=doc_id,
        file="my_report.pdf",
        path="/nonexistent/my_report.pdf",
        pages=2,
        language="en",
        language_profile={"en": 1.0},
        title="Malaysia digital report",
        year=2021,
        quality=0.9,
    )
    return DocumentResult(document, [Page(doc_id, 1), Page(doc_id, 2)], passages, mentions, labels)


def build_sample_store(tmp_path: Path) -> Store:
    """A SQLite store in ``tmp_path`` holding documents A and B (A's PDF written beside it)."""
    pdf = tmp_path / "pdfs" / "kota_cerdas.pdf"
    pdf.parent.mkdir(parents=True, exist_ok=True)
    pdf.write_bytes(tiny_pdf())
    store = Store(f"sqlite:///{tmp_path / 'store.db'}")
    store.save_result(document_a(pdf))
    store.save_result(document_b())
    return store


def mention_of(store: Store, text: str, label: str | None = None) -> Mention:
    """The one stored mention with this surface text (and label), for the tests to decide on."""
    found = [
        m
        for d in store.documents()
        for m in store.mentions_of(d.id)
        if m.text == text and (label is None or m.label == label)
    ]
    assert found, text
    return found[0]


def decide(
    store: Store,
    target: Mention | str,
    action: str,
    payload: dict | None = None,
    when: str = "2025-01-01T00:00:00.000000+00:00",
    reviewer: str = "tester",
    document_id: str | None = None,
) -> Decision:
    """Store a decision on a mention (or on a new mention id, for ``add``)."""
    target_id = target if isinstance(target, str) else target.id
    doc = document_id or (None if isinstance(target, str) else target.document_id)
    decision = Decision(
        id=short_hash(target_id, action, when),
        target_id=target_id,
        action=action,
        reviewer=reviewer,
        created_at=when,
        document_id=doc,
        payload=payload or {},
    )
    store.add_decision(decision)
    return decision


def revise_document_a(store: Store, tmp_path: Path, changed: dict[str, str]) -> str:
    """Document A revised the way a run sees it: new bytes at the same path (a new document
    id), some passage texts changed, the old version deleted. Returns the new id."""
    pdf = tmp_path / "pdfs" / "kota_cerdas.pdf"
    old_id = hashlib.sha256(pdf.read_bytes()).hexdigest()
    pdf.write_bytes(tiny_pdf() + b"% revised\n")
    revised = document_a(pdf, changed)
    store.save_result(revised)
    store.delete_document(old_id)
    return revised.document.id
