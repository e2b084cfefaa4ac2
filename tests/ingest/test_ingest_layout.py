"""Reading order on generated pages: columns, full-width titles, no paragraph across columns."""

from __future__ import annotations

from pathlib import Path

import pytest
from pdfmaker import Text, column_page, make_pdf, paragraph

from pipeline.ingest import read_pdf
from pipeline.ingest.boxes import TABLE_MARK
from pipeline.ingest.geometry import Segment, Word
from pipeline.ingest.layout import (
    build_segments,
    crosses_gutter,
    find_gutters,
    group_lines,
    margin_lines,
    reading_order,
    short_right_column,
    text_beside,
)

FILLER = (
    "smart city policy differs between provinces because local governments adopt national "
    "programmes at different speeds and with different budgets for digital services"
)


def tagged(tag: str, n: int = 2) -> str:
    """A paragraph whose every word carries its tag, so a splice shows in any passage; it
    ends a sentence, so it never continues into the next column."""
    return " ".join(f"{tag}{w}" for w in (FILLER + " ").split() * n) + "."


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
    words = [
        Word(10, 0, 30, 10, "defi"),
        Word(30, 0, 50, 10, "nition", glued=True),
        Word(53, 0, 70, 10, "left"),
        Word(90, 0, 110, 10, "right"),
    ]
    segments = build_segments(words)
    assert [s.text for s in segments] == ["definition left", "right"]


def justified_column(x: float, top: float, width: float, text: str, size: float, lines: int) -> list[Text]:
    """Lines whose words are spread over the whole column width, one Text per word."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    words, items = text.split(), []
    for i in range(lines):
        line = words[5 * i : 5 * i + 5]
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


# ---------------------------------------------------------------------------- short right column


def left_column(lines: int = 12, top: float = 100) -> list[Segment]:
    return [seg(50, top + 12 * i, 280, f"L{i}") for i in range(lines)]


def test_a_right_column_of_one_line_is_a_column() -> None:
    segments = left_column() + [seg(310, 100, 420, "R0")]
    gutters = short_right_column(segments)
    assert len(gutters) == 1 and 280 <= gutters[0][0] < gutters[0][1] <= 310
    assert find_gutters(segments) == gutters


def test_a_right_column_of_tables_only_is_a_column() -> None:
    assert find_gutters(left_column(), tables=[(310, 100, 540, 160)]) != []


def test_a_short_right_column_below_a_title_across_the_page() -> None:
    title = [seg(50, 40, 540, "A title across the page"), seg(50, 60, 540, "and its second line")]
    gutters = short_right_column(title + left_column() + [seg(310, 100, 540, "R0"), seg(310, 112, 400, "R1")])
    assert len(gutters) == 1


def test_labels_in_a_short_left_column_are_no_column() -> None:
    labels = [seg(50, 100, 110, "Menimbang"), seg(50, 160, 110, "Mengingat")]
    text = [seg(160, 100 + 12 * i, 540) for i in range(12)]
    assert short_right_column(labels + text) == []


def test_a_page_number_and_a_catchword_are_no_column() -> None:
    segments = left_column() + [seg(300, 70, 330, "-6-"), seg(420, 400, 520, "Pasal 22 . . .")]
    assert short_right_column(segments) == []


def test_a_right_column_starting_low_beside_the_left_one_is_no_column() -> None:
    segments = left_column(20) + [seg(310, 100 + 12 * 15, 420, "a note")]
    assert short_right_column(segments) == []


def test_a_line_across_the_gutter_beside_the_columns_closes_it() -> None:
    segments = left_column() + [seg(310, 100, 420, "R0"), seg(50, 100 + 12 * 5, 540, "across")]
    assert short_right_column(segments) == []


# ---------------------------------------------------------------------------- margins, bands, tables


def test_margin_lines_are_set_apart_rows_at_the_top_and_bottom() -> None:
    head, foot = seg(250, 20, 340, "Journal 7"), seg(280, 800, 300, "3")
    body = left_column(20)
    margin = margin_lines([head, *body, foot])
    assert margin == {id(head), id(foot)}
    assert margin_lines(body) == set()


def test_a_footer_over_the_gutter_does_not_close_it() -> None:
    segments = [seg(50, 100 + 12 * i, 280) for i in range(8)]
    segments += [seg(310, 100 + 12 * i, 540) for i in range(8)] + [seg(270, 800, 330, "Page 2 of 4")]
    assert len(find_gutters(segments)) == 1


def test_a_marker_on_the_line_of_a_spanning_heading_spans_with_it() -> None:
    segments = left_column(10) + [seg(310, 100 + 12 * i, 540, f"R{i}") for i in range(10)]
    segments += [seg(50, 240, 62, "G."), seg(70, 240, 400, "Pelayanan Lembaga Penyiaran")]
    blocks, _ = reading_order(segments, [(280.0, 310.0)])
    lines = [ln.text for b in blocks for ln in b.lines]
    assert "G. Pelayanan Lembaga Penyiaran" in lines


def test_crosses_gutter_and_text_beside() -> None:
    gutters = [(280.0, 310.0)]
    assert crosses_gutter((100, 0, 500, 50), gutters)
    assert not crosses_gutter((50, 0, 270, 50), gutters)
    table = (150, 100, 270, 150)
    assert text_beside(table, [seg(50, 110, 140, "beside")], gutters)
    assert not text_beside(table, [seg(320, 110, 500, "other column")], gutters)
    assert not text_beside(table, [seg(50, 160, 270, "below")], gutters)


def test_a_table_stand_in_never_shares_a_line_with_text() -> None:
    segments = [seg(50, 100, 200, "text"), Segment(210, 99, 400, 111, f"{TABLE_MARK}0", 1.0)]
    lines = group_lines(segments)
    assert sorted(ln.text for ln in lines) == sorted(["text", f"{TABLE_MARK}0"])
