"""The per-page pass: text layer, tables, reading order, quality gate and OCR.

Words inside a sidebar (a framed or shaded box, see ``pipeline.ingest.boxes``) are taken
out of the column flow and laid out on their own as blocks marked ``boxed``: after the
page's column blocks when page text runs beside the box, else where the box stands
(``read_with_sidebars``). The gutters are found on all the page's text, so a column left
alone beside a sidebar still reads as a column, apart from the titles spanning the page.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

import pypdfium2 as pdfium

from pipeline.ingest.boxes import Sidebar, read_with_sidebars, split_boxed
from pipeline.ingest.geometry import Block, Word
from pipeline.ingest.layout import build_segments, find_gutters
from pipeline.ingest.ocr import OcrResult, ocr_page
from pipeline.ingest.pdf_tables import (
    TableGrid,
    fill_texts,
    find_tables,
    is_text_frame,
    split_prose,
)
from pipeline.ingest.pdfium_layer import read_layer
from pipeline.ingest.quality import SCAN_COVERAGE, TextQuality, needs_ocr, text_quality

WATERMARK_MAX_CHARS = 200
_DIGITS = re.compile(r"\d+")
_ALNUM = re.compile(r"[^\W_]")


@dataclass
class PageWork:
    """What the reader knows about one page between passes."""

    number: int
    width: float = 0.0
    height: float = 0.0
    blocks: list[Block] = field(default_factory=list)
    tables: list[TableGrid] = field(default_factory=list)
    columns: int = 1
    quality: TextQuality | None = None
    image_coverage: float = 0.0
    text_source: str = "text"
    ocr_reason: str | None = None
    ocr_score: float | None = None
    error: str | None = None
    text_sample: str = ""

    @property
    def chars(self) -> int:
        """Non-space characters in the page's blocks and tables."""
        flow = sum(len(ln.text.replace(" ", "")) for b in self.blocks for ln in b.lines)
        cells = sum(len((t or "").replace(" ", "")) for g in self.tables for row in g.texts for t in row)
        return flow + cells

    @property
    def scan(self) -> bool:
        """A page image with a text layer from OCR: its fonts say nothing about style."""
        return self.text_source == "ocr" or self.image_coverage >= SCAN_COVERAGE

    @property
    def blank(self) -> bool:
        """No text at all and no image worth reading."""
        return self.chars == 0 and self.image_coverage < 0.3


def read_page(pdf: pdfium.PdfDocument, number: int) -> PageWork:
    """First pass over one page: words, tables, columns and the text-quality measures."""
    page = pdf[number - 1]
    try:
        layer = read_layer(page, number)
    finally:
        page.close()
    work = PageWork(number, layer.width, layer.height, image_coverage=layer.image_coverage)
    words = drop_line_numbers(layer.words)
    grids = find_tables(layer)
    for grid in grids:
        outside = fill_texts(grid, words)
        if is_text_frame(grid):  # a spreadsheet's grid around paragraphs: read as text
            continue
        parts, released = split_prose(grid)
        kept = {id(w) for w in outside + released}
        words = [w for w in words if id(w) in kept]  # content order, for line building
        work.tables.extend(parts)
    flow, sidebars = split_boxed(words, layer.boxes, [g.bbox for g in grids])
    _set_flow(work, flow, layer.bold_chars, sidebars)
    table_text = " ".join(t or "" for g in work.tables for row in g.texts for t in row)
    full = " ".join(w.text for w in words) + " " + table_text
    work.quality = text_quality(full)
    work.text_sample = full.strip()[: WATERMARK_MAX_CHARS + 1]
    return work


def _set_flow(
    work: PageWork, words: list[Word], bold_chars: set[int], sidebars: list[Sidebar] | None = None
) -> None:
    segments = build_segments(words, bold_chars)
    boxed = [(box, build_segments(group, bold_chars)) for box, group in sidebars or []]
    tables = [g.bbox for g in work.tables]
    gutters = find_gutters(segments + [s for _, inner in boxed for s in inner], tables)  # the page's columns
    blocks, columns = read_with_sidebars(segments, boxed, gutters, tables)
    for b in blocks:
        b.lines = [ln for ln in b.lines if _ALNUM.search(ln.text)]  # rules, crop marks, dingbats
    work.blocks, work.columns = [b for b in blocks if b.lines or b.table >= 0], columns


def drop_line_numbers(words: list[Word]) -> list[Word]:
    """Remove a margin of line numbers (1, 2, 3 ... stacked at one x), as proofs and
    pleadings print them; they would otherwise be read into every line."""
    numbers = [w for w in words if w.text.isdigit() and len(w.text) <= 3]
    if len(numbers) < 8:
        return words
    by_edge: dict[int, list[Word]] = {}
    for w in numbers:
        by_edge.setdefault(round(w.x1 / 3), []).append(w)
    margin: set[int] = set()
    for group in by_edge.values():
        group.sort(key=lambda w: w.top)
        values = [int(w.text) for w in group]
        rising = sum(1 for a, b in zip(values, values[1:], strict=False) if b == a + 1)
        if len(group) >= 8 and rising >= 0.8 * (len(group) - 1):
            margin |= {id(w) for w in group}
    return [w for w in words if id(w) not in margin] if margin else words


def watermark_texts(pages: list[PageWork]) -> set[str]:
    """Short page texts repeated on most pages: watermarks or stamps, not content."""
    keys = [_key(p.text_sample) for p in pages if 0 < len(p.text_sample) <= WATERMARK_MAX_CHARS]
    if len(pages) < 2:
        return set()
    counts = Counter(keys)
    return {k for k, n in counts.items() if n >= max(2, 0.6 * len(pages))}


def _key(text: str) -> str:
    return _DIGITS.sub("#", " ".join(text.lower().split()))


def mark_ocr_pages(pages: list[PageWork]) -> None:
    """Set each page's reason for OCR (missing, watermark, garbage) or leave it None."""
    repeated = watermark_texts(pages)
    for p in pages:
        if p.quality is None:
            continue
        only_watermark = bool(repeated) and _key(p.text_sample) in repeated
        p.ocr_reason = needs_ocr(p.quality, p.image_coverage, only_watermark)


def apply_ocr(pdf: pdfium.PdfDocument, work: PageWork, language: str) -> OcrResult:
    """Replace a page's text by what Tesseract reads on its image."""
    page = pdf[work.number - 1]
    try:
        result = ocr_page(page, language)
    finally:
        page.close()
    work.tables = []
    _set_flow(work, result.words, set())
    text = " ".join(w.text for w in result.words)
    quality = text_quality(text)
    work.quality = quality
    work.text_source = "ocr" if result.words else "none"
    work.ocr_score = round(0.5 * quality.score + 0.5 * result.confidence, 3)
    return result


def drop_text(work: PageWork) -> None:
    """Forget an unusable text layer (OCR needed but not possible)."""
    work.blocks, work.tables = [], []
    work.text_source = "none"


def page_quality(work: PageWork) -> float:
    """The page's quality in 0..1: text-layer score, OCR score, or 0 without text."""
    if work.text_source == "none" or work.quality is None:
        return 0.0
    if work.text_source == "ocr":
        return work.ocr_score if work.ocr_score is not None else work.quality.score
    return work.quality.score
