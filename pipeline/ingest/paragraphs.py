"""Paragraphs and headings from the lines of each block, in reading order.

A paragraph ends at a wide vertical gap, a change of font size, a list marker, a short
line ending a sentence, or a first-line indent; headings (by pattern, number or style)
stand alone. Paragraphs never cross a block, so never cross a column.
"""

from __future__ import annotations

import re
import statistics
from dataclasses import dataclass, field

from pipeline.ingest.geometry import Block, Box, Line, union
from pipeline.ingest.references import ends_in_reference
from pipeline.ingest.sections import (
    CHAPTER_LIKE,
    Heading,
    line_heading,
    numbered_heading,
    styled_heading,
)
from pipeline.ingest.text import clean_line, join_lines

BULLETS = (  # dashes, dots, squares, arrows and ticks; U+F0B7/U+F0D8: Symbol-font bullet and arrow
    "-\u2013\u2022\u25aa\u25cf\u25cb\u25e6\u2023\u00b7*\u25a0\u25a1\u25ba\u2756\u27a2\u27a4\u2713\uf0b7\uf0d8"
)
LIST_MARKER = re.compile(
    r"^(?:\(?\d{1,3}[.)]|\(?[a-z][.)]|\([ivx]{1,4}\)|[ivx]{1,4}\.)(?=\s)"
    rf"|^[{BULLETS}]\s"
)
SENTENCE_END = re.compile(r"[.!?:;]['\u2019\u201d)\]]?$")
WIDE_GAP = 2.0  # a gap of more than two line heights ends a paragraph, however regular (a
# column of one-line paragraphs with tables between them has nothing but such gaps)


@dataclass
class Paragraph:
    """A paragraph or heading of one page, before it becomes a passage; ``more`` holds the
    parts joined to it (its continuation after a page or column break, a clause's items)."""

    page: int
    lines: list[Line] = field(default_factory=list)
    heading: Heading | None = None
    kind: str = "text"
    block: int = 0
    right: float = 0.0  # right edge of the block (column) the paragraph sits in
    boxed: bool = False  # inside a framed or shaded box or sidebar
    more: list[Paragraph] = field(default_factory=list)

    @property
    def pieces(self) -> list[Paragraph]:
        """This paragraph and the parts joined to it, in reading order."""
        return [self, *self.more]

    @property
    def all_lines(self) -> list[Line]:
        """Every line of every piece."""
        if not self.more:
            return self.lines
        return [ln for piece in self.pieces for ln in piece.lines]

    @property
    def text(self) -> str:
        """The paragraph text with hyphenation resolved (all pieces)."""
        return join_lines([ln.text for ln in self.all_lines])

    @property
    def bbox(self) -> Box:
        """Union of the line boxes of the first piece (its page)."""
        return union([(ln.x0, ln.top, ln.x1, ln.bottom) for ln in self.lines])

    @property
    def last_page(self) -> int:
        """The page of the last piece."""
        return self.pieces[-1].page

    @property
    def last_block(self) -> int:
        """The block (column) of the last piece."""
        return self.pieces[-1].block

    def extend(self, other: Paragraph) -> None:
        """Join ``other`` (and whatever was joined to it) after this paragraph."""
        self.more.extend(other.pieces)
        other.more = []

    def fills_line(self, line: Line) -> bool:
        """Whether ``line`` runs to the right edge of the last piece's column."""
        return self.pieces[-1].right <= 0 or line.x1 >= self.pieces[-1].right - 2 * line.size

    def parts(self) -> list[tuple[int, Box, int]]:
        """(page, box, start) of each page-and-column stretch of the paragraph; ``start`` is
        the offset in ``text`` where the stretch begins."""
        groups: list[tuple[int, int, list[Line]]] = []
        for piece in self.pieces:
            if groups and groups[-1][0] == piece.page and groups[-1][1] == piece.block:
                groups[-1][2].extend(piece.lines)
            else:
                groups.append((piece.page, piece.block, list(piece.lines)))
        out: list[tuple[int, Box, int]] = []
        before: list[str] = []
        for page, _, lines in groups:
            out.append(
                (page, union([(ln.x0, ln.top, ln.x1, ln.bottom) for ln in lines]), _offset_after(before))
            )
            before += [ln.text for ln in lines]
        return out


def _offset_after(lines: list[str]) -> int:
    """Where text that follows ``lines`` starts in the joined text (0 when none)."""
    if not lines:
        return 0
    return len(join_lines(lines)) + 1


def body_size(blocks: list[Block]) -> float:
    """The most common line size of the page (weighted by text length)."""
    sizes: dict[float, int] = {}
    for b in blocks:
        for ln in b.lines:
            key = round(ln.size * 2) / 2
            sizes[key] = sizes.get(key, 0) + len(ln.text)
    return max(sizes, key=lambda k: sizes[k]) if sizes else 10.0


def page_paragraphs(blocks: list[Block], page: int, body: float) -> list[Paragraph]:
    """Paragraphs and headings of one page, block after block."""
    out: list[Paragraph] = []
    for k, block in enumerate(blocks):
        paragraphs = _block_paragraphs(block, page, body)
        for p in paragraphs:
            p.block, p.right, p.boxed = k, block.x1, getattr(block, "boxed", False)
        out.extend(paragraphs)
    return _merge_heading_titles(out)


def _block_paragraphs(block: Block, page: int, body: float) -> list[Paragraph]:
    lines = [ln for ln in block.lines if _clean(ln)]
    out: list[Paragraph] = []
    current = Paragraph(page)
    typical = _typical_gap(lines)
    skip_until = -1
    for i, ln in enumerate(lines):
        if i <= skip_until:
            continue
        nxt = lines[i + 1] if i + 1 < len(lines) else None
        heading = _heading(ln, body, current.lines[-1] if current.lines else None, nxt)
        if heading and not heading.inline:
            _flush(out, current)
            wrapped = _wrapped_heading_lines(lines, i)
            skip_until = i + len(wrapped) - 1
            out.append(Paragraph(page, wrapped, heading, "heading"))
            current = Paragraph(page)
            continue
        if current.lines and (heading or _breaks(current, ln, block, typical)):
            _flush(out, current)
            current = Paragraph(page)
        if heading:
            current.heading = heading
        current.lines.append(ln)
    _flush(out, current)
    return out


def _wrapped_heading_lines(lines: list[Line], i: int) -> list[Line]:
    """A heading line with the lines that continue it (same style, right below, short)."""
    group = [lines[i]]
    for nxt in lines[i + 1 : i + 3]:
        last = group[-1]
        if (
            nxt.bold == last.bold
            and abs(nxt.size - last.size) < 0.15 * max(nxt.size, last.size)
            and -0.2 * nxt.size <= nxt.top - last.bottom < 0.6 * nxt.size
            and len(nxt.text) <= 100
            and not SENTENCE_END.search(last.text)
            and line_heading(nxt.text) is None
            and line_heading(last.text) is None
            and (last.bold or last.text.isupper() == nxt.text.isupper() and last.size > nxt.size - 0.5)
            and _heading_style(last)
        ):
            group.append(nxt)
        else:
            break
    return group


def _heading_style(ln: Line) -> bool:
    return ln.bold or ln.text.isupper()


def _clean(ln: Line) -> bool:
    ln.text = clean_line(ln.text)
    return bool(ln.text)


def _flush(out: list[Paragraph], current: Paragraph) -> None:
    if current.lines:
        out.append(current)


def _typical_gap(lines: list[Line]) -> float:
    gaps = [b.top - a.bottom for a, b in zip(lines, lines[1:], strict=False) if b.top > a.top]
    return max(0.0, statistics.median(gaps)) if len(gaps) >= 2 else 0.0


def _heading(ln: Line, body: float, prev: Line | None, nxt: Line | None) -> Heading | None:
    if prev is not None and ends_in_reference(prev.text):
        return None  # "... sebagaimana dimaksud dalam" | "Pasal 5" is a reference, not a heading
    found = line_heading(ln.text)
    if found:
        return found
    ratio = ln.size / body if body else 1.0
    apart = _stands_apart(ln, prev) and _stands_apart(ln, nxt)
    emphasised = ln.bold or ratio >= 1.08 or (ln.text.isupper() and len(ln.text) > 3)
    found = numbered_heading(ln.text, emphasised and apart)
    if found:
        return found
    if ratio >= 1.25:
        return styled_heading(ln.text, ratio, ln.bold)
    return styled_heading(ln.text, ratio, ln.bold) if apart else None


def _stands_apart(ln: Line, other: Line | None) -> bool:
    """Whether a neighbouring line differs in style or is far enough to be another block."""
    if other is None:
        return True
    h = max(ln.size, other.size)
    gap = max(other.top - ln.bottom, ln.top - other.bottom)
    return (
        gap > 0.5 * h
        or abs(other.size - ln.size) > 0.1 * h
        or other.bold != ln.bold
        or (ln.text.isupper() != other.text.isupper())
    )


def _breaks(current: Paragraph, ln: Line, block: Block, typical: float) -> bool:
    prev = current.lines[-1]
    h = max(prev.size, ln.size)
    gap = ln.top - prev.bottom
    if gap > typical + 0.45 * h or gap > WIDE_GAP * h or ln.top < prev.top - 0.5 * h:
        return True
    if abs(ln.size - prev.size) > 0.15 * h:
        return True
    if ends_in_reference(prev.text):
        return False  # "... dimaksud pada ayat" | "(1) ...": the reference goes on
    if LIST_MARKER.match(ln.text):
        return True
    width = max(block.x1 - block.x0, 1.0)
    short = prev.x1 < block.x1 - max(0.12 * width, 1.5 * h)
    if short and SENTENCE_END.search(prev.text):
        return True
    indented = ln.x0 > prev.x0 + 0.8 * h and ln.x0 < block.x0 + 4 * h
    if indented and short and prev.x0 <= block.x0 + 0.5 * h:
        return True
    full = prev.x1 >= block.x1 - 2 * h
    return indented and full and not LIST_MARKER.match(current.lines[0].text) and len(current.lines) > 1


def _merge_heading_titles(paras: list[Paragraph]) -> list[Paragraph]:
    """Join "BAB I" with its title line ("KETENTUAN UMUM"), and wrapped styled headings."""
    out: list[Paragraph] = []
    for p in paras:
        last = out[-1] if out else None
        if last and last.kind == "heading" and _continues_heading(last, p):
            last.lines.extend(p.lines)
            assert last.heading is not None
            last.heading = Heading(last.text, last.heading.level)
            continue
        out.append(p)
    return out


def _continues_heading(last: Paragraph, p: Paragraph) -> bool:
    assert last.heading is not None
    if p.block != last.block and p.lines[0].top < last.lines[-1].top:
        return False  # the head of the next column, not the heading's next line
    text = join_lines([ln.text for ln in p.lines])
    if len(text) > 120 or SENTENCE_END.search(text) or LIST_MARKER.match(text):
        return False
    close = p.lines[0].top - last.lines[-1].bottom < 2.5 * p.lines[0].size
    if CHAPTER_LIKE.match(last.text) and len(last.lines) == 1:
        return close and line_heading(text) is None and text[:1].isupper() and len(text) <= 100
    same_style = p.kind == "heading" and p.heading is not None and line_heading(text) is None
    return (
        same_style
        and line_heading(last.text) is None
        and abs(p.lines[0].size - last.lines[-1].size) < 0.5
        and p.lines[0].top - last.lines[-1].bottom < 0.6 * p.lines[0].size
    )
