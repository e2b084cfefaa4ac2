"""``read_pdf``: one PDF file to a DocumentResult, never raising for a bad file.

Passes: (1) each page through pdfium (words, ruling lines, images) into tables and column
blocks, one page open at a time; (2) the quality gate and OCR of the pages that need it;
(3) running headers/footers removed across pages; (4) paragraphs, sections and table
cells become passages; metadata from the PDF info and the first page.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Sequence
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as raw

from pipeline.filenames import display_name
from pipeline.ingest.assemble import build_passages, link_tables, remove_furniture
from pipeline.ingest.bombs import bomb_reason
from pipeline.ingest.docmeta import fill_metadata
from pipeline.ingest.ocr import tesseract_available
from pipeline.ingest.pages import PageWork, apply_ocr, drop_text, mark_ocr_pages, page_quality, read_page
from pipeline.ingest.quality import guess_ocr_language
from pipeline.records import Document, DocumentResult, Page, assign_offsets

PDF_MAGIC = b"%PDF-"


def read_pdf(
    path: Path, password: str | None = None, ocr: bool = True, pages: Sequence[int] | None = None
) -> DocumentResult:
    """Parse one PDF into a document record, its pages and its passages.

    ``pages`` (1-based numbers) limits the work to a sample of pages; the document still
    reports its full page count. A bad file gets a status and a one-line ``error``.
    """
    started = time.perf_counter()
    path = Path(path)
    result = DocumentResult(document=Document(id="", file=display_name(path.name), path=str(path)))
    doc = result.document
    try:
        _read(path, password, ocr, pages, result)
    except Exception as exc:  # noqa: BLE001 - a bad file must never stop a run
        doc.status, doc.error = "corrupt", _one_line(f"{type(exc).__name__}: {exc}")
        result.pages, result.passages = [], []
    result.timings["parse"] = round(time.perf_counter() - started, 4)
    return result


def _read(
    path: Path, password: str | None, ocr: bool, pages: Sequence[int] | None, result: DocumentResult
) -> None:
    doc = result.document
    try:
        head, size, digest = _file_facts(path)
    except OSError as exc:
        doc.status, doc.error = "corrupt", _one_line(f"cannot read file: {exc.strerror or exc}")
        return
    doc.id = digest
    if size == 0:
        doc.status, doc.error = "empty", "zero-byte file"
        return
    if PDF_MAGIC not in head:
        doc.status, doc.error = "not_pdf", "no %PDF- header in the first 1 KB"
        return
    bomb = bomb_reason(path)
    if bomb:
        doc.status, doc.error = "too_large", bomb
        return
    pdf = _open(path, password, doc)
    if pdf is None:
        return
    try:
        _parse(pdf, ocr, pages, result)
    finally:
        pdf.close()


def _file_facts(path: Path) -> tuple[bytes, int, str]:
    """First KB, size and sha256 of a file, read in chunks."""
    digest = hashlib.sha256()
    size = 0
    head = b""
    with path.open("rb") as fh:
        while chunk := fh.read(1 << 20):
            if not head:
                head = chunk[:1024]
            digest.update(chunk)
            size += len(chunk)
    return head, size, digest.hexdigest()


def _open(path: Path, password: str | None, doc: Document) -> pdfium.PdfDocument | None:
    try:
        return pdfium.PdfDocument(str(path), password=password)
    except pdfium.PdfiumError as exc:
        code = getattr(exc, "err_code", None)
        if code == raw.FPDF_ERR_PASSWORD:
            doc.status = "encrypted"
            doc.error = "wrong password" if password else "encrypted with a user password (use --password)"
        elif code == raw.FPDF_ERR_SECURITY:
            doc.status, doc.error = "encrypted", "unsupported security handler"
        else:
            doc.status, doc.error = "corrupt", _one_line(f"cannot open PDF: {exc}")
        return None


def _parse(pdf: pdfium.PdfDocument, ocr: bool, pages: Sequence[int] | None, result: DocumentResult) -> None:
    doc = result.document
    doc.pages = len(pdf)
    numbers = _page_numbers(doc.pages, pages)
    if not numbers:
        doc.status = "no_text"
        doc.error = "the PDF has no pages" if doc.pages == 0 else "none of the requested pages exist"
        return
    works, failures = _first_pass(pdf, numbers)
    if len(failures) == len(numbers):
        doc.status, doc.error = "corrupt", _one_line(f"no page could be read ({failures[0]})")
        return
    can_ocr = ocr and tesseract_available()
    _quality_gate(pdf, works, can_ocr)
    remove_furniture(works)
    link_tables(works, doc.id)
    result.passages = build_passages(works, doc.id)
    assign_offsets(result.passages)
    result.pages = [_page_record(doc.id, w) for w in works]
    fill_metadata(pdf, doc, works)
    _set_status(doc, works, result, can_ocr, ocr, failures)


def _page_numbers(total: int, pages: Sequence[int] | None) -> list[int]:
    if pages is None:
        return list(range(1, total + 1))
    return sorted({n for n in pages if 1 <= n <= total})


def _first_pass(pdf: pdfium.PdfDocument, numbers: list[int]) -> tuple[list[PageWork], list[str]]:
    works: list[PageWork] = []
    failures: list[str] = []
    for n in numbers:
        try:
            works.append(read_page(pdf, n))
        except Exception as exc:  # noqa: BLE001 - one broken page does not stop the document
            failures.append(_one_line(f"page {n}: {type(exc).__name__}: {exc}"))
            works.append(PageWork(n, text_source="none", error=failures[-1]))
    return works, failures


def _quality_gate(pdf: pdfium.PdfDocument, works: list[PageWork], can_ocr: bool) -> None:
    mark_ocr_pages(works)
    todo = [w for w in works if w.ocr_reason]
    if not todo:
        return
    if not can_ocr:
        for w in todo:
            drop_text(w)
        return
    sample = " ".join(w.text_sample for w in works if not w.ocr_reason)
    language = guess_ocr_language(sample)
    for w in todo:
        try:
            found = apply_ocr(pdf, w, language)
        except Exception as exc:  # noqa: BLE001 - OCR failure leaves the page without text
            drop_text(w)
            w.error = _one_line(f"OCR failed on page {w.number}: {exc}")
            continue
        if "+" in language and found.words:
            language = guess_ocr_language(" ".join(x.text for x in found.words))


def _page_record(doc_id: str, w: PageWork) -> Page:
    return Page(
        document_id=doc_id,
        number=w.number,
        width=round(w.width, 2),
        height=round(w.height, 2),
        text_source=w.text_source if w.chars else "none",
        quality=round(page_quality(w), 3),
        chars=w.chars,
        columns=w.columns,
    )


def _set_status(
    doc: Document,
    works: list[PageWork],
    result: DocumentResult,
    can_ocr: bool,
    ocr: bool,
    failures: list[str],
) -> None:
    content = [w for w in works if not w.blank or w.ocr_reason]
    scored = [page_quality(w) for w in content]
    doc.quality = round(sum(scored) / len(scored), 3) if scored else 0.0
    unread = [w for w in works if w.ocr_reason and w.text_source == "none"]
    if unread and not can_ocr and (not result.passages or 2 * len(unread) >= len(content)):
        why = "OCR is turned off" if not ocr else "Tesseract is not installed"
        doc.status = "needs_ocr"
        doc.error = f"{len(unread)} of {len(works)} pages have no usable text layer; {why}"
    elif not result.passages:
        doc.status = "no_text"
        doc.error = "no text found, even by OCR" if can_ocr and unread else "no text layer and nothing to OCR"
    else:
        doc.status = "ok"
        doc.error = failures[0] if failures else None


def _one_line(text: str) -> str:
    return " ".join(str(text).split())[:300]
