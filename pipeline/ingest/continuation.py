"""Paragraphs that continue across a page or column break, cross-references that never end a
passage, and regulation clauses kept whole with their sub-items.

Rules (each a named function with its own tests):

- ``ends_in_reference`` (``references.py``): a paragraph ending in a cross-reference lead
  ("sebagaimana dimaksud pada ayat", "Pasal 5 huruf", "ayat (1) dan") goes on after the break.
- ``continues``: the last paragraph before a page or column break and the first one after it
  are one paragraph when the first runs to the column's right edge without ending a
  sentence (or ends in a cross-reference) and the second does not start a heading, list
  item or new clause, in the same type size,
  neither of them inside a box or sidebar, with nothing (a table) between them.
- ``join_clause_items``: a clause that ends with ":" ("(2) Setiap orang wajib:") and the
  lettered or numbered items under it ("a. ...; b. ...; dan c. ...") become one passage when
  the whole fits in ``CLAUSE_MAX_CHARS``; otherwise they stay apart.

A joined paragraph keeps every part (page and box of each), so its provenance survives.
"""

from __future__ import annotations

import re

from pipeline.ingest.paragraphs import BULLETS, LIST_MARKER, SENTENCE_END, Paragraph
from pipeline.ingest.references import AYAT, ends_in_reference
from pipeline.ingest.sections import line_heading

CLAUSE_MAX_CHARS = 1500
CAPTION = re.compile(
    r"^(?:Figure|Fig\.|Table|Gambar|Tabel|Grafik|Chart|Box|Kotak|Source|Sumber)"
    r"\s*\d*[.:]?\s",
    re.IGNORECASE,
)
ITEM = re.compile(rf"^(?:[a-z][.)]|\d{{1,3}}[.)]|[{BULLETS}])\s")


def ends_sentence(text: str) -> bool:
    """Whether a paragraph's text ends a sentence (or a clause, with ":" or ";")."""
    return bool(SENTENCE_END.search(text.rstrip()))


def starts_new_unit(text: str) -> bool:
    """Whether a paragraph opens something new: a heading, list item, numbered clause or
    a caption ("Figure 3:", "Tabel 2.")."""
    t = text.lstrip()
    return bool(line_heading(t) or LIST_MARKER.match(t) or AYAT.match(t) or CAPTION.match(t))


def continues(prev: Paragraph, nxt: Paragraph) -> bool:
    """Whether ``nxt`` (first paragraph after a page or column break) carries on ``prev``."""
    if prev.kind != "text" or nxt.kind != "text" or prev.boxed or nxt.boxed:
        return False
    if CAPTION.match(prev.text):
        return False
    if not prev.lines or not nxt.lines:
        return False
    last, first = prev.all_lines[-1], nxt.lines[0]
    size = max(last.size, first.size, 1.0)
    if abs(last.size - first.size) > 0.15 * size:
        return False
    if ends_in_reference(last.text):
        return True
    return prev.fills_line(last) and not ends_sentence(last.text) and not starts_new_unit(first.text)


def join_across_breaks(items: list) -> list:
    """Items in reading order (paragraphs and tables of all pages), with every paragraph that
    continues past a page or column break merged into the one it continues. Boxes and
    sidebars (read after their page's columns) are stepped over: they stay where they are."""
    out: list = []
    open_at: int | None = None  # index in ``out`` of the last body paragraph, boxes after it
    for item in items:
        last = out[open_at] if open_at is not None else None
        if isinstance(item, Paragraph) and item.boxed:
            out.append(item)
            continue
        if (
            isinstance(item, Paragraph)
            and isinstance(last, Paragraph)
            and _at_break(last, item)
            and continues(last, item)
        ):
            last.extend(item)
            continue
        out.append(item)
        open_at = len(out) - 1 if isinstance(item, Paragraph) else None
    return out


def _at_break(prev: Paragraph, nxt: Paragraph) -> bool:
    """Whether a page or column break lies between two consecutive paragraphs."""
    return nxt.page != prev.last_page or nxt.block != prev.last_block


def join_clause_items(items: list) -> list:
    """A clause ending in ":" joined with the items under it, when the whole fits."""
    out: list = []
    i = 0
    while i < len(items):
        item = items[i]
        if isinstance(item, Paragraph) and _opens_items(item):
            j = i + 1
            while j < len(items) and _is_item(items[j]):
                j += 1
            group = items[i:j]
            if j > i + 1 and sum(len(p.text) + 1 for p in group) <= CLAUSE_MAX_CHARS:
                for p in group[1:]:
                    item.extend(p)
                out.append(item)
                i = j
                continue
        out.append(item)
        i += 1
    return out


def _opens_items(p: Paragraph) -> bool:
    """A numbered clause ("(2) ...") of body text ending with ":"."""
    text = p.text
    return p.kind == "text" and not p.boxed and bool(AYAT.match(text)) and text.rstrip().endswith(":")


def _is_item(item: object) -> bool:
    """A body-text list item that is not itself a new clause."""
    if not isinstance(item, Paragraph) or item.kind != "text" or item.boxed:
        return False
    text = item.text
    return bool(ITEM.match(text)) and not AYAT.match(text)
