"""Fill a Document's title, year, DOI and instrument from the PDF info and first pages."""

from __future__ import annotations

import pypdfium2 as pdfium

from pipeline.ingest.geometry import Line
from pipeline.ingest.metadata import find_doi, find_instrument, find_year, sensible_title, title_from_lines
from pipeline.ingest.pages import PageWork
from pipeline.ingest.paragraphs import body_size
from pipeline.ingest.text import clean_line
from pipeline.records import Document

HEAD_LINES = 30


def pdf_info(pdf: pdfium.PdfDocument) -> dict[str, str]:
    """The PDF's document-information dictionary (empty when unreadable)."""
    try:
        return {k: v for k, v in pdf.get_metadata_dict(skip_empty=True).items() if isinstance(v, str)}
    except Exception:  # noqa: BLE001 - damaged info dictionaries are common
        return {}


def fill_metadata(pdf: pdfium.PdfDocument, doc: Document, works: list[PageWork]) -> None:
    """Title, year, DOI and (for regulations) the instrument, in place."""
    info = pdf_info(pdf)
    first = next((w for w in works if w.blocks and w.number <= 2), None)
    lines = _lines(first)
    head = [clean_line(ln.text) for ln in sorted(lines, key=lambda ln: ln.top)[:HEAD_LINES]]
    found = _instrument(head)
    if found:
        doc.instrument = found[0]
    styled = title_from_lines(lines, first.height, body_size(first.blocks)) if first else None
    doc.title = sensible_title(info.get("Title")) or (found[1] if found else None) or styled
    early = " ".join(clean_line(ln.text) for w in works[:2] for b in w.blocks for ln in b.lines)
    doc.doi = find_doi(early) or find_doi(" ".join(info.values()))
    texts = [doc.title or "", " ".join(head)]
    doc.year = doc.instrument["year"] if doc.instrument else find_year(texts, info)


def _lines(work: PageWork | None) -> list[Line]:
    return [ln for b in work.blocks for ln in b.lines] if work else []


def _instrument(head: list[str]) -> tuple[dict, str] | None:
    """Search the capitalised head lines first (regulation titles are set in capitals)."""
    caps = [t for t in head if sum(c.isupper() for c in t) >= 0.6 * max(1, sum(c.isalpha() for c in t))]
    found = find_instrument(" ".join(caps))
    if found:
        return found
    act = find_instrument(" ".join(head))
    return act if act and act[0]["type"] == "act" else None
