"""Ruled tables: cells as passages with headers, same grid as pdfplumber, joined across pages."""

from __future__ import annotations

import random
from pathlib import Path

import pdfplumber
from pdfmaker import Rule, Text, make_pdf, paragraph, ruled_table, table_pages
from pdfplumber.table import edges_to_intersections, intersections_to_cells

from pipeline.ingest import read_pdf
from pipeline.ingest.pdf_tables import crossing_cells

HEADER = ["Country", "Law", "Agency"]
ROWS = [
    ["Indonesia", "Perpres 95/2018", "Kominfo"],
    ["Malaysia", "Act 599", "KPKT"],
    ["Thailand", "PDPA B.E. 2562", "depa"],
]
WIDTHS = [110, 140, 110]


def cells(result) -> list:
    return [p for p in result.passages if p.kind == "table_cell"]


def test_cells_carry_row_and_column_headers(tmp_path: Path) -> None:
    items = [Text(72, 50, "Tabel 1 Perbandingan", 10), *ruled_table(72, 72, [HEADER, *ROWS], WIDTHS)]
    result = read_pdf(make_pdf(tmp_path / "t.pdf", [items]))
    found = {(c.table["row"], c.table["col"]): c for c in cells(result)}
    assert len(found) == 12
    kominfo = found[(1, 2)]
    assert kominfo.text == "Kominfo"
    assert (kominfo.table["row_header"], kominfo.table["col_header"]) == ("Indonesia", "Agency")
    assert found[(0, 1)].table["col_header"] is None  # header cells are headers themselves
    assert len({c.table["table_id"] for c in cells(result)}) == 1
    x0, top, x1, bottom = kominfo.bbox
    assert 320 <= x0 < x1 <= 435 and 90 <= top < bottom <= 110
    assert not any("Kominfo" in p.text for p in result.passages if p.kind != "table_cell")


def test_grid_matches_pdfplumber(tmp_path: Path) -> None:
    pdf = make_pdf(tmp_path / "t.pdf", [ruled_table(72, 72, [HEADER, *ROWS], WIDTHS)])
    ours = cells(read_pdf(pdf))
    with pdfplumber.open(pdf) as doc:
        page = doc.pages[0]
        theirs = page.find_tables()[0].extract()
        page.close()
    grid = [[None] * len(theirs[0]) for _ in theirs]
    for c in ours:
        grid[c.table["row"]][c.table["col"]] = c.text
    assert grid == theirs


def test_table_split_without_repeated_header(tmp_path: Path) -> None:
    rows = [[f"City {i}", f"Programme {i}", f"Agency {i}"] for i in range(7)]
    pages = table_pages(72, 72, HEADER, rows, WIDTHS, rows_per_page=4, repeat_header=False)
    found = cells(read_pdf(make_pdf(tmp_path / "split.pdf", pages)))
    assert len({c.table["table_id"] for c in found}) == 1
    last = next(c for c in found if c.text == "Agency 6")
    assert (last.page, last.table["row"], last.table["col_header"]) == (2, 7, "Agency")


def test_table_continued_on_next_page_is_joined(tmp_path: Path) -> None:
    intro = paragraph(72, 60, 450, "Lampiran tabel program kota cerdas.")
    first = [*intro, *ruled_table(72, 100, [HEADER, *ROWS], WIDTHS)]
    more = [["Singapore", "Smart Nation", "GovTech"], ["Vietnam", "Decision 950", "MIC"]]
    second = ruled_table(72, 72, [HEADER, *more], WIDTHS)  # the header row is repeated
    result = read_pdf(make_pdf(tmp_path / "two.pdf", [first, second]))
    found = cells(result)
    assert len({c.table["table_id"] for c in found}) == 1
    page2 = [c for c in found if c.page == 2]
    assert sorted({c.table["row"] for c in page2}) == [4, 5]  # rows continue, header not repeated
    gov = next(c for c in page2 if c.text == "GovTech")
    assert (gov.table["row_header"], gov.table["col_header"]) == ("Singapore", "Agency")


def test_a_different_table_on_the_next_page_is_not_joined(tmp_path: Path) -> None:
    first = ruled_table(72, 100, [HEADER, *ROWS], WIDTHS)
    second = ruled_table(72, 72, [["Year", "Event"], ["2017", "Thailand 4.0"]], [80, 200])
    found = cells(read_pdf(make_pdf(tmp_path / "two.pdf", [first, second])))
    assert len({c.table["table_id"] for c in found}) == 2
    assert {c.table["row"] for c in found if c.page == 2} == {0, 1}


def test_a_grid_drawn_around_lines_of_prose_is_read_as_text(tmp_path: Path) -> None:
    lines = [
        "The ministry and the city government started the programme in 2017 and",
        "chose one hundred cities, which prepared master plans with the help of",
        "experts; the plans are evaluated every year since 2018 by the ministry.",
    ]
    items = ruled_table(72, 72, [[line, ""] for line in lines], [400, 60])
    result = read_pdf(make_pdf(tmp_path / "frame.pdf", [items]))
    assert not cells(result)
    assert [p.text for p in result.passages] == [" ".join(lines)]


def test_a_grid_with_one_text_per_row_but_short_labels_stays_a_table(tmp_path: Path) -> None:
    rows = [["Kominfo", ""], ["Bappenas", ""], ["Kemendagri", ""]]
    result = read_pdf(make_pdf(tmp_path / "labels.pdf", [ruled_table(72, 72, rows, [120, 60])]))
    assert [c.text for c in cells(result)] == ["Kominfo", "Bappenas", "Kemendagri"]


def sheet_page(prose: list[str], rows: list[list[str]], widths: list[float]) -> list:
    """A spreadsheet-style page: every line in a ruled row; the prose rows are merged cells
    as wide as the sheet, the table rows below them have a cell per column."""
    x, top, height = 72.0, 72.0, 18.0
    right = x + sum(widths)
    items: list = []
    n = len(prose) + len(rows)
    for r in range(n + 1):
        items.append(Rule(x, top + r * height, right, top + r * height))
    items += [Rule(x, top, x, top + n * height), Rule(right, top, right, top + n * height)]
    table_top = top + len(prose) * height
    edge = x
    for w in widths[:-1]:
        edge += w
        items.append(Rule(edge, table_top, edge, top + n * height))
    for r, line in enumerate(prose):
        items.append(Text(x + 3, top + r * height + 4.5, line, 9))
    for r, row in enumerate(rows):
        cx = x
        for text, w in zip(row, widths, strict=True):
            items.append(Text(cx + 3, table_top + r * height + 4.5, text, 9))
            cx += w
    return items


def test_merged_prose_rows_above_a_table_are_read_as_a_paragraph(tmp_path: Path) -> None:
    prose = [
        "The evaluation covers the outputs, the outcomes and the impact of the smart",
        "city programme in each district, and the quick wins of the last two years,",
        "as agreed with each district government when the plans were signed.",
    ]
    items = sheet_page(prose, [HEADER, *ROWS], WIDTHS)
    result = read_pdf(make_pdf(tmp_path / "sheet.pdf", [items]))
    texts = [p.text for p in result.passages if p.kind != "table_cell"]
    assert texts == [" ".join(prose)]
    found = {(c.table["row"], c.table["col"]): c.text for c in cells(result)}
    assert found[(0, 0)] == "Country" and found[(1, 2)] == "Kominfo" and len(found) == 12


def test_a_single_spanning_row_inside_a_table_stays_a_cell(tmp_path: Path) -> None:
    items = sheet_page(["Tabel 2 Instruments by country"], [HEADER, *ROWS], WIDTHS)
    result = read_pdf(make_pdf(tmp_path / "caption.pdf", [items]))
    assert "Tabel 2 Instruments by country" in [c.text for c in cells(result)]


def _rule_grid(rng: random.Random) -> list[dict]:
    """Ruling lines of a random grid: some rules missing, some cut short (merged cells)."""
    xs = sorted(rng.sample(range(0, 400, 10), rng.randint(2, 7)))
    ys = sorted(rng.sample(range(0, 400, 10), rng.randint(2, 7)))
    edges = []
    for y in ys:
        a, b = sorted(rng.sample(xs, 2)) if rng.random() < 0.3 else (xs[0], xs[-1])
        if rng.random() > 0.1:
            edges.append({"x0": a, "x1": b, "top": y, "bottom": y, "orientation": "h"})
    for x in xs:
        a, b = sorted(rng.sample(ys, 2)) if rng.random() < 0.3 else (ys[0], ys[-1])
        if rng.random() > 0.1:
            edges.append({"x0": x, "x1": x, "top": a, "bottom": b, "orientation": "v"})
    for e in edges:
        e.update(width=e["x1"] - e["x0"], height=e["bottom"] - e["top"], doctop=e["top"], object_type="line")
    return edges


def test_crossing_cells_are_pdfplumbers_cells() -> None:
    rng = random.Random(7)
    compared = 0
    for _ in range(300):
        crossings = edges_to_intersections(_rule_grid(rng), 3, 3)
        expected = intersections_to_cells(crossings)
        assert crossing_cells(crossings) == expected
        compared += len(expected)
    assert compared > 1000
