"""Sidebars on real two-column reports (skipped when ../shared/corpus is absent).

The ASCN monitoring reports set each city's project objectives in shaded "Exhibit" boxes
beside or inside the columns, and bands of shaded cards across the page; the Hitachi
Review article has shaded heading bars and a framed figure. No paragraph may take lines
from inside a box and from outside it (or from two boxes), and no word may be lost or
read twice. Expectations come from the drawn boxes of each page, never from its text.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pypdfium2 as pdfium
import pytest

from pipeline.ingest.boxes import contains
from pipeline.ingest.geometry import Box, Line, PageLayer, center_inside
from pipeline.ingest.pages import PageWork, drop_line_numbers, read_page
from pipeline.ingest.paragraphs import body_size, page_paragraphs
from pipeline.ingest.pdfium_layer import read_layer

pytestmark = pytest.mark.shared

ASCN_2022 = "en_report_ascn_monitoring_evaluation_2022.pdf"
ASCN_2025 = "en_report_ascn_monitoring_evaluation_2025.pdf"
HITACHI = "en_paper_hitachi_review_2021_smart_city_thailand.pdf"
MIN_PAGES_WITH_SIDEBARS = {ASCN_2022: 8, ASCN_2025: 15}


def pages_with_boxes(path: Path) -> Iterator[tuple[PageLayer, PageWork]]:
    """Each page that has drawn boxes: its layer (words, boxes) and the reader's work."""
    pdf = pdfium.PdfDocument(str(path))
    try:
        for number in range(1, len(pdf) + 1):
            page = pdf[number - 1]
            try:
                layer = read_layer(page, number)
            finally:
                page.close()
            if layer.boxes:
                yield layer, read_page(pdf, number)
    finally:
        pdf.close()


def place(line: Line, boxes: list[Box]) -> Box | None:
    """The smallest drawn box holding the line's centre (None: outside every box)."""
    holders = [b for b in boxes if center_inside((line.x0, line.top, line.x1, line.bottom), b)]
    return min(holders, key=lambda b: (b[2] - b[0]) * (b[3] - b[1]), default=None)


def alnum(text: str) -> Counter:
    return Counter(re.sub(r"[\W_]", "", unicodedata.normalize("NFKC", text).lower()))


@pytest.mark.parametrize("name", [ASCN_2022, ASCN_2025, HITACHI])
def test_no_paragraph_mixes_a_box_with_a_column(corpus_dir: Path, name: str) -> None:
    mixed = []
    for layer, work in pages_with_boxes(corpus_dir / name):
        for paragraph in page_paragraphs(work.blocks, work.number, body_size(work.blocks)):
            places = {place(ln, layer.boxes) for ln in paragraph.lines}
            if len(places) > 1:
                mixed.append(f"page {work.number}: {len(places)} places, {len(paragraph.lines)} lines")
    assert mixed == []


@pytest.mark.parametrize("name", [ASCN_2022, ASCN_2025])
def test_sidebars_are_found_and_no_word_is_lost_or_doubled(corpus_dir: Path, name: str) -> None:
    with_sidebars = 0
    for layer, work in pages_with_boxes(corpus_dir / name):
        with_sidebars += any(b.boxed for b in work.blocks)
        if work.tables:  # ruled tables place their words themselves (tables.py), not boxes
            continue
        read = " ".join(ln.text for b in work.blocks for ln in b.lines)
        words = " ".join(w.text for w in drop_line_numbers(layer.words))
        assert alnum(read) == alnum(words), f"page {work.number}"
    assert with_sidebars >= MIN_PAGES_WITH_SIDEBARS[name]


@pytest.mark.parametrize("name", [ASCN_2022, ASCN_2025])
def test_boxed_blocks_hold_only_lines_of_one_box(corpus_dir: Path, name: str) -> None:
    for layer, work in pages_with_boxes(corpus_dir / name):
        for block in (b for b in work.blocks if b.boxed and b.table < 0):
            places = {place(ln, layer.boxes) for ln in block.lines}
            assert len(places) == 1 and None not in places, f"page {work.number}"
        for block in (b for b in work.blocks if b.boxed and b.table >= 0):  # a table read in its box
            grid = work.tables[block.table].bbox
            assert any(contains(box, grid) for box in layer.boxes), f"page {work.number}"
