"""read_pdf on generated files: passages, clean text, sections, metadata, records."""

from __future__ import annotations

import hashlib
import pickle
from pathlib import Path

from pdfmaker import Text, make_pdf, paragraph

from pipeline.ingest import read_pdf
from pipeline.records import document_text

LONG = (
    "Pemerintah daerah menyusun rencana induk kota cerdas yang memuat visi, misi, strategi "
    "dan program prioritas untuk lima tahun, sesuai dengan kebijakan nasional yang berlaku."
)


def test_headers_footers_and_page_numbers_are_dropped(tmp_path: Path) -> None:
    words = LONG.split()
    pages = [paragraph(72, 120, 450, " ".join(words[i:] + words[:i])) for i in range(1, 6)]
    header = "Jurnal Kebijakan Kota Vol. 3 No. {page}"
    pdf = make_pdf(tmp_path / "h.pdf", pages, header=header, footer="{page}")
    texts = [p.text for p in read_pdf(pdf).passages]
    assert len(texts) == 5
    assert not any("Jurnal Kebijakan" in t for t in texts)
    assert all(t.startswith(LONG.split()[i]) for i, t in enumerate(texts, start=1))


def test_hyphenation_and_soft_hyphens(tmp_path: Path) -> None:
    items = [
        Text(72, 72, "Kebijakan ini mengatur penyelenggaraan pemerin-", 11),
        Text(72, 86, "tahan daerah dan kebija\u00ad", 11),
        Text(72, 100, "kan UNDANG\u00adUNDANG yang berlaku.", 11),
    ]
    text = read_pdf(make_pdf(tmp_path / "hy.pdf", [items])).passages[0].text
    assert "pemerintahan daerah" in text
    assert "kebijakan UNDANG-UNDANG" in text
    assert "\u00ad" not in text


def test_sections_of_a_regulation(tmp_path: Path) -> None:
    items = [
        Text(260, 60, "BAB I", 12),
        Text(220, 78, "KETENTUAN UMUM", 12),
        Text(265, 110, "Pasal 1", 12),
        *paragraph(
            72,
            130,
            450,
            "Dalam Peraturan Daerah ini yang dimaksud dengan Kota Cerdas adalah kota "
            "yang memanfaatkan teknologi.",
            12,
        ),
        Text(265, 190, "Pasal 2", 12),
        *paragraph(72, 210, 450, "Peraturan Daerah ini bertujuan meningkatkan pelayanan publik.", 12),
    ]
    passages = read_pdf(make_pdf(tmp_path / "reg.pdf", [items])).passages
    by_text = {p.text[:12]: p for p in passages}
    assert by_text["BAB I KETENT"].kind == "heading"
    assert by_text["Dalam Peratu"].section == "BAB I KETENTUAN UMUM > Pasal 1"
    assert by_text["Peraturan Da"].section == "BAB I KETENTUAN UMUM > Pasal 2"


def test_sections_of_a_paper(tmp_path: Path) -> None:
    items = [
        Text(72, 60, "ABSTRACT", 11, "Helvetica-Bold"),
        *paragraph(72, 78, 450, "This paper compares smart city policy in three countries.", 10),
        Text(72, 120, "1. INTRODUCTION", 11, "Helvetica-Bold"),
        *paragraph(72, 138, 450, "Cities adopt digital services at different speeds.", 10),
    ]
    passages = read_pdf(make_pdf(tmp_path / "paper.pdf", [items])).passages
    sections = {p.text[:10]: p.section for p in passages}
    assert sections["This paper"] == "ABSTRACT"
    assert sections["Cities ado"] == "1. INTRODUCTION"


def test_records_ids_offsets_and_bboxes(tmp_path: Path) -> None:
    pdf = make_pdf(tmp_path / "r.pdf", [paragraph(72, 72, 450, LONG), paragraph(72, 72, 450, LONG + " Dua.")])
    result = read_pdf(pdf)
    doc = result.document
    assert doc.id == hashlib.sha256(pdf.read_bytes()).hexdigest()
    assert (doc.status, doc.error, doc.pages, doc.file) == ("ok", None, 2, "r.pdf")
    assert [p.id for p in result.passages] == [f"{doc.id[:12]}-p1-1", f"{doc.id[:12]}-p2-1"]
    full = document_text(result.passages)
    for p in result.passages:
        assert full[p.start : p.end] == p.text
        assert p.lang == "other"  # language is another stage's job
        x0, top, x1, bottom = p.bbox
        assert 70 <= x0 < x1 <= 525 and 70 <= top < bottom < 130
    assert [pg.text_source for pg in result.pages] == ["text", "text"]
    assert all(pg.quality > 0.8 for pg in result.pages)
    assert doc.quality is not None and doc.quality > 0.8


def test_metadata_title_instrument_and_doi(tmp_path: Path) -> None:
    items = [
        Text(150, 60, "PERATURAN PRESIDEN REPUBLIK INDONESIA", 12),
        Text(200, 78, "NOMOR 95 TAHUN 2018", 12),
        Text(260, 96, "TENTANG", 12),
        Text(150, 114, "SISTEM PEMERINTAHAN BERBASIS ELEKTRONIK", 12),
        *paragraph(72, 150, 450, "Salinan resmi, doi: 10.1234/abcd.5678 untuk rujukan.", 10),
    ]
    doc = read_pdf(make_pdf(tmp_path / "perpres.pdf", [items])).document
    assert doc.instrument == {"type": "perpres", "number": "95", "year": 2018}
    assert doc.title is not None and doc.title.startswith("PERATURAN PRESIDEN")
    assert "SISTEM PEMERINTAHAN BERBASIS ELEKTRONIK" in doc.title
    assert doc.year == 2018
    assert doc.doi == "10.1234/abcd.5678"


def test_title_from_pdf_metadata_or_largest_font(tmp_path: Path) -> None:
    body = paragraph(72, 120, 450, LONG)
    meta = read_pdf(make_pdf(tmp_path / "m.pdf", [body], title="Smart Cities in Southeast Asia")).document
    assert meta.title == "Smart Cities in Southeast Asia"
    styled = [Text(72, 60, "Kota Cerdas di Indonesia", 20, "Helvetica-Bold"), *body]
    assert read_pdf(make_pdf(tmp_path / "s.pdf", [styled])).document.title == "Kota Cerdas di Indonesia"


def test_page_sample(tmp_path: Path) -> None:
    pdf = make_pdf(tmp_path / "s.pdf", [paragraph(72, 72, 450, f"{LONG} {i}") for i in range(5)])
    result = read_pdf(pdf, pages=[2, 4, 99])
    assert result.document.pages == 5
    assert [p.number for p in result.pages] == [2, 4]
    assert {p.page for p in result.passages} == {2, 4}


def test_read_pdf_and_results_pickle(tmp_path: Path) -> None:
    result = read_pdf(make_pdf(tmp_path / "p.pdf", [paragraph(72, 72, 450, LONG)]))
    assert pickle.loads(pickle.dumps(read_pdf)) is read_pdf  # usable by process pools
    assert pickle.loads(pickle.dumps(result)).passages[0].text == result.passages[0].text
