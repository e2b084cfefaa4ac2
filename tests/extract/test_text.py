"""Text helpers of the extractor: which words are ordinary words of the three languages."""

from __future__ import annotations

import pytest

from pipeline.extract.text import common_word


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
