"""Running headers, footers and page numbers: lines repeated across pages at one place.

Only lines in the top or bottom band of a page are candidates. A candidate is furniture
when the same text (digits ignored, unless it looks like a heading) sits at about the same
height on enough pages, or when it is a page number or a catch-word (". . ." at the foot
of a page, as Indonesian regulations print the next page's first words).

Some furniture is known by its text alone, on a single page: a web address of the issuing
office in the top or bottom band (:func:`is_web_address_line`), and, anywhere on the page,
a stamp such as "SALINAN" (:func:`is_stamp`) or a glyph standing in for an electronic
signature (:func:`is_signature_glyph`).
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass

from pipeline.ingest.geometry import Block, Line
from pipeline.ingest.references import ends_in_reference
from pipeline.ingest.sections import line_heading
from pipeline.lang_data import word_set

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
_TLDS = (
    "com|org|net|edu|gov|mil|int|info|biz|io|co|id|my|sg|th|ph|vn|kh|la|mm|bn|tl|"
    "uk|au|nz|us|eu|jp|cn|kr|in|de|fr|nl|ch"
)
WEB_ADDRESS = re.compile(  # one whitespace-free token: a URL, or a bare host with a known TLD
    r"(?:https?://|www\.)[^\s/]+\.[^\s/]+(?:/\S*)?"
    rf"|(?:[a-z0-9][a-z0-9-]*\.)*[a-z0-9][a-z0-9-]+\.(?:{_TLDS})\.?(?:/\S*)?",
    re.IGNORECASE,
)
_DOI_URL = re.compile(r"doi\.org/|/doi/", re.IGNORECASE)  # the DOI is metadata, read later
_SEPARATORS = frozenset("|\u2022\u00b7-\u2013\u2014/")
STAMP_WORDS = frozenset(w.upper() for w in word_set("stamp_words"))  # in capitals only
STAMP_MAX_CHARS = 40  # "- S A L I N A N -" and the like; longer lines are text
_STAMP_TRIM = re.compile(r"[\s\-\u2013\u2014\[\]().:*]+")
SIGNATURE_MAX_CHARS = 3


@dataclass
class PageLines:
    """The lines of one page with the page height, for furniture detection."""

    number: int
    height: float
    lines: list[Line]


def in_zone(line: Line, height: float) -> str | None:
    """ "top" or "bottom" when the line lies in the page's header or footer band."""
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


def is_web_address_line(text: str) -> bool:
    """A line that is nothing but a web address ("jdih.malangkab.go.id", "www.x.go.id",
    "https://peraturan.bpk.go.id/..."), maybe beside a page number ("Page 3", "| 12").

    A DOI link is not one (it is the document's identifier), nor a number directly before
    the address ("1 https://..."): that is a footnote citing a web page.
    """
    tokens = text.split()
    hosts = {i for i, t in enumerate(tokens) if WEB_ADDRESS.fullmatch(t.rstrip(".,;"))}
    if not hosts or any(_DOI_URL.search(tokens[i]) for i in hosts):
        return False
    rest = [(i, t) for i, t in enumerate(tokens) if i not in hosts and t not in _SEPARATORS]
    if not rest:
        return True
    marker = " ".join(t for _, t in rest)
    footnote = marker.isdigit() and rest[-1][0] + 1 in hosts
    return bool(PAGE_NUMBER.match(marker)) and not footnote


def is_stamp(text: str) -> bool:
    """A line holding only a stamp word in capitals: "SALINAN" (copy), "COPY", "DRAFT",
    also letter-spaced ("S A L I N A N") or framed ("- SALINAN -"). An attestation such
    as "Salinan sesuai dengan aslinya" is a sentence, not a stamp."""
    return len(text) <= STAMP_MAX_CHARS and _STAMP_TRIM.sub("", text) in STAMP_WORDS


def is_signature_glyph(text: str) -> bool:
    """One to three characters, none a Latin letter or a digit: a glyph that stands in for
    an electronic signature (a lone Cyrillic letter, a private-use glyph, a symbol)."""
    if len(text) > 4 * SIGNATURE_MAX_CHARS:  # cheap exit for ordinary lines
        return False
    chars = [c for c in text if not c.isspace()]
    return 0 < len(chars) <= SIGNATURE_MAX_CHARS and not any(_latin_or_digit(c) for c in chars)


def _latin_or_digit(char: str) -> bool:
    return char.isdigit() or (char.isalpha() and "LATIN" in unicodedata.name(char, ""))


def is_stray_mark(text: str) -> bool:
    """A stamp or a signature glyph: furniture wherever it sits on the page."""
    return is_stamp(text) or is_signature_glyph(text)


def find_furniture(pages: list[PageLines]) -> set[tuple[int, int]]:
    """``(page number, id(line))`` pairs of the lines that are running furniture.

    Page markers in the top or bottom band, lines repeated there, web-address lines at a
    page's top or bottom edge, and stamps and signature glyphs anywhere.
    """
    stray = {(p.number, id(ln)) for p in pages for ln in p.lines if is_stray_mark(ln.text)}
    candidates = [(p, ln) for p in pages for ln in p.lines if in_zone(ln, p.height)]
    found = {
        (p.number, id(ln))
        for p, ln in candidates
        if _is_page_marker(ln, p.height) and not _ends_reference_above(ln, p.lines)
    }
    web = {(p.number, id(ln)) for p, ln in candidates if _is_web_footer(ln, p.lines)}
    threshold = _threshold(len(pages))
    if threshold is None:
        return found | stray | _at_page_edges(pages, found | web | stray)
    found |= _repeated(candidates, threshold)
    return stray | _at_page_edges(pages, found | web | stray)


def _ends_reference_above(line: Line, lines: list[Line]) -> bool:
    """Whether the line right above ``line`` ends in a cross-reference lead ("... Pasal 156
    ayat"): then a "(4)." below it is the reference's number, not a page number."""
    above = [ln for ln in lines if ln.bottom <= line.top + 1 and ln is not line]
    if not above:
        return False
    return ends_in_reference(max(above, key=lambda ln: ln.bottom).text)


def _repeated(candidates: list[tuple[PageLines, Line]], threshold: int) -> set[tuple[int, int]]:
    """Band lines whose text recurs at about the same height on ``threshold`` pages or more."""
    by_key: dict[str, list[tuple[PageLines, Line]]] = defaultdict(list)
    for p, ln in candidates:
        key = line_key(ln.text)
        if key:
            by_key[key].append((p, ln))
    found: set[tuple[int, int]] = set()
    for items in by_key.values():
        if len({p.number for p, _ in items}) >= threshold:
            found |= _repeated_at_same_height(items, threshold)
    return found


def _is_web_footer(line: Line, lines: list[Line]) -> bool:
    """A web-address line that is not a footnote (no footnote number just left of it)."""
    return is_web_address_line(line.text) and not any(_marks_footnote(m, line) for m in lines)


def _marks_footnote(mark: Line, line: Line) -> bool:
    """Whether ``mark`` is a footnote number ("1", superscript) set just left of ``line``."""
    text = mark.text.strip()
    if mark is line or not text.isdigit() or len(text) > 3:
        return False
    beside = mark.top < line.bottom and mark.bottom > line.top
    return beside and -1 <= line.x0 - mark.x1 <= line.bottom - line.top


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
    """The page's blocks without their furniture lines (blocks left empty are dropped; a
    table's block has no lines and stays)."""
    for b in blocks:
        b.lines = [ln for ln in b.lines if (page, id(ln)) not in furniture]
    return [b for b in blocks if b.lines or b.table >= 0]
