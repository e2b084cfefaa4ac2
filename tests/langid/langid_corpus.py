"""Passages built at test time from the shared PDFs and seed texts (nothing is copied).

The labelled sample in ``data/labels_sample.tsv`` stores only (file, key, gold language):
the key is :func:`passage_key`, a sha1 of the normalised passage text, so the test can find
each labelled passage again by rebuilding passages with :func:`document_passages`.

Passages are built the way a PDF reader sees a page: lines are joined into a paragraph until
one ends a sentence; a line under 40 characters that starts no paragraph (a heading, a table
cell, a list item) stands alone. Only a few pages per PDF are read (the first, then a seeded
choice) to keep the test small.
"""

from __future__ import annotations

import hashlib
import random
import re
import unicodedata
from collections.abc import Iterator
from pathlib import Path

import pypdfium2

PAGES_PER_PDF = 6
SHORT = 40
_SENTENCE_END = re.compile(r"[.:;?!]\)?$")


def normalise(text: str) -> str:
    """NFC, single spaces, stripped: the form the keys are computed on."""
    return " ".join(unicodedata.normalize("NFC", text).split())


def passage_key(text: str) -> str:
    """A 16-hex sha1 of the normalised text (the label file's key)."""
    return hashlib.sha1(normalise(text).encode("utf-8")).hexdigest()[:16]


def split_passages(text: str) -> list[str]:
    """Split a page (or a plain text) into paragraphs and short stand-alone lines."""
    lines = [ln.strip() for ln in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    out: list[str] = []
    buf: list[str] = []
    for line in lines:
        if not line:
            if buf:
                out.append(" ".join(buf))
                buf = []
            continue
        if len(line) < SHORT and not buf:
            out.append(line)
            continue
        buf.append(line)
        if _SENTENCE_END.search(line) or len(line) < SHORT:
            out.append(" ".join(buf))
            buf = []
    if buf:
        out.append(" ".join(buf))
    return [normalise(p) for p in out if normalise(p)]


def chosen_pages(name: str, count: int, k: int = PAGES_PER_PDF) -> list[int]:
    """The first page and a seeded choice of others (all pages of a short PDF)."""
    if count <= k:
        return list(range(count))
    rng = random.Random(name)
    return sorted({0, *rng.sample(range(1, count), k - 1)})


def _pdf_page_texts(path: Path) -> Iterator[tuple[int, str]]:
    pdf = pypdfium2.PdfDocument(str(path))
    try:
        for number in chosen_pages(path.name, len(pdf)):
            page = pdf[number]
            textpage = page.get_textpage()
            yield number, textpage.get_text_range()
            textpage.close()
            page.close()
    finally:
        pdf.close()


def document_passages(path: Path) -> list[tuple[int, str]]:
    """(page index, passage text) in reading order for one PDF or seed ``.txt``."""
    if path.suffix == ".txt":
        return [(0, p) for p in split_passages(path.read_text(encoding="utf-8", errors="replace"))]
    out: list[tuple[int, str]] = []
    for number, text in _pdf_page_texts(path):
        out.extend((number, p) for p in split_passages(text))
    return out


def shared_documents(corpus_dir: Path, seeds_dir: Path) -> list[Path]:
    """The corpus PDFs and the seed texts, sorted by name."""
    return sorted(corpus_dir.glob("*.pdf")) + sorted(seeds_dir.glob("*.txt"))
