"""The text-quality gate: prose scores high, OCR garbage low; when a page needs OCR."""

from __future__ import annotations

import pytest

from pipeline.ingest import quality
from pipeline.ingest.quality import guess_ocr_language, needs_ocr, text_quality
from pipeline.lang_data import word_set

ENGLISH = (
    "The city government is responsible for the implementation of the smart city plan, "
    "and it reports to the ministry on the progress of each programme every year."
)
INDONESIAN = (
    "Pemerintah daerah bertanggung jawab atas pelaksanaan rencana kota cerdas yang "
    "ditetapkan dengan peraturan daerah dan dilaporkan kepada menteri setiap tahun."
)
GARBAGE = "c eo c c a:i c b.O ,..q b.O a:i a:i \u00b7i:::;i >, (f) z 0 0 M ......... 0\\ lr) <( -c"


@pytest.mark.parametrize("text", [ENGLISH, INDONESIAN])
def test_prose_scores_high(text: str) -> None:
    assert text_quality(text).score >= 0.8


def test_garbage_scores_low() -> None:
    assert text_quality(GARBAGE).score < 0.45


def test_empty_text_scores_zero() -> None:
    q = text_quality("   ")
    assert (q.score, q.chars, q.tokens) == (0.0, 0, 0)


@pytest.mark.parametrize(
    ("text", "coverage", "repeated", "reason"),
    [
        ("", 1.0, False, "missing"),  # an image-only page
        ("x", 0.5, False, "missing"),
        (ENGLISH, 1.0, True, "watermark"),  # only a line that repeats on every page
        (GARBAGE * 3, 1.0, False, "garbage"),  # a scan's broken OCR layer
        (ENGLISH, 1.0, False, None),  # a scan with a good OCR layer
        (GARBAGE * 3, 0.0, False, None),  # odd text on a born-digital page is left alone
        ("", 0.0, False, None),  # a blank page: nothing to OCR
        (GARBAGE * 3, 0.5, False, None),  # a figure beside text is not a scan
    ],
)
def test_needs_ocr(text: str, coverage: float, repeated: bool, reason: str | None) -> None:
    assert needs_ocr(text_quality(text), coverage, repeated) == reason


@pytest.mark.parametrize(("text", "lang"), [(ENGLISH, "eng"), (INDONESIAN, "ind"), ("Tabel 4", "ind+eng")])
def test_guess_ocr_language(text: str, lang: str) -> None:
    assert guess_ocr_language(text) == lang


def test_function_words_are_the_word_lists_of_each_language() -> None:
    """pipeline/data/lang/{en,id}/quality_function_words.txt: the score counts both, the
    language guess each apart."""
    assert word_set("quality_function_words", ["en"]) == quality.ENGLISH
    assert word_set("quality_function_words", ["id"]) == quality.INDONESIAN
    assert word_set("quality_function_words") == quality.FUNCTION_WORDS
