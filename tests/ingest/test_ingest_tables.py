"""Ruled tables: cells as passages with headers, same grid as pdfplumber, joined across pages."""

from __future__ import annotations

from pathlib import Path

import pdfplumber
from pdfmaker import Text, make_pdf, paragraph, ruled_table, table_pages

from pipeline.ingest import read_pdf

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
