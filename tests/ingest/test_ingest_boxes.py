"""Sidebars and call-outs: the text of a framed or shaded box is its own passage sequence,
never spliced into the column it sits in or next to (issue #15)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import numpy as np
import pypdfium2 as pdfium
import pytest
from pdfmaker import Box, Text, bottom_of, column_page, make_pdf, paragraph, ruled_table

from pipeline.ingest import read_pdf
from pipeline.ingest.boxes import MIN_LINES, line_count, order_sidebars, split_boxed
from pipeline.ingest.geometry import Word
from pipeline.ingest.pages import read_page
from pipeline.ingest.pdfium_layer import read_layer

FILLER = (
    "smart city policy differs between provinces because local governments adopt national "
    "programmes at different speeds and with different budgets for digital services"
)
GREY = (0.85, 0.85, 0.85)
LEFT, RIGHT, SIDEBAR = (56.0, 236.0), (252.0, 432.0), (452.0, 532.0)
SIZE, LEADING = 9.0, 11.25


def tagged(tag: str, n_words: int, end: str = ".") -> str:
    """A sentence whose every word carries its tag, so a splice shows in any passage."""
    filler = FILLER.split()
    return " ".join(f"{tag}{filler[i % len(filler)]}" for i in range(n_words)) + end


def owner(word: str) -> str:
    return word[:4]


def boxes_page() -> list:
    """Two columns; a shaded box inside the left column, set as tight as its lines (no gap
    a paragraph would break at); a narrow framed sidebar beside the columns, its lines on
    the right column's baselines."""
    width = LEFT[1] - LEFT[0]
    first = paragraph(LEFT[0], 72, width, tagged("c0p0", 40, end=""), SIZE)  # runs on into the box
    box_top = first[-1].top + LEADING
    shaded = paragraph(LEFT[0] + 4, box_top, width - 8, tagged("shad", 30), SIZE)
    box_bottom = shaded[-1].top + LEADING
    second = paragraph(LEFT[0], box_bottom + 14, width, tagged("c0p1", 40), SIZE)
    right = paragraph(RIGHT[0], 72, width, tagged("c1p0", 45), SIZE)
    right += paragraph(RIGHT[0], bottom_of(right) + SIZE, width, tagged("c1p1", 45), SIZE)
    side = [Text(SIDEBAR[0] + 4, 72 + i * LEADING, w, SIZE) for i, w in enumerate(tagged("side", 12).split())]
    frame = Box(SIDEBAR[0], 68, SIDEBAR[1], side[-1].top + LEADING + 2)
    shade = Box(LEFT[0], box_top - 2, LEFT[1], box_bottom, color=GREY, stroke=False)
    return [shade, frame, *first, *shaded, *second, *right, *side]


def drawn_words(items: list) -> Counter:
    return Counter(w for it in items if isinstance(it, Text) for w in it.text.split())


@pytest.fixture
def boxes_pdf(tmp_path: Path) -> tuple[Path, list]:
    items = boxes_page()
    return make_pdf(tmp_path / "boxes.pdf", [items]), items


def test_no_passage_mixes_a_box_with_a_column(boxes_pdf: tuple[Path, list]) -> None:
    result = read_pdf(boxes_pdf[0], ocr=False)
    for passage in result.passages:
        owners = {owner(w) for w in passage.text.split()}
        assert len(owners) == 1, f"passage spliced from {sorted(owners)}: {passage.text[:80]}"


def test_every_word_of_boxes_and_columns_is_read_once(boxes_pdf: tuple[Path, list]) -> None:
    path, items = boxes_pdf
    result = read_pdf(path, ocr=False)
    read = Counter(w for p in result.passages for w in p.text.split())
    assert read == drawn_words(items)


def test_columns_read_in_order_then_the_boxes(boxes_pdf: tuple[Path, list]) -> None:
    result = read_pdf(boxes_pdf[0], ocr=False)
    tags = [owner(p.text.split()[0]) for p in result.passages]
    order = [t for i, t in enumerate(tags) if i == 0 or tags[i - 1] != t]
    assert order == ["c0p0", "c0p1", "c1p0", "c1p1", "shad", "side"]
    assert result.pages[0].columns == 2


def test_box_blocks_are_marked_boxed(boxes_pdf: tuple[Path, list]) -> None:
    pdf = pdfium.PdfDocument(str(boxes_pdf[0]))
    try:
        work = read_page(pdf, 1)
    finally:
        pdf.close()
    for block in work.blocks:
        owners = {owner(w) for ln in block.lines for w in ln.text.split()}
        assert block.boxed == bool(owners & {"shad", "side"})
        assert not block.boxed or len(owners) == 1
    assert [b.boxed for b in work.blocks][-2:] == [True, True]


def layer_boxes(path: Path) -> list[tuple[float, ...]]:
    pdf = pdfium.PdfDocument(str(path))
    try:
        page = pdf[0]
        layer = read_layer(page, 1)
        page.close()
    finally:
        pdf.close()
    return [tuple(b) for b in layer.boxes]


@pytest.mark.parametrize(
    ("box", "found"),
    [
        (Box(100, 100, 300, 200), True),  # framed
        (Box(100, 100, 300, 200, color=GREY, stroke=False), True),  # shaded
        (Box(100, 100, 300, 200, color=(0.2, 0.5, 0.4), stroke=False, radius=12), True),  # rounded card
        (Box(100, 100, 300, 200, color=(1, 1, 1), stroke=False), False),  # white on white paper
        (Box(100, 100, 300, 110, color=GREY, stroke=False), False),  # thinner than a text line
        (Box(2, 2, 593, 840, color=GREY, stroke=False), False),  # the page's background
    ],
)
def test_visible_rectangles_become_layer_boxes(tmp_path: Path, box: Box, found: bool) -> None:
    path = make_pdf(tmp_path / "box.pdf", [[box, Text(120, 120, "words", 9)]])
    boxes = layer_boxes(path)
    drawn = (box.x0, box.top, box.x1, box.bottom)
    assert len(boxes) == int(found)
    assert all(abs(a - b) <= 1.0 for found_box in boxes for a, b in zip(found_box, drawn, strict=True))


def test_heading_bar_stays_in_the_flow(tmp_path: Path) -> None:
    """A shaded strip behind a section heading is no sidebar: the heading keeps its place."""
    items: list = [Box(56, 70, 536, 90, color=GREY, stroke=False), Text(60, 75, "1. Introduction", 11)]
    items += paragraph(56, 100, 480, tagged("body", 60), SIZE)
    items += [Box(56, 180, 536, 200, color=GREY, stroke=False), Text(60, 185, "2. Methods", 11)]
    items += paragraph(56, 210, 480, tagged("more", 60), SIZE)
    result = read_pdf(make_pdf(tmp_path / "bars.pdf", [items]), ocr=False)
    assert [p.text[:4] for p in result.passages] == ["1. I", "body", "2. M", "more"]


def test_frame_around_the_whole_text_is_no_sidebar(tmp_path: Path) -> None:
    body = column_page([[tagged("c0p0", 60)], [tagged("c1p0", 60)]], size=SIZE)
    framed = [Box(40, 60, 555, 400), *body]
    plain = read_pdf(make_pdf(tmp_path / "plain.pdf", [body]), ocr=False)
    boxed = read_pdf(make_pdf(tmp_path / "framed.pdf", [framed]), ocr=False)
    assert [p.text for p in boxed.passages] == [p.text for p in plain.passages]


def test_ruled_table_cells_are_no_sidebars(tmp_path: Path) -> None:
    rows = [["Country", "Law"], ["Indonesia", "UU 11/2019"], ["Malaysia", "Act 709"]]
    items = [Box(72, 100, 392, 154, color=GREY, stroke=False), *ruled_table(72, 100, rows, [120, 200])]
    result = read_pdf(make_pdf(tmp_path / "table.pdf", [items]), ocr=False)
    assert {p.kind for p in result.passages} == {"table_cell"}


def word(x0: float, top: float, text: str = "w", width: float = 20.0, height: float = 10.0) -> Word:
    return Word(x0, top, x0 + width, top + height, text)


def lines_of_words(x0: float, top: float, n_lines: int, tag: str) -> list[Word]:
    return [word(x0 + 25 * k, top + 12 * i, f"{tag}{i}{k}") for i in range(n_lines) for k in range(3)]


def test_split_boxed_partitions_the_words() -> None:
    column = lines_of_words(50, 50, 20, "col")
    inside = lines_of_words(300, 100, 4, "box")
    words = column[:30] + inside + column[30:]
    flow, sidebars = split_boxed(words, [(295, 95, 400, 150)])
    assert flow == column
    assert [(box, group) for box, group in sidebars] == [((295, 95, 400, 150), inside)]


def test_split_boxed_leaves_short_boxes_frames_and_table_cells() -> None:
    column = lines_of_words(50, 50, 20, "col")
    bar = lines_of_words(300, 100, MIN_LINES - 1, "bar")
    cell = lines_of_words(300, 300, 4, "cel")
    words = column + bar + cell
    boxes = [(295, 95, 400, 130), (0, 0, 600, 800), (295, 295, 400, 350)]
    flow, sidebars = split_boxed(words, boxes, grids=[(290, 290, 410, 360)])
    assert flow == words and sidebars == []


def test_nested_boxes_give_each_word_to_the_smallest() -> None:
    column = lines_of_words(50, 50, 20, "col")
    title = lines_of_words(300, 60, 1, "ttl")
    cards = lines_of_words(300, 80, 4, "crd")
    band, card = (290, 55, 500, 140), (295, 75, 400, 135)
    flow, sidebars = split_boxed(column + title + cards, [card, band])
    assert flow == column
    assert dict(sidebars) == {band: title, card: cards}
    assert [[box for box, _ in family] for family in order_sidebars(sidebars, [])] == [[band, card]]


def test_sidebars_read_by_column_then_from_the_top() -> None:
    low_left, high_right, wide = (50, 500, 250, 600), (320, 100, 520, 200), (40, 700, 560, 780)
    sidebars = [(high_right, "b"), (wide, "c"), (low_left, "a")]
    assert [[s for _, s in family] for family in order_sidebars(sidebars, [285.0])] == [["a"], ["c"], ["b"]]


@pytest.mark.parametrize(
    ("middles", "expected"),
    [
        ([], 0),
        ([10, 10.5, 11], 1),
        ([10, 22, 34], 3),
        ([10, 10, 22, 22, 34], 3),
    ],
)
def test_line_count(middles: list[float], expected: int) -> None:
    assert line_count(np.array(middles, dtype=float), np.full(len(middles), 10.0)) == expected


def test_panel_with_nothing_beside_it_is_read_where_it_stands(tmp_path: Path) -> None:
    """Stacked panels across a one-column page: each heading stays before its panel."""
    items: list = []
    top = 60.0
    for k in range(3):
        items.append(Text(56, top, f"Heading number {k}", 12, "Helvetica-Bold"))
        lines = paragraph(64, top + 26, 460, tagged(f"pan{k}", 50), SIZE)
        bottom = lines[-1].top + LEADING + 4
        items += [Box(56, top + 22, 536, bottom, color=GREY, stroke=False), *lines]
        top = bottom + 20
    result = read_pdf(make_pdf(tmp_path / "panels.pdf", [items]), ocr=False)
    assert [p.text[:4] for p in result.passages] == ["Head", "pan0", "Head", "pan1", "Head", "pan2"]


def test_box_between_paragraphs_of_a_column_is_read_in_place(tmp_path: Path) -> None:
    """Two columns; where the right column has already ended, a shaded box in the left one
    has nothing beside it: it is read between the paragraphs above and below it."""
    width = LEFT[1] - LEFT[0]
    above = paragraph(LEFT[0], 72, width, tagged("c0p0", 40), SIZE)
    box_top = bottom_of(above) + 12
    inside = paragraph(LEFT[0] + 4, box_top + 4, width - 8, tagged("shad", 30), SIZE)
    box_bottom = bottom_of(inside) + 4
    below = paragraph(LEFT[0], box_bottom + 12, width, tagged("c0p1", 40), SIZE)
    right = paragraph(RIGHT[0], 72, width, tagged("c1p0", 30), SIZE)
    assert bottom_of(right) < box_top
    shade = Box(LEFT[0], box_top, LEFT[1], box_bottom, color=GREY, stroke=False)
    path = make_pdf(tmp_path / "inplace.pdf", [[shade, *above, *inside, *below, *right]])
    result = read_pdf(path, ocr=False)
    tags = [owner(p.text.split()[0]) for p in result.passages]
    assert [t for i, t in enumerate(tags) if i == 0 or tags[i - 1] != t] == ["c0p0", "shad", "c0p1", "c1p0"]
