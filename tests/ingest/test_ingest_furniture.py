"""Running headers, footers and page numbers across pages."""

from __future__ import annotations

import pytest

from pipeline.ingest.furniture import PAGE_NUMBER, PageLines, find_furniture, line_key
from pipeline.ingest.geometry import Line

HEIGHT = 800.0


def line(text: str, top: float) -> Line:
    return Line(72, top, 300, top + 10, text, 10)


def pages_with(header: str, n: int) -> list[PageLines]:
    body = "Body text of the page number {i} goes here"
    return [
        PageLines(i, HEIGHT, [line(header.format(i=i), 30), line(body.format(i=i), 300), line(f"{i}", 770)])
        for i in range(1, n + 1)
    ]


def test_repeated_header_and_page_numbers_are_found() -> None:
    pages = pages_with("Jurnal Kebijakan Publik Vol. {i}", 6)
    found = find_furniture(pages)
    texts = {ln.text for p in pages for ln in p.lines if (p.number, id(ln)) in found}
    assert {"Jurnal Kebijakan Publik Vol. 1", "3"} <= texts
    assert not any(t.startswith("Body text") for t in texts)


def test_a_line_on_few_pages_stays() -> None:
    pages = pages_with("Header {i}", 10)
    pages[0].lines.append(line("Unique closing remark", 760))
    found = find_furniture(pages)
    assert (1, id(pages[0].lines[-1])) not in found


def test_headings_repeating_at_the_top_are_not_furniture() -> None:
    pages = [PageLines(i, HEIGHT, [line(f"Pasal {i}", 40), line("text", 300)]) for i in range(1, 8)]
    assert find_furniture(pages) == set()


def test_catchword_at_the_foot_is_furniture() -> None:
    pages = [PageLines(1, HEIGHT, [line("Pasal 5 . . .", 770), line("body", 300)])]
    found = find_furniture(pages)
    assert (1, id(pages[0].lines[0])) in found


@pytest.mark.parametrize("text", ["12", "- 3 -", "Page 4 of 20", "Halaman 7", "iv", "47698", "5/12"])
def test_page_number_pattern(text: str) -> None:
    assert PAGE_NUMBER.match(text)


@pytest.mark.parametrize("text", ["Pasal 12", "2019 annual report", "a. bahwa"])
def test_not_page_numbers(text: str) -> None:
    assert not PAGE_NUMBER.match(text)


def test_line_key_ignores_digits_but_not_in_headings() -> None:
    header = "Hitachi Review Vol. 70, No. 1 "
    assert line_key(header + "106\u2013107") == line_key(header + "108.")
    assert line_key("Pasal 5") != line_key("Pasal 6")
