"""Reading order on generated pages: columns, full-width titles, no paragraph across columns."""

from __future__ import annotations

from pathlib import Path

import pytest
from pdfmaker import Text, column_page, make_pdf, paragraph

from pipeline.ingest import read_pdf
from pipeline.ingest.geometry import Segment, Word
from pipeline.ingest.layout import build_segments, find_gutters, reading_order

FILLER = ("smart city policy differs between provinces because local governments adopt national "
          "programmes at different speeds and with different budgets for digital services")


def tagged(tag: str, n: int = 2) -> str:
    """A paragraph whose every word carries its tag, so a splice shows in any passage; it
    ends a sentence, so it never continues into the next column."""
    return " ".join(f"{tag}{w}" for w in (FILLER + " ") .split() * n) + "."


def column_texts(n_columns: int) -> list[list[str]]:
    return [[tagged(f"c{c}p{p}x") for p in range(2)] for c in range(n_columns)]


@pytest.mark.parametrize("n_columns", [2, 3])
def test_columns_are_read_one_after_the_other(tmp_path: Path, n_columns: int) -> None:
    pdf = make_pdf(tmp_path / "cols.pdf", [column_page(column_texts(n_columns), size=8)])
    result = read_pdf(pdf)
    assert result.pages[0].columns == n_columns
    tags = []
    for passage in result.passages:
        owners = {w[:4] for w in passage.text.split()}
        assert len(owners) == 1, f"passage spliced from {owners}"
        tags.append(owners.pop())
    assert tags == [f"c{c}p{p}" for c in range(n_columns) for p in range(2)]


def test_full_width_title_then_two_columns(tmp_path: Path) -> None:
    title = [Text(56, 50, "A Title Across The Whole Page Width For Testing Layout", 16, "Helvetica-Bold")]
    abstract = paragraph(56, 80, 480, tagged("abst", 1), 9)
    body = column_page(column_texts(2), top=170, size=8)
    result = read_pdf(make_pdf(tmp_path / "mixed.pdf", [title + abstract + body]))
    texts = [p.text for p in result.passages]
    assert texts[0].startswith("A Title Across")
    assert texts[1].startswith("abst")
    assert all(len({w[:4] for w in t.split()}) == 1 for t in texts[1:])
    assert result.pages[0].columns == 2


def test_single_column_keeps_page_order(tmp_path: Path) -> None:
    items = paragraph(72, 72, 450, tagged("aaaa", 1)) + paragraph(72, 200, 450, tagged("bbbb", 1))
    result = read_pdf(make_pdf(tmp_path / "one.pdf", [items]))
    assert [p.text[:4] for p in result.passages] == ["aaaa", "bbbb"]
    assert result.pages[0].columns == 1


def test_label_and_value_rows_are_not_columns(tmp_path: Path) -> None:
    rows = [
        ("Menimbang", "bahwa dalam rangka melaksanakan ketentuan yang berlaku di daerah"),
        ("Mengingat", "Undang-Undang Nomor 23 Tahun 2014 tentang Pemerintahan Daerah"),
    ]
    items: list = []
    for i, (label, value) in enumerate(rows):
        items.append(Text(72, 100 + 60 * i, label, 11))
        items += paragraph(180, 100 + 60 * i, 340, value, 11)
    result = read_pdf(make_pdf(tmp_path / "labels.pdf", [items]))
    texts = [p.text for p in result.passages]
    assert texts.index(next(t for t in texts if t.startswith("Menimbang"))) < texts.index(
        next(t for t in texts if t.startswith("Mengingat"))
    )
    assert result.pages[0].columns == 1


def seg(x0: float, top: float, x1: float, text: str = "w") -> Segment:
    return Segment(x0, top, x1, top + 10, text, 10)


def test_find_gutters_on_two_columns() -> None:
    segments = [seg(50, 100 + 12 * i, 280) for i in range(20)]
    segments += [seg(310, 100 + 12 * i, 540) for i in range(20)]
    gutters = find_gutters(segments)
    assert len(gutters) == 1
    assert 280 <= gutters[0][0] < gutters[0][1] <= 310


def test_no_gutter_for_a_narrow_label_column() -> None:
    segments = [seg(50, 100 + 50 * i, 110, "Label") for i in range(3)]
    segments += [seg(160, 100 + 12 * i, 540) for i in range(15)]
    assert find_gutters(segments) == []


def test_stacked_blocks_in_a_band_are_read_by_height() -> None:
    segments = [seg(50, 100 + 12 * i, 280, f"L{i}") for i in range(10)]
    segments += [seg(310, 100 + 12 * i, 540, f"R{i}") for i in range(10)]
    segments += [seg(50, 240, 540, "wide")]
    segments += [seg(400, 260, 450, "Pasal 5"), seg(50, 280, 200, "(1) later text")]
    blocks, columns = reading_order(segments)
    order = [ln.text for b in blocks for ln in b.lines]
    assert columns == 2
    assert order.index("L9") < order.index("R0")
    assert order.index("Pasal 5") < order.index("(1) later text")


def test_build_segments_splits_at_a_gutter_and_joins_ligatures() -> None:
    words = [Word(10, 0, 30, 10, "defi"), Word(30, 0, 50, 10, "nition", glued=True),
             Word(53, 0, 70, 10, "left"), Word(90, 0, 110, 10, "right")]
    segments = build_segments(words)
    assert [s.text for s in segments] == ["definition left", "right"]


def justified_column(x: float, top: float, width: float, text: str, size: float, lines: int) -> list[Text]:
    """Lines whose words are spread over the whole column width, one Text per word."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    words, items = text.split(), []
    for i in range(lines):
        line = words[5 * i:5 * i + 5]
        used = sum(stringWidth(w, "Helvetica", size) for w in line)
        gap = (width - used) / (len(line) - 1)
        pos = x
        for w in line:
            items.append(Text(pos, top + i * 1.4 * size, w, size))
            pos += stringWidth(w, "Helvetica", size) + gap
    return items


def test_justified_columns_sharing_baselines_are_not_merged(tmp_path: Path) -> None:
    """Wide word spaces split each justified line; a spanning caption crosses the gutter."""
    title = "A Heading Across The Whole Page Width For Justified Columns"
    heading = [Text(56, 50, title, 14, "Helvetica-Bold")]
    left = justified_column(56, 90, 220, tagged("left", 3), 9, 12)
    right = justified_column(316, 90, 220, tagged("rght", 3), 9, 12)
    caption = [Text(120, 270, "Figure 1: a caption set across the gutter between both columns", 8)]
    lower_left = justified_column(56, 300, 220, tagged("lowl", 3), 9, 8)
    lower_right = justified_column(316, 300, 220, tagged("lowr", 3), 9, 8)
    items = heading + left + right + caption + lower_left + lower_right
    result = read_pdf(make_pdf(tmp_path / "justified.pdf", [items]))
    assert result.pages[0].columns == 2
    texts = [p.text for p in result.passages]
    assert texts[0].startswith("A Heading")
    assert any(t.startswith("Figure 1") for t in texts)
    # the columns are cut mid-sentence, so a column may continue into the next one (one
    # passage), but never line by line: each tag forms one run, in column order
    tags = [w[:4] for t in texts[1:] if not t.startswith("Figure 1") for w in t.split()]
    runs = [tag for k, tag in enumerate(tags) if k == 0 or tags[k - 1] != tag]
    assert runs == ["left", "rght", "lowl", "lowr"]
