"""Signals that a text is not prose: other scripts, program code, OCR garbage."""

from __future__ import annotations

import pytest

from pipeline.langid.lexicon import words
from pipeline.langid.signals import chunk_profile, code_score, is_wordlike, non_latin_share


def test_non_latin_share() -> None:
    assert non_latin_share("smart city")[0] == 0.0
    assert non_latin_share("เมืองอัจฉริยะ")[0] == 1.0
    assert non_latin_share("Chính phủ đã công bố")[0] == 0.0  # Vietnamese is Latin script
    assert non_latin_share("12 34")[1] == 0


@pytest.mark.parametrize(
    ("text", "is_code"),
    [
        ("22 this.parseResult = new ArrayList<>();", True),
        ('if (c3.equalsIgnoreCase("per")) { checkPrefiksPer(w3); }', True),
        ("(a) adopt in whole or in part the safety standard; or", False),
        ("c. pembatasan waktu operasional; dan", False),
        ("Malaysia Digital Economy Blueprint (MyDIGITAL) and JakPreneur", False),
    ],
)
def test_code_score(text: str, is_code: bool) -> None:
    assert (code_score(text, words(text)) >= 5) is is_code


@pytest.mark.parametrize(
    ("token", "expected"),
    [
        ("Closure", True),
        ("layoff,", True),
        ("UNDANG-UNDANG", True),
        ("qEE", False),
        ("tr", False),
        ("ccd!uo!1oo", False),
        ("Frm", False),
    ],
)
def test_is_wordlike(token: str, expected: bool) -> None:
    assert is_wordlike(token) is expected


def test_chunk_profile_tells_garbage_from_a_table_row() -> None:
    garbage, garbage_tiny, _ = chunk_profile('d Y ! _\\1.:( (d X-9\\tr ! 5ri * [F E ES"5 .UHE g-.:')
    row, row_tiny, _ = chunk_profile("12/07/2015 Brinderson, L.P. Coalinga 84 Closure Permanent")
    assert garbage < 0.3 <= row
    assert garbage_tiny > row_tiny
