"""Sidebars and call-outs: the text of a framed or shaded box is read apart from the columns.

Reports in two columns put boxes beside or inside a column; read line across line, a box
is spliced into the paragraph next to it. A drawn box (``PageLayer.boxes``: a stroked
rectangle, or one filled with a colour) becomes a sidebar when the centres of at least
``MIN_LINES`` lines of the page's words lie in it: a one- or two-line shaded strip is a
heading bar and stays in the flow. A box holding (nearly) all of the page's words is a
frame or a background, not a sidebar; boxes inside it may still be. A box inside a ruled
table grid is one of its cells. Boxes may nest (cards on a shaded band): every word goes
to exactly one place, the smallest sidebar holding its centre, or the page's column flow.

Each sidebar is laid out on its own (its own gutters, or the page's that run through it)
into blocks marked ``boxed``, so no paragraph runs into or out of it. Where it is read:
after the page's column blocks when page text runs beside it (a sidebar next to or
inside a column), else where it stands (a panel across the page, a box between two
paragraphs), its place held in the flow by a stand-in line while the columns are read.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TypeVar

import numpy as np

from pipeline.ingest.geometry import MARK_START, Block, Box, Line, Segment, Word
from pipeline.ingest.layout import crosses_gutter, find_gutters, reading_order, text_beside

MIN_LINES = 3  # lines (its inner boxes' too) a sidebar holds; a heading bar holds one or two
MAX_WORD_SHARE = 0.85  # a box holding this share of the page's words frames the page
CONTAIN_TOLERANCE = 2.0  # points a box may stick out of the box or grid said to hold it
LINE_GAP = 0.5  # word middles further apart than this many word heights start a new line
MIN_COLUMN_LINES = 8  # a sidebar with fewer lines has no columns (justified gaps line up by chance)
MARK = "\x00sidebar "  # text of the stand-in line that holds a sidebar's place in the flow
TABLE_MARK = "\x00table "  # ... and a ruled table's (its index on the page)
_MARKS = re.compile(MARK + r"(\d+)")
_TABLE_MARKS = re.compile(TABLE_MARK + r"(\d+)")

Sidebar = tuple[Box, list[Word]]
Gutter = tuple[float, float]
T = TypeVar("T")


def split_boxed(
    words: list[Word], boxes: Sequence[Box], grids: Sequence[Box] = ()
) -> tuple[list[Word], list[Sidebar]]:
    """The words outside every sidebar, and each sidebar's box and words, content order kept.

    Sidebars come in no particular order (``order_sidebars`` puts them in reading order).
    """
    if not words or not boxes:
        return words, []
    candidates = [b for b in set(boxes) if not any(contains(g, b) for g in grids)]
    if not candidates:
        return words, []
    centres = np.array([((w.x0 + w.x1) / 2, (w.top + w.bottom) / 2) for w in words])
    heights = np.array([w.bottom - w.top for w in words])
    owner = np.full(len(words), -1)
    kept: list[Box] = []
    for box in sorted(candidates, key=lambda b: (_area(b), b)):  # inner boxes first
        inside = _centres_in(centres, box)
        count = int(inside.sum())
        if not (owner[inside] < 0).any() or count >= MAX_WORD_SHARE * len(words):
            continue
        if line_count(centres[inside, 1], heights[inside]) < MIN_LINES:
            continue
        owner[inside & (owner < 0)] = len(kept)
        kept.append(box)
    if not kept:
        return words, []
    owners = owner.tolist()
    flow = [w for w, k in zip(words, owners, strict=True) if k < 0]
    groups = [[w for w, k in zip(words, owners, strict=True) if k == i] for i in range(len(kept))]
    return flow, list(zip(kept, groups, strict=True))


def read_with_sidebars(
    segments: list[Segment],
    sidebars: list[tuple[Box, list[Segment]]],
    gutters: list[Gutter],
    tables: Sequence[Box] = (),
) -> tuple[list[Block], int]:
    """The page's blocks in reading order and its number of columns.

    A sidebar with page text beside it (in the next column, or in its own column around
    it) follows the column flow; one with nothing beside it (a panel across the page, a
    box between two paragraphs of a column) is read where it stands. A sidebar's blocks
    are ``boxed``; boxes nested in it come right after it. Each ruled table (``tables``:
    their boxes, their text already taken out of ``segments``) is read where it stands in
    its column (or its sidebar), as a block of its own (``Block.table``: its index); a
    table across a gutter, or with text beside it in its column (a paragraph around a
    small grid), is not: the paragraphs around it place it.
    """
    families = order_sidebars(sidebars, [(g[0] + g[1]) / 2 for g in gutters])
    holder = _table_holders(tables, [box for box, _ in sidebars])
    held = {box: [(k, tables[k]) for k, h in holder.items() if h == box] for box, _ in sidebars}
    read = [
        [b for box, inner in family for b in _sidebar_blocks(box, inner, gutters, held[box])]
        for family in families
    ]
    inline = [i for i, family in enumerate(families) if not _beside(family[0][0], segments)]
    marks = [
        Segment(box[0], box[1], box[2], box[1] + 1.0, f"{MARK}{i}", 1.0)
        for i in inline
        for box in [families[i][0][0]]
    ]
    flowing = [k for k, box in enumerate(tables) if k not in holder and not crosses_gutter(box, gutters)]
    marks += [
        Segment(*tables[k], f"{TABLE_MARK}{k}", 1.0)
        for k in flowing
        if not text_beside(tables[k], segments, gutters)
    ]
    blocks, columns = reading_order(segments + marks, gutters)
    if sidebars and gutters:  # a column of sidebars beside a column of text: two columns
        columns = max(columns, len(gutters) + 1)
    done: set[int] = set()
    out = [piece for b in blocks for piece in _open_marks(b, read, done)] if marks else blocks
    return out + [b for i in range(len(families)) if i not in done for b in read[i]], columns


def order_sidebars(sidebars: list[tuple[Box, T]], cuts: Sequence[float]) -> list[list[tuple[Box, T]]]:
    """Sidebars in reading order, in families: a box that lies in no other sidebar, then
    the boxes inside it. Families go by the column they start in (``cuts``: the x of the
    page's gutters), then top to bottom, left to right; so do the boxes of a family."""
    boxes = [b for b, _ in sidebars]
    parent = [_parent(i, boxes) for i in range(len(boxes))]

    def children(p: int | None) -> list[int]:
        inside = (i for i in range(len(boxes)) if parent[i] == p)
        return sorted(inside, key=lambda i: _reading_key(boxes[i], cuts))

    def family(i: int) -> list[int]:
        return [i, *(k for c in children(i) for k in family(c))]

    return [[sidebars[k] for k in family(i)] for i in children(None)]


def _table_holders(tables: Sequence[Box], boxes: list[Box]) -> dict[int, Box]:
    """For each table inside a sidebar, the smallest sidebar box holding it."""
    held: dict[int, Box] = {}
    for k, table in enumerate(tables):
        inside = [b for b in boxes if contains(b, table)]
        if inside:
            held[k] = min(inside, key=_area)
    return held


def _sidebar_blocks(
    box: Box, segments: list[Segment], page_gutters: list[Gutter], tables: list[tuple[int, Box]]
) -> list[Block]:
    """A sidebar's blocks in reading order, its tables (page index, box) where they stand."""
    marks = [Segment(*table, f"{TABLE_MARK}{k}", 1.0) for k, table in tables]
    blocks, _ = reading_order(segments + marks, sidebar_gutters(segments, box, page_gutters))
    if marks:
        blocks = [piece for b in blocks for piece in _open_marks(b, [], set())]
    for b in blocks:
        b.boxed = True
    return blocks


def _beside(box: Box, segments: list[Segment]) -> bool:
    """Whether any of the page's (flow) segments runs beside the box, at its height."""
    return any(s.top < box[3] and s.bottom > box[1] for s in segments)


def _open_marks(block: Block, read: list[list[Block]], done: set[int]) -> list[Block]:
    """A block with its marks replaced: the lines before a mark, the sidebar (or the
    sidebars side by side, whose marks share a line) or the table's block, the lines after."""
    if not any(ln.text.startswith(MARK_START) for ln in block.lines):
        return [block]
    out: list[Block] = []
    piece: list[Line] = []
    for ln in block.lines:
        if not ln.text.startswith(MARK_START):
            piece.append(ln)
            continue
        out += [_part(block, piece)] if piece else []
        for found in _MARKS.findall(ln.text):
            done.add(int(found))
            out += read[int(found)]
        out += [Block([], block.column, ln.x0, ln.x1, table=int(k)) for k in _TABLE_MARKS.findall(ln.text)]
        piece = []
    return out + ([_part(block, piece)] if piece else [])


def _part(block: Block, lines: list[Line]) -> Block:
    return Block(lines, block.column, min(ln.x0 for ln in lines), max(ln.x1 for ln in lines))


def _parent(i: int, boxes: list[Box]) -> int | None:
    """The smallest box holding box ``i`` (None: it lies in no other sidebar)."""
    area = _area(boxes[i])
    holders = [j for j, b in enumerate(boxes) if _area(b) > area and contains(b, boxes[i])]
    return min(holders, key=lambda j: (_area(boxes[j]), j), default=None)


def _reading_key(box: Box, cuts: Sequence[float]) -> tuple[int, float, float]:
    """The column of the box's left quarter (a box that sticks a little into the left
    column belongs to the right one; a page-wide band to the first), top, left edge."""
    x = box[0] + 0.25 * (box[2] - box[0])
    return sum(1 for c in cuts if x > c), box[1], box[0]


def contains(outer: Box, inner: Box, tolerance: float = CONTAIN_TOLERANCE) -> bool:
    """Whether ``inner`` lies inside ``outer`` grown by ``tolerance`` points."""
    return (
        inner[0] >= outer[0] - tolerance
        and inner[1] >= outer[1] - tolerance
        and inner[2] <= outer[2] + tolerance
        and inner[3] <= outer[3] + tolerance
    )


def line_count(middles: np.ndarray, heights: np.ndarray) -> int:
    """How many lines words with these vertical middles form (words side by side share one)."""
    if len(middles) == 0:
        return 0
    ys = np.sort(middles)
    step = LINE_GAP * max(float(np.median(heights)), 1.0)
    return 1 + int((np.diff(ys) > step).sum())


def sidebar_gutters(segments: list[Segment], box: Box, page_gutters: Sequence[Gutter]) -> list[Gutter]:
    """The gutters a sidebar is read with: its own, when it has enough lines to show any;
    else those of the page that run through it (a few stacked figures side by side)."""
    own = find_gutters(segments) if _room_for_columns(segments) else []
    return own or [g for g in page_gutters if box[0] < g[0] and g[1] < box[2]]


def _room_for_columns(segments: Sequence[Segment]) -> bool:
    """Whether a sidebar's segments form enough lines to be looked at for columns."""
    if len(segments) < MIN_COLUMN_LINES:
        return False
    middles = np.array([s.middle for s in segments])
    heights = np.array([s.height for s in segments])
    return line_count(middles, heights) >= MIN_COLUMN_LINES


def _area(box: Box) -> float:
    return (box[2] - box[0]) * (box[3] - box[1])


def _centres_in(centres: np.ndarray, box: Box) -> np.ndarray:
    x, y = centres[:, 0], centres[:, 1]
    return (x >= box[0]) & (x <= box[2]) & (y >= box[1]) & (y <= box[3])
