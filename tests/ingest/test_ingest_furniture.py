"""Running headers, footers and page numbers across pages."""

from __future__ import annotations

import pytest

from pipeline.ingest.furniture import (
    PAGE_NUMBER,
    STAMP_WORDS,
    PageLines,
    find_furniture,
    is_signature_glyph,
    is_stamp,
    is_web_address_line,
    line_key,
)
from pipeline.ingest.geometry import Line
from pipeline.lang_data import word_set

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


# Furniture known by its text on a single page: web addresses, stamps, signature glyphs.


@pytest.mark.parametrize(
    "text",
    [
        "jdih.contohkab.go.id",
        "www.example.go.id",
        "https://peraturan.bpk.go.id/Details/12345/perda-no-7",
        "http://jdih.contoh.go.id/",
        "JDIH.CONTOHKAB.GO.ID",
        "jdih.contohkab.go.id Page 3",
        "www.example.go.id | 12",
        "12 | www.example.go.id",
        "Halaman 3 dari 20 jdih.contohkab.go.id",
        "www.example.go.id - 4 -",
    ],
)
def test_web_address_lines(text: str) -> None:
    assert is_web_address_line(text)


@pytest.mark.parametrize(
    "text",
    [
        "Informasi tersedia di www.example.go.id bagi masyarakat.",  # a URL inside a sentence
        "Website: www.example.go.id",
        "1 https://www.example.go.id/statistik",  # a footnote citing a web page
        "https://doi.org/10.1234/abcd.5678",  # the document's DOI, read as metadata
        "e.g.",
        "U.S.Gov",
        "Fig.3",
        "Sec.ii",
        "Pasal 12",
        "",
    ],
)
def test_not_web_address_lines(text: str) -> None:
    assert not is_web_address_line(text)


@pytest.mark.parametrize(
    "text", ["SALINAN", "COPY", "DRAFT", "S A L I N A N", "- SALINAN -", "[DRAFT]", "SALINAN."]
)
def test_stamps(text: str) -> None:
    assert is_stamp(text)


@pytest.mark.parametrize(
    "text",
    [
        "Salinan sesuai dengan aslinya",
        "SALINAN SESUAI DENGAN ASLINYA",
        "salinan.",
        "Draft",
        "SALINAN PERATURAN DAERAH",
        "COPYRIGHT",
        "",
    ],
)
def test_not_stamps(text: str) -> None:
    assert not is_stamp(text)


def test_stamp_words_are_the_word_list_in_capitals() -> None:
    """pipeline/data/lang/{en,id}/stamp_words.txt, listed in lower case, matched in capitals."""
    assert {w.upper() for w in word_set("stamp_words")} == STAMP_WORDS
    assert all(is_stamp(w) and not is_stamp(w.lower()) for w in STAMP_WORDS)


@pytest.mark.parametrize(
    "text", ["\u0416", "\ue000", "\uf8ff", "\u2327", "\u0416 \u0416", "\u03b1\u03b2\u03b3"]
)
def test_signature_glyphs(text: str) -> None:
    assert is_signature_glyph(text)


@pytest.mark.parametrize(
    "text", ["a", "A", "7", "\u00e9", "\u0416\u0416\u0416\u0416", "(a)", "1.", "ttd", ""]
)
def test_not_signature_glyphs(text: str) -> None:
    assert not is_signature_glyph(text)


def body_pages(n: int) -> list[PageLines]:
    """``n`` pages of four distinct body lines, nothing in the top or bottom band."""

    def lines(i: int) -> list[Line]:
        return [line(f"Body line {k} of the page {'x' * i} goes here", 300 + 14 * k) for k in range(4)]

    return [PageLines(i, HEIGHT, lines(i)) for i in range(1, n + 1)]


def found_texts(pages: list[PageLines]) -> set[str]:
    found = find_furniture(pages)
    return {ln.text for p in pages for ln in p.lines if (p.number, id(ln)) in found}


@pytest.mark.parametrize("n_pages", [1, 2, 6])
@pytest.mark.parametrize("top", [30.0, 770.0])
def test_web_address_on_one_page_is_furniture(n_pages: int, top: float) -> None:
    pages = body_pages(n_pages)
    pages[-1].lines.append(line("jdih.contohkab.go.id", top))
    assert found_texts(pages) == {"jdih.contohkab.go.id"}


def test_web_address_in_the_middle_of_the_page_stays() -> None:
    pages = body_pages(6)
    pages[2].lines.append(line("https://www.example.go.id/", 450))
    assert found_texts(pages) == set()


def test_web_address_ending_a_paragraph_at_the_foot_stays() -> None:
    pages = body_pages(6)
    pages[2].lines += [
        line("Laporan tersedia pada laman resmi berikut:", 748),
        line("www.example.go.id/laporan", 760),
    ]
    assert found_texts(pages) == set()


def test_footnote_citing_a_web_page_is_not_furniture() -> None:
    pages = body_pages(6)
    url = Line(87, 769, 298, 777, "id.wikibooks.org/wiki/Bahasa_Indonesia", 8)
    mark = Line(83, 767, 87, 772, "1", 5)
    pages[3].lines += [mark, url]
    assert "id.wikibooks.org/wiki/Bahasa_Indonesia" not in found_texts(pages)


@pytest.mark.parametrize("text", ["SALINAN", "S A L I N A N", "\u0416", "\u2327"])
@pytest.mark.parametrize("top", [30.0, 320.0, 770.0])
def test_stamps_and_glyphs_are_furniture_anywhere(text: str, top: float) -> None:
    pages = body_pages(5)
    pages[1].lines.append(line(text, top))
    assert found_texts(pages) == {text}


@pytest.mark.parametrize("text", ["A", "b", "7", "Salinan sesuai dengan aslinya"])
def test_a_latin_letter_digit_or_attestation_in_the_body_stays(text: str) -> None:
    pages = body_pages(5)
    pages[1].lines.append(line(text, 360))
    assert found_texts(pages) == set()


@pytest.mark.parametrize("n_pages", [1, 5])
@pytest.mark.parametrize(
    ("text", "top"),
    [
        ("12", 770.0),
        ("- 12 -", 30.0),
        ("Halaman 3 dari 20", 770.0),
        ("Page 4 of 9", 770.0),
        ("Page 4 of 9", 30.0),
    ],
)
def test_page_number_on_one_page_is_furniture(n_pages: int, text: str, top: float) -> None:
    pages = body_pages(n_pages)
    pages[0].lines.append(line(text, top))
    assert found_texts(pages) == {text}


def test_a_clause_number_after_a_reference_is_not_a_page_number():
    body = Line(72, 700, 500, 710, "sesuai ketentuan dalam Pasal 156 ayat", 10)
    number = Line(72, 790, 100, 800, "(4).", 10)
    page = PageLines(1, 842, [body, number])
    assert (1, id(number)) not in find_furniture([page])
    alone = Line(280, 800, 300, 810, "(4)", 10)
    text = Line(72, 700, 500, 710, "Teks.", 10)
    assert (1, id(alone)) in find_furniture([PageLines(1, 842, [text, alone])])
