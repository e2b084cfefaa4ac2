"""OCR of page images with Tesseract (through pytesseract), pages rendered by pypdfium2.

Words come back in display coordinates (PDF points), each with the box of its OCR line,
so the rest of the reader (segments, columns, paragraphs) treats them like a text layer.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import pypdfium2 as pdfium

from pipeline.ingest.geometry import Word

OCR_DPI = 200
MIN_CONFIDENCE = 10.0


@dataclass
class OcrResult:
    """Words read from a page image and Tesseract's mean word confidence (0..1)."""

    words: list[Word]
    confidence: float
    language: str


@functools.lru_cache(maxsize=1)
def tesseract_languages() -> frozenset[str]:
    """Languages the installed Tesseract can read; empty when it is not installed."""
    try:
        import pytesseract

        return frozenset(pytesseract.get_languages(config=""))
    except Exception:  # noqa: BLE001 - missing binary, broken install: no OCR
        return frozenset()


def tesseract_available() -> bool:
    """Whether Tesseract is installed with English or Indonesian data."""
    return bool({"eng", "ind"} & tesseract_languages())


def usable_language(wanted: str) -> str:
    """The wanted "ind"/"eng"/"ind+eng" reduced to the languages that are installed."""
    have = tesseract_languages()
    parts = [p for p in wanted.split("+") if p in have]
    return "+".join(parts) or ("eng" if "eng" in have else next(iter(sorted(have)), "eng"))


@contextmanager
def one_tesseract_thread() -> Iterator[None]:
    """``OMP_THREAD_LIMIT=1`` (unless set) for the Tesseract processes started inside, and
    only for them: left in this process's environment it would cap torch's threads too when
    torch loads after the first scanned page."""
    if "OMP_THREAD_LIMIT" in os.environ:
        yield
        return
    os.environ["OMP_THREAD_LIMIT"] = "1"
    try:
        yield
    finally:
        os.environ.pop("OMP_THREAD_LIMIT", None)


def ocr_page(page: pdfium.PdfPage, language: str, dpi: int = OCR_DPI) -> OcrResult:
    """Render one page and read it with Tesseract."""
    import pytesseract

    scale = dpi / 72.0
    image = page.render(scale=scale, grayscale=True).to_pil()
    lang = usable_language(language)
    with one_tesseract_thread():
        data = pytesseract.image_to_data(
            image, lang=lang, config="--psm 3", output_type=pytesseract.Output.DICT
        )
    words, confidences = _words(data, scale)
    mean = sum(confidences) / len(confidences) / 100.0 if confidences else 0.0
    return OcrResult(words, round(mean, 3), lang)


def _words(data: dict, scale: float) -> tuple[list[Word], list[float]]:
    """Words with their line's vertical extent, and the confidences of the kept words."""
    lines: dict[tuple[int, int, int], list[int]] = {}
    for i, text in enumerate(data["text"]):
        if text and text.strip() and float(data["conf"][i]) >= MIN_CONFIDENCE:
            key = (data["block_num"][i], data["par_num"][i], data["line_num"][i])
            lines.setdefault(key, []).append(i)
    words: list[Word] = []
    confidences: list[float] = []
    for members in lines.values():
        top = min(data["top"][i] for i in members) / scale
        bottom = max(data["top"][i] + data["height"][i] for i in members) / scale
        for i in members:
            x0 = data["left"][i] / scale
            x1 = (data["left"][i] + data["width"][i]) / scale
            words.append(Word(x0, top, x1, bottom, data["text"][i].strip(), -1))
            confidences.append(float(data["conf"][i]))
    return words, confidences
