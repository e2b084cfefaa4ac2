"""Line cleaning and paragraph joining: hyphenation, soft hyphens, pdfium hyphen marks."""

from __future__ import annotations

import pytest

from pipeline.ingest.text import clean_line, join_lines, keeps_hyphen


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("UNDANG\u00adUNDANG\u00a0DASAR", "UNDANG-UNDANG DASAR"),  # drawn soft hyphen, reduplication
        ("kom\u00adputer", "komputer"),  # an unbroken discretionary hyphen disappears
        ("\u00ad" * 12, ""),  # a rule drawn with soft hyphens
        ("masing\x02masing", "masing-masing"),  # pdfium hyphen mark inside a line
        ("a  b\u2003c", "a b c"),
        ("tail hyphen kept for joining-", "tail hyphen kept for joining-"),
        ("zero\u200bwidth", "zerowidth"),
    ],
)
def test_clean_line(line: str, expected: str) -> None:
    assert clean_line(line) == expected


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (["accelerat\ufffe", "ing digital"], "accelerating digital"),  # pdfium mark (U+FFFE)
        (["proxi\x02", "mal development"], "proximal development"),  # pdfium mark (U+0002)
        (["kebija\u00ad", "kan publik"], "kebijakan publik"),  # soft hyphen at a line end
        (["pemerin-", "tahan daerah"], "pemerintahan daerah"),  # ordinary hyphenation
        (["UNDANG-", "UNDANG DASAR"], "UNDANG-UNDANG DASAR"),  # reduplication keeps its hyphen
        (["kebijakan-", "kebijakan baru"], "kebijakan-kebijakan baru"),
        (["People-Public-", "Private"], "People-Public-Private"),  # capitalised compound
        (["COVID-", "19 pandemic"], "COVID-19 pandemic"),
        (["one line", "and another"], "one line and another"),
        (["", "  only  "], "only"),
    ],
)
def test_join_lines(lines: list[str], expected: str) -> None:
    assert join_lines(lines) == expected


@pytest.mark.parametrize(
    ("before", "after", "kept"),
    [
        ("undang", "undang", True),
        ("non", "Muslim", True),
        ("COVID", "19", True),
        ("pemerin", "tahan", False),
        ("PERATU", "RAN", False),
        ("", "x", False),
    ],
)
def test_keeps_hyphen(before: str, after: str, kept: bool) -> None:
    assert keeps_hyphen(before, after) is kept


def test_split_surrogate_pairs_from_pdfium_are_joined() -> None:
    """Regression: math italic letters came back as lone surrogates and broke the tokenizer."""
    from pipeline.ingest.text import clean_line

    split_pair = "\ud835\udc4b" + "t = 0"
    assert clean_line(split_pair) == "\U0001d44bt = 0"
    assert clean_line("lone \udc4b here") == "lone here"
    clean_line(split_pair).encode("utf-8")
