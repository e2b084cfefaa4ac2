"""Text helpers of the extractor: which words are ordinary words of the three languages."""

from __future__ import annotations

import pytest

from pipeline.extract.text import clean_number, common_langs, common_word


@pytest.mark.parametrize(
    ("word", "common"),
    [
        ("Stormwater", True),
        ("telemetry", True),
        ("pendingin", True),  # Indonesian
        ("pengurusan", True),  # Malay
        ("JakLingko", False),  # a coined name
        ("Adminduk", False),
        ("(Hydrological", True),  # punctuation around a word does not count
        ("", False),
    ],
)
def test_common_word(word: str, common: bool) -> None:
    assert common_word(word) is common


@pytest.mark.parametrize(
    ("token", "number"),
    [
        ("Kep-70/M.EKON/12/2008", "70"),  # a decision's number, then the month
        ("KEP.25/M.PAN/4/2002", "25"),
        ("HK.01.07/MENKES/239/2020", "239"),
        ("96/PMK.06/2007", "96"),
        ("PER-03/PJ/2022", "per-03/pj/2022"),
    ],
)
def test_clean_number(token: str, number: str) -> None:
    assert clean_number(token) == number


def test_a_word_ordinary_in_another_language_is_a_name_in_english_text() -> None:
    assert common_word("Pintar", common_langs("id"))
    assert not common_word("Pintar", common_langs("en"))  # "Kota Pintar" in an English report
    assert common_word("Parking", common_langs("en")) and common_word("Pintar", common_langs(None))
