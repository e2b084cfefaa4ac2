"""The first half of one document's processing: parse the PDF, then the language of each
passage and the document's language profile.

Needs no model, no torch and no spaCy, so a reader process can run it ahead of the
analysis (``pipeline/flows/readahead.py``); :mod:`pipeline.process` runs the rest.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from pipeline import __version__
from pipeline.ingest import read_pdf
from pipeline.langid import assign_languages, language_profile
from pipeline.records import DocumentResult

USABLE_STATUSES = ("ok", "needs_ocr")
T = TypeVar("T")


def timed(result: DocumentResult, stage: str, fn: Callable[[], T]) -> T:
    """Run ``fn`` and add its wall time to ``result.timings[stage]``."""
    started = time.perf_counter()
    value = fn()
    result.timings[stage] = result.timings.get(stage, 0.0) + time.perf_counter() - started
    return value


def usable(result: DocumentResult) -> bool:
    """Whether a read document has passages for the text stages (parsed, or parsed in part)."""
    return result.document.status in USABLE_STATUSES and bool(result.passages)


def identify_languages(result: DocumentResult) -> None:
    """Each passage's language, then the document's profile and main language, in place."""
    doc, passages = result.document, result.passages
    timed(result, "langid", lambda: assign_languages(passages))
    doc.language_profile, doc.language = language_profile(passages)


def read_document(path: Path, password: str | None = None, ocr: bool = True) -> DocumentResult:
    """Parse one PDF and identify its passages' languages (a bad file gets its status, never
    an exception)."""
    started = time.perf_counter()
    result = read_pdf(Path(path), password=password, ocr=ocr)
    result.timings["parse"] = time.perf_counter() - started
    result.document.pipeline_version = __version__
    if usable(result):
        identify_languages(result)
    return result
