"""Furniture on only some pages, read from generated PDFs: web-address footers, stamps,
page numbers and signature glyphs never become passages; the body text around them does."""

from __future__ import annotations

from pathlib import Path

import matplotlib
import pytest
from pdfmaker import Item, Text, make_pdf, paragraph
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from pipeline.ingest import read_pdf
from pipeline.ingest.furniture import PAGE_NUMBER

BODY = (
    "Pemerintah kabupaten menyusun rencana induk kota cerdas yang memuat visi, misi, strategi "
    "dan program prioritas untuk lima tahun sesuai dengan kebijakan nasional yang berlaku."
)
BOTTOM = 800.0  # a footer line on an A4 page (841.89 points high)


def body(page: int, top: float = 300.0) -> list[Text]:
    """A paragraph that differs on every page (its words rotated), so it never repeats."""
    words = BODY.split()
    return paragraph(72, top, 450, " ".join(words[page:] + words[:page]))


def body_present(texts: list[str], pages: int) -> bool:
    words = BODY.split()
    return all(any(t.startswith(" ".join(words[i : i + 4])) for t in texts) for i in range(1, pages + 1))


def passage_texts(tmp_path: Path, pages: list[list[Item]]) -> list[str]:
    return [p.text for p in read_pdf(make_pdf(tmp_path / "doc.pdf", pages), ocr=False).passages]


def test_web_address_footers_on_some_pages_are_dropped(tmp_path: Path) -> None:
    pages: list[list[Item]] = [body(i) for i in range(1, 6)]
    pages[1].append(Text(250, BOTTOM, "jdih.contohkab.go.id", 8))
    pages[2].append(Text(250, BOTTOM, "www.contoh.go.id Halaman 3", 8))
    bpk = "https://peraturan.bpk.go.id/Details/12345/perda-kab-contoh-no-7-tahun-2021"
    pages[3].append(Text(56, 28, bpk, 8))
    texts = passage_texts(tmp_path, pages)
    assert not [t for t in texts if "go.id" in t]
    assert body_present(texts, 5)


def test_web_addresses_that_are_text_are_kept(tmp_path: Path) -> None:
    sentence = "Informasi lebih lanjut tersedia di www.contoh.go.id bagi masyarakat umum."
    pages: list[list[Item]] = [body(i) for i in range(1, 4)]
    pages[0].append(Text(72, 360, sentence))
    pages[1] += [
        Text(72, 700, "Laporan tahunan dinas dapat diunduh pada laman resmi berikut:"),
        Text(72, 712.5, "www.contoh.go.id/laporan-tahunan"),
    ]
    pages[2] += [Text(72, 790, "1", 5), Text(75, 792, "https://www.contoh.go.id/statistik-penduduk", 8)]
    texts = passage_texts(tmp_path, pages)
    joined = " ".join(texts)
    assert sentence in texts
    assert "www.contoh.go.id/laporan-tahunan" in joined
    assert "https://www.contoh.go.id/statistik-penduduk" in joined  # a footnote citing a web page
    assert body_present(texts, 3)


def test_stamps_on_some_pages_are_dropped(tmp_path: Path) -> None:
    attestation = "Salinan sesuai dengan aslinya"
    pages: list[list[Item]] = [body(i) for i in range(1, 5)]
    pages[0].append(Text(56, 40, "SALINAN", 12, "Helvetica-Bold"))
    pages[2].append(Text(72, 420, "S A L I N A N", 12))
    pages[3] += [
        Text(480, BOTTOM, "DRAFT", 12, "Helvetica-Bold"),
        Text(72, 500, attestation),
        Text(400, 600, "COPY", 14),
    ]
    texts = passage_texts(tmp_path, pages)
    assert not [t for t in texts if t.replace(" ", "") in {"SALINAN", "DRAFT", "COPY"}]
    assert attestation in texts
    assert body_present(texts, 4)


def test_page_numbers_on_some_pages_are_dropped(tmp_path: Path) -> None:
    pages: list[list[Item]] = [body(i) for i in range(1, 6)]
    pages[1].append(Text(280, 40, "- 2 -"))
    pages[2].append(Text(250, BOTTOM, "Halaman 3 dari 20", 8))
    pages[3].append(Text(250, BOTTOM, "Page 4 of 9", 8))
    pages[4].append(Text(290, BOTTOM, "12", 8))
    texts = passage_texts(tmp_path, pages)
    assert not [t for t in texts if PAGE_NUMBER.match(t.strip())]
    assert body_present(texts, 5)


@pytest.fixture(scope="module")
def unicode_font() -> str:
    """A TrueType font that draws Cyrillic (DejaVu Sans ships with matplotlib)."""
    path = Path(matplotlib.get_data_path()) / "fonts" / "ttf" / "DejaVuSans.ttf"
    if not path.is_file():
        pytest.skip("DejaVuSans.ttf is absent")
    pdfmetrics.registerFont(TTFont("DejaVuSans", str(path)))
    return "DejaVuSans"


def test_signature_glyph_is_dropped(tmp_path: Path, unicode_font: str) -> None:
    pages: list[list[Item]] = [body(i) for i in range(1, 4)]
    pages[2] += [
        Text(330, 480, "BUPATI CONTOH,"),
        Text(350, 505, "\u0416", 16, unicode_font),
        Text(330, 540, "NAMA PEJABAT DAERAH"),
    ]
    pages[1].append(Text(300, 120, "\u2327 \u03a9", 12, unicode_font))
    texts = passage_texts(tmp_path, pages)
    joined = " ".join(texts)
    assert "\u0416" not in joined and "\u03a9" not in joined
    assert "BUPATI CONTOH," in joined and "NAMA PEJABAT DAERAH" in joined
    assert body_present(texts, 3)
