"""Per-page text quality: is the text layer missing, a watermark only, or OCR garbage?

The score mixes three signals that need no dictionary: the share of word-like tokens
(letters, a vowel, no odd case mixing), the share of letters among the characters, and
the share of common English/Indonesian function words (real prose has many, garbage none).
The same function words give the cheap language guess used to pick the OCR language.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline.lang_data import word_set

ENGLISH = word_set("quality_function_words", ["en"])
INDONESIAN = word_set("quality_function_words", ["id"])
_TOKEN = re.compile(r"\S+")
FUNCTION_WORDS = ENGLISH | INDONESIAN
# a whole token made of letters (capitalised or all capitals) with a vowel, light punctuation
_WORDLIKE = re.compile(
    r"(?:^|(?<= ))(?=\S*[aeiouyAEIOUY\u00e0-\u00fc])(?:"
    r"[(\"'\u201c\u2018]?[A-Za-z\u00c0-\u024f][a-z\u00df-\u024f]+[)\"'\u201d\u2019.,;:!?]*|"
    r"[(\"'\u201c]?[A-Z\u00c0-\u00de]{2,}[)\"'\u201d.,;:!?]*"
    r")(?= |$)"
)
_PUNCT = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~\u201c\u201d\u2018\u2019\u2013\u2014\u00ab\u00bb"
_STRIP = re.compile(r"^\W+|\W+$")
_LETTER = re.compile(r"[^\W\d_]")
SAMPLE_TOKENS = 300  # enough to judge a page; keeps long pages cheap
GARBAGE_BELOW = 0.45
SCAN_COVERAGE = 0.85  # an image this large is a page scan
MIN_TEXT_CHARS = 40


@dataclass
class TextQuality:
    """How much a page's text looks like language."""

    score: float
    chars: int
    tokens: int
    wordlike: float
    letters: float
    function_words: float


def text_quality(text: str) -> TextQuality:
    """Score a text from 0 (garbage or nothing) to 1 (ordinary prose)."""
    tokens = text.split(maxsplit=SAMPLE_TOKENS)[:SAMPLE_TOKENS]
    sample = " ".join(tokens)
    chars = len(sample) - max(0, len(tokens) - 1)
    if not tokens or chars == 0:
        return TextQuality(0.0, 0, 0, 0.0, 0.0, 0.0)
    wordlike = len(_WORDLIKE.findall(sample)) / len(tokens)
    letters = len(_LETTER.findall(sample)) / chars
    function = sum(1 for t in tokens if t.strip(_PUNCT).lower() in FUNCTION_WORDS) / len(tokens)
    score = 0.45 * min(1.0, wordlike / 0.7) + 0.3 * min(1.0, letters / 0.8) + 0.25 * min(1.0, function / 0.15)
    return TextQuality(round(min(1.0, score), 3), chars, len(tokens), wordlike, letters, function)


def guess_ocr_language(text: str) -> str:
    """Tesseract language for a text: "ind" or "eng" by function words, else both."""
    words = [_STRIP.sub("", t).lower() for t in _TOKEN.findall(text)]
    en = sum(1 for w in words if w in ENGLISH)
    idn = sum(1 for w in words if w in INDONESIAN)
    if en + idn < 5:
        return "ind+eng"
    return "ind" if idn > en else "eng"


def needs_ocr(quality: TextQuality, image_coverage: float, repeated_only: bool) -> str | None:
    """Why a page's text layer should be replaced by OCR, or None when it is usable.

    Reasons: "missing" (little or no text over a large image), "watermark" (the only text
    is a line repeated on every page, over a large image), "garbage" (a scan's text layer
    that does not read as language, on a page scan). Pages without a large image are never OCRed: their
    text, however odd (tables of numbers), is what the file holds.
    """
    if image_coverage < 0.3:
        return None
    if quality.chars < MIN_TEXT_CHARS:
        return "missing"
    if repeated_only and image_coverage >= 0.5:
        return "watermark"
    if image_coverage >= SCAN_COVERAGE and quality.score < GARBAGE_BELOW:
        return "garbage"
    return None
