"""Bad files and scans: every case gets a status and a one-line reason, never an exception."""

from __future__ import annotations

from pathlib import Path

import pytest
from pdfmaker import (
    Picture,
    Text,
    image_page,
    make_pdf,
    paragraph,
    write_empty,
    write_not_pdf,
    write_truncated,
)

from pipeline.ingest import read_pdf
from pipeline.ingest import reader as reader_module
from pipeline.ingest.ocr import tesseract_available

BODY = (
    "Kota cerdas adalah kota yang memanfaatkan teknologi informasi untuk meningkatkan "
    "pelayanan publik dan kualitas hidup warga."
)
needs_tesseract = pytest.mark.skipif(not tesseract_available(), reason="tesseract is not installed")


def text_pdf(path: Path, **kwargs: object) -> Path:
    return make_pdf(path, [paragraph(72, 72, 450, BODY)], **kwargs)


def assert_one_line(error: str | None) -> None:
    assert error and "\n" not in error and len(error) <= 300


def test_zero_byte_file(tmp_path: Path) -> None:
    doc = read_pdf(write_empty(tmp_path / "empty.pdf")).document
    assert doc.status == "empty"
    assert_one_line(doc.error)


def test_not_a_pdf(tmp_path: Path) -> None:
    doc = read_pdf(write_not_pdf(tmp_path / "page.pdf")).document
    assert doc.status == "not_pdf"
    assert_one_line(doc.error)


@pytest.mark.parametrize("keep", [0.1, 0.5])
def test_truncated_download(tmp_path: Path, keep: float) -> None:
    source = make_pdf(tmp_path / "src.pdf", [paragraph(72, 72, 450, BODY * 20)] * 3)
    doc = read_pdf(write_truncated(source, tmp_path / "cut.pdf", keep)).document
    assert doc.status == "corrupt"
    assert_one_line(doc.error)


def test_missing_file_does_not_raise(tmp_path: Path) -> None:
    result = read_pdf(tmp_path / "nowhere.pdf")
    assert result.document.status == "corrupt" and result.passages == []
    assert_one_line(result.document.error)


def test_user_password(tmp_path: Path) -> None:
    pdf = text_pdf(tmp_path / "locked.pdf", user_password="rahasia")
    locked = read_pdf(pdf).document
    assert locked.status == "encrypted" and "password" in (locked.error or "")
    assert read_pdf(pdf, password="salah").document.status == "encrypted"
    opened = read_pdf(pdf, password="rahasia")
    assert opened.document.status == "ok" and opened.passages[0].text == BODY


def test_owner_password_only_opens(tmp_path: Path) -> None:
    result = read_pdf(text_pdf(tmp_path / "owner.pdf", owner_password="pemilik"))
    assert (result.document.status, result.document.error) == ("ok", None)
    assert result.passages[0].text == BODY


def test_image_only_page_without_ocr(tmp_path: Path) -> None:
    pdf = make_pdf(tmp_path / "scan.pdf", [image_page(["Peraturan Daerah", "tentang Kota Cerdas"])])
    result = read_pdf(pdf, ocr=False)
    assert result.document.status == "needs_ocr"
    assert_one_line(result.document.error)
    assert result.pages[0].text_source == "none" and result.passages == []


def test_missing_tesseract_means_needs_ocr(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(reader_module, "tesseract_available", lambda: False)
    pdf = make_pdf(tmp_path / "scan.pdf", [image_page(["Peraturan Daerah"])])
    doc = read_pdf(pdf).document
    assert doc.status == "needs_ocr" and "Tesseract" in (doc.error or "")


def test_blank_pages_have_no_text(tmp_path: Path) -> None:
    doc = read_pdf(make_pdf(tmp_path / "blank.pdf", [[], []])).document
    assert doc.status == "no_text"
    assert_one_line(doc.error)


def test_a_few_image_pages_do_not_fail_a_text_document(tmp_path: Path) -> None:
    words = BODY.split()
    pages = [paragraph(72, 150, 450, " ".join(words[i:] + words[:i])) for i in range(4)]
    pages.append(image_page(["Gambar"]))
    result = read_pdf(make_pdf(tmp_path / "mixed.pdf", pages), ocr=False)
    assert result.document.status == "ok"
    assert [p.text_source for p in result.pages] == ["text"] * 4 + ["none"]


def watermarked(path: Path) -> Path:
    """Three scanned pages whose only text layer is the same stamp on every page."""
    pages = [
        [
            Picture(0, 0, 595, 842, (f"Pasal {i}", "Warga berhak atas", "layanan publik"), 40),
            Text(200, 820, "DOKUMEN INI TELAH DIUNDUHKAN", 8),
        ]
        for i in range(1, 4)
    ]
    return make_pdf(path, pages)


def test_watermark_only_is_not_taken_as_text(tmp_path: Path) -> None:
    result = read_pdf(watermarked(tmp_path / "wm.pdf"), ocr=False)
    assert result.document.status == "needs_ocr"
    assert not any("DIUNDUHKAN" in p.text for p in result.passages)


def test_garbage_text_layer_on_a_scan(tmp_path: Path) -> None:
    junk = "c eo a:i b.O ,..q (f) z 0 0 M ......... lr) <( -c ;J i::: ·i:::;i >,"
    pages = [[Picture(0, 0, 595, 842, ("Pasal 1",), 40), *paragraph(72, 100, 450, junk * 4, 9)]]
    result = read_pdf(make_pdf(tmp_path / "junk.pdf", pages), ocr=False)
    assert result.document.status == "needs_ocr"
    assert result.passages == []


@needs_tesseract
def test_image_only_page_is_ocred(tmp_path: Path) -> None:
    pdf = make_pdf(tmp_path / "scan.pdf", [image_page(["Peraturan Daerah tentang", "Kota Cerdas Indonesia"])])
    result = read_pdf(pdf)
    assert result.document.status == "ok"
    assert result.pages[0].text_source == "ocr"
    text = " ".join(p.text for p in result.passages)
    assert "Peraturan Daerah" in text and "Kota Cerdas" in text


@needs_tesseract
def test_watermarked_scan_is_ocred(tmp_path: Path) -> None:
    result = read_pdf(watermarked(tmp_path / "wm.pdf"), pages=[1])
    text = " ".join(p.text for p in result.passages)
    assert result.pages[0].text_source == "ocr"
    assert "layanan publik" in text
