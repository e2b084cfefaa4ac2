"""Running headers, footers and page numbers: lines repeated across pages at one place.

Only lines in the top or bottom band of a page are candidates. A candidate is furniture
when the same text (digits ignored, unless it looks like a heading) sits at about the same
height on enough pages, or when it is a page number or a catch-word (". . ." at the foot
of a page, as Indonesian regulations print the next page's first words).
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from dataclasses import dataclass

from pipeline.ingest.geometry import Block, Line
from pipeline.ingest.sections import line_heading

ZONE = 0.25  # share of the page height, top and bottom, where furniture may sit (edges only)
Y_TOLERANCE = 3.0
MAX_EDGE_LINES = 4  # running headers and footers are a few lines at most
PAGE_NUMBER = re.compile(
    r"^[-\u2013\u2014(\[ ]*(?:(?:page|halaman|hal\.?|p\.)\s*)?"
    r"(?:\d{1,5}|[ivxlc]{1,6})(?:\s*(?:/|of|dari|from)\s*\d{1,5})?[-\u2013\u2014)\] .]*$",
    re.IGNORECASE,
)
CATCHWORD = re.compile(r"(?:\.\s?){3,}\s*$|\u2026\s*$")
_DOTTED_NUMBER = re.compile(r"^(?:\d{1,2}\.)+\d{0,2}\s+\S")  # "3. Results", "2.1 Data"
_NOT_LETTERS = re.compile(r"[^\w]+|[\d_]+")
_SPACE = re.compile(r"\s+")


@dataclass
class PageLines:
    """The lines of one page with the page height, for furniture detection."""

    number: int
    height: float
    lines: list[Line]


def in_zone(line: Line, height: float) -> str | None:
    """"top" or "bottom" when the line lies in the page's header or footer band."""
    if line.bottom <= ZONE * height:
        return "top"
    if line.top >= (1 - ZONE) * height:
        return "bottom"
    return None


def line_key(text: str) -> str:
    """Text compared across pages: lower-case letters only, digits and punctuation dropped
    (digits kept for heading-like lines such as "Pasal 5", which must not repeat)."""
    t = _SPACE.sub(" ", text.strip().lower())
    if line_heading(text) or _DOTTED_NUMBER.match(text.strip()):
        return t
    return " ".join(_NOT_LETTERS.sub(" ", t).split())


def find_furniture(pages: list[PageLines]) -> set[tuple[int, int]]:
    """``(page number, id(line))`` pairs of the lines that are running furniture."""
    candidates = [(p, ln) for p in pages for ln in p.lines if in_zone(ln, p.height)]
    found = {(p.number, id(ln)) for p, ln in candidates if _is_page_marker(ln, p.height)}
    threshold = _threshold(len(pages))
    if threshold is None:
        return found
    by_key: dict[str, list[tuple[PageLines, Line]]] = defaultdict(list)
    for p, ln in candidates:
        key = line_key(ln.text)
        if key:
            by_key[key].append((p, ln))
    for items in by_key.values():
        if len({p.number for p, _ in items}) >= threshold:
            found |= _repeated_at_same_height(items, threshold)
    return _at_page_edges(pages, found)


def _at_page_edges(pages: list[PageLines], found: set[tuple[int, int]]) -> set[tuple[int, int]]:
    """Keep furniture only at the very top or bottom of a page, set apart from the body.

    The lines above the first body line (and below the last) must all be furniture, with
    a visible gap to the body: a repeated line that runs on into a paragraph is text.
    """
    kept: set[tuple[int, int]] = set()
    for p in pages:
        ordered = sorted(p.lines, key=lambda ln: ln.top)
        for run in (ordered, ordered[::-1]):
            cut = 0  # furniture = run[:cut], up to the last line set apart from the next
            for k, ln in enumerate(run[:MAX_EDGE_LINES]):
                if (p.number, id(ln)) not in found:
                    break
                if _set_apart(ln, run[k + 1] if k + 1 < len(run) else None):
                    cut = k + 1
            kept |= {(p.number, id(ln)) for ln in run[:cut]}
    return kept


def _set_apart(last: Line, body: Line | None) -> bool:
    if body is None:
        return True
    gap = max(body.top - last.bottom, last.top - body.bottom)
    return gap > 0.3 * max(last.bottom - last.top, body.bottom - body.top)


def _threshold(n_pages: int) -> int | None:
    if n_pages < 3:
        return None
    return max(2, math.ceil(0.3 * n_pages)) if n_pages < 10 else max(3, math.ceil(0.2 * n_pages))


def _is_page_marker(line: Line, height: float) -> bool:
    text = line.text.strip()
    if PAGE_NUMBER.match(text):
        return True
    return in_zone(line, height) == "bottom" and bool(CATCHWORD.search(text)) and len(text) < 80


def _repeated_at_same_height(items: list[tuple[PageLines, Line]], threshold: int) -> set[tuple[int, int]]:
    """Lines whose height on the page agrees with enough others (one per page counted)."""
    items = sorted(items, key=lambda it: it[1].top)
    found: set[tuple[int, int]] = set()
    for i, (_, anchor) in enumerate(items):
        group = [it for it in items[i:] if it[1].top - anchor.top <= 2 * Y_TOLERANCE]
        if len({p.number for p, _ in group}) >= threshold:
            found |= {(p.number, id(ln)) for p, ln in group}
    return found


def drop_furniture(blocks: list[Block], page: int, furniture: set[tuple[int, int]]) -> list[Block]:
    """The page's blocks without their furniture lines (blocks left empty are dropped)."""
    for b in blocks:
        b.lines = [ln for ln in b.lines if (page, id(ln)) not in furniture]
    return [b for b in blocks if b.lines]
