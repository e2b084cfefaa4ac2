"""Reading order: words to line segments, column gutters, bands and column blocks.

A gutter is a vertical strip that no narrow segment crosses, with enough text on both
sides. Segments crossing a gutter (titles, wide figures) split the page into bands; inside
a band each column is read top to bottom, left column first. A band whose columns do not
sit side by side (their vertical ranges do not overlap) is read line by line instead.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable, Sequence
from operator import attrgetter

import numpy as np

from pipeline.ingest.geometry import MARK_START, Block, Box, Line, Segment, Word
from pipeline.ingest.gutters import MIN_LINES, coverage, gutter_cores, interrupted_runs, justified

SEGMENT_GAP = 0.6  # a horizontal gap wider than this many line heights ends a segment
MIN_COLUMN_SHARE = 0.18  # a column is at least this share of the text width
MIN_COLUMN_SEGMENTS = 3
MAX_COLUMNS = 4
MIN_SHORT_BESIDE = 6  # lines of the left column beside a right column of one or two lines
MAX_MARGIN_LINES = 2  # rows at the top or bottom of a page that may be its margin (see margin_lines)
MARGIN_GAP = 2.0  # ... when more than this many line heights lie between them and the rest


def build_segments(words: list[Word], bold_chars: set[int] | frozenset[int] = frozenset()) -> list[Segment]:
    """Join words that follow each other on one line with word-sized gaps."""
    if not words:
        return []
    a = np.array([(w.x0, w.top, w.x1, w.bottom) for w in words], dtype=np.float64)
    h = a[:, 3] - a[:, 1]
    low, high = np.minimum(h[:-1], h[1:]), np.maximum(h[:-1], h[1:])
    gap = a[1:, 0] - a[:-1, 2]
    same_line = np.abs(a[:-1, 1] + a[:-1, 3] - a[1:, 1] - a[1:, 3]) < np.maximum(low, 0.1)
    joins = same_line & (gap >= -0.5 * low) & (gap <= SEGMENT_GAP * high)
    starts = np.concatenate([[0], np.flatnonzero(~joins) + 1])
    ends = np.concatenate([starts[1:], [len(words)]])
    x0 = np.minimum.reduceat(a[:, 0], starts).tolist()
    top = np.minimum.reduceat(a[:, 1], starts).tolist()
    x1 = np.maximum.reduceat(a[:, 2], starts).tolist()
    bottom = np.maximum.reduceat(a[:, 3], starts).tolist()
    heights = h.tolist()
    segments = []
    for k, (s, e) in enumerate(zip(starts.tolist(), ends.tolist(), strict=True)):
        parts = words[s:e]
        text = (
            parts[0].text
            if e - s == 1
            else "".join([parts[0].text, *(w.text if w.glued else " " + w.text for w in parts[1:])])
        )
        size = sorted(heights[s:e])[(e - s) // 2]
        bold = parts[0].char in bold_chars and parts[-1].char in bold_chars
        segments.append(Segment(x0[k], top[k], x1[k], bottom[k], text, size, bold, parts[0].char))
    return segments


def find_gutters(segments: list[Segment], tables: Sequence[Box] = ()) -> list[tuple[float, float]]:
    """Vertical strips between text columns, left to right (empty for one column);
    ``tables``: the boxes of the page's ruled tables, which fill columns as text does."""
    stand_ins = [Segment(*t, MARK_START, 1.0) for t in tables]
    items = segments + stand_ins
    if len(items) < 2 * MIN_COLUMN_SEGMENTS:
        return short_right_column(segments, tables, margin_lines(items))
    left = min(s.x0 for s in items)
    right = max(s.x1 for s in items)
    width = right - left
    if width <= 0:
        return []
    narrow = [s for s in items if s.width < 0.55 * width]
    min_gap = max(3.0, 0.5 * float(np.median([s.height for s in segments]))) if segments else 3.0
    margin = margin_lines(items)
    body = [s for s in narrow if id(s) not in margin]  # a footer over the gutter does not close it
    runs = _empty_runs(body, left, right, min_gap)
    found = _accept(runs, items, narrow, left, width, min_gap)
    if not found and len(narrow) >= 4 * MIN_COLUMN_SEGMENTS:
        found = _accept(interrupted_runs(narrow, left, right, min_gap), items, narrow, left, width, min_gap)
    return found or short_right_column(segments, tables, margin)


def margin_lines(items: list[Segment]) -> set[int]:
    """The ids of the page's margin lines: up to ``MAX_MARGIN_LINES`` rows at the top or the
    bottom set apart from the rest by more than ``MARGIN_GAP`` line heights (a running
    head, a footer, a page number). A row: segments whose tops lie within half a line of
    its first one's."""
    if len(items) < 2 * MAX_MARGIN_LINES + 2:
        return set()
    heights = sorted(s.height for s in items if not s.text.startswith(MARK_START)) or [10.0]
    apart = MARGIN_GAP * heights[len(heights) // 2]
    order = np.argsort(np.fromiter((s.top for s in items), float, len(items)), kind="stable").tolist()
    head = _edge_rows((items[i] for i in order), MAX_MARGIN_LINES + 1)
    foot = _edge_rows((items[i] for i in reversed(order)), MAX_MARGIN_LINES + 1)
    if len(head) <= MAX_MARGIN_LINES or sum(map(len, head)) + sum(map(len, foot)) > len(items):
        return set()  # fewer than 2 * MAX_MARGIN_LINES + 2 rows
    first = next(
        (
            k
            for k in range(1, MAX_MARGIN_LINES + 1)
            if min(s.top for s in head[k]) - max(s.bottom for s in head[k - 1]) > apart
        ),
        0,
    )
    last = next(
        (
            k
            for k in range(1, MAX_MARGIN_LINES + 1)
            if min(s.top for s in foot[k - 1]) - max(s.bottom for s in foot[k]) > apart
        ),
        0,
    )
    return {id(s) for row in head[:first] + foot[:last] for s in row}


def _edge_rows(ordered: Iterable[Segment], n: int) -> list[list[Segment]]:
    """The first ``n`` rows of segments in the given order (by top, or reversed): a row
    takes the segments whose tops lie within half a line of its first one's."""
    rows: list[list[Segment]] = []
    for s in ordered:
        if rows and abs(s.top - rows[-1][0].top) < 0.5 * max(min(s.height, rows[-1][0].height), 1.0):
            rows[-1].append(s)
            continue
        if len(rows) == n:
            break
        rows.append([s])
    return rows


def short_right_column(
    segments: list[Segment], tables: Sequence[Box] = (), margin: set[int] | None = None
) -> list[tuple[float, float]]:
    """The gutter left of a right column too short for ``_accept``: one or two lines (the end
    of a paper), or only tables, beside a left column of text.

    The right column is what lies right of one of the two rightmost line starts or of a
    table's left edge: at most two lines and any tables, one block, at least
    ``MIN_COLUMN_SHARE`` of the text width wide. The left column is everything that ends
    before it, a column (``_column_count``) of at least ``MIN_SHORT_BESIDE`` lines and
    tables, a line height away at least; the page's margin lines (``margin_lines``) are
    in neither. The right column starts level with a line or table of the left one
    (within two line heights), in the left one's upper half, and no line or table crosses
    the gutter from there down to the left column's end (a title or intro above may). A
    short column on the left is not taken: labels beside their text ("Menimbang",
    "Mengingat") are read line by line.
    """
    items = segments + [Segment(*t, MARK_START, 1.0) for t in tables]
    if len(items) < MIN_SHORT_BESIDE + 1 or not segments:
        return []
    left, right = min(s.x0 for s in items), max(s.x1 for s in items)
    margin = margin_lines(items) if margin is None else margin
    rightmost = heapq.nlargest(2 + len(margin), segments, key=attrgetter("x0"))
    rightmost_starts = {s.x0 for s in rightmost if id(s) not in margin}
    starts = sorted(
        x
        for x in sorted(rightmost_starts)[-2:] + [t[0] for t in tables]
        if x - left >= MIN_COLUMN_SHARE * (right - left)
    )
    if not starts:
        return []
    heights = sorted(s.height for s in segments)
    height = heights[len(heights) // 2]
    body = [s for s in items if id(s) not in margin]
    for x in reversed(starts):
        gutter = _short_column_beside(x, body, (left, right), height)
        if gutter:
            return [gutter]
    return []


def _short_column_beside(
    x: float, items: list[Segment], span: tuple[float, float], height: float
) -> tuple[float, float] | None:
    """The gutter left of the items that start at ``x`` or right of it, when they form a
    short right column beside a left column (see ``short_right_column``), else None."""
    left, right = span
    width = right - left
    east = sorted((s for s in items if s.x0 >= x), key=attrgetter("top"))
    if sum(1 for s in east if not s.text.startswith(MARK_START)) >= MIN_COLUMN_SEGMENTS:
        return None  # a full right column: ``_accept`` judged it
    if max(s.x1 for s in east) - x < MIN_COLUMN_SHARE * width:
        return None
    if any(b.top - a.bottom > 2 * height for a, b in zip(east, east[1:], strict=False)):
        return None  # not one block: a page number above, a catchword below
    west = [s for s in items if s.x1 <= x]
    if len(west) < MIN_SHORT_BESIDE:
        return None
    start, top, west_bottom = east[0].top, min(s.top for s in west), max(s.bottom for s in west)
    if start - top > 0.5 * (west_bottom - top) or not any(abs(s.top - start) <= 2 * height for s in west):
        return None  # the right column does not start level with the left one's upper half
    g = (max(s.x1 for s in west), x)
    if g[1] - g[0] < height or _column_count((left, g[0]), west, width) == 0:
        return None
    mid = (g[0] + g[1]) / 2
    return None if any(s.x0 < mid < s.x1 and s.top < west_bottom and s.bottom > start for s in items) else g


def _empty_runs(
    narrow: list[Segment], left: float, right: float, min_gap: float
) -> list[tuple[float, float]]:
    """Strips that (almost) no narrow segment covers: column gutters."""
    if not narrow:
        return []
    cover, _, _ = coverage(narrow, left, right)
    tolerance = max(1, int(0.05 * len(narrow))) if len(narrow) >= 20 else 0
    return gutter_cores(cover <= tolerance, cover, left, min_gap)


def _accept(
    runs: list[tuple[float, float]],
    segments: list[Segment],
    narrow: list[Segment],
    left: float,
    width: float,
    min_gap: float,
) -> list[tuple[float, float]]:
    """Keep gutters whose columns are wide, full and many-lined, and few lines cross."""
    gutters = list(runs)
    while gutters:
        edges = [left] + [x for g in gutters for x in g] + [left + width]
        columns = [(edges[2 * i], edges[2 * i + 1]) for i in range(len(gutters) + 1)]
        counts = [_column_count(c, narrow, width) for c in columns]
        weak = [i for i, n in enumerate(counts) if n == 0]
        if not weak and min(counts) < MIN_LINES and any(justified_only(c, narrow) for c in columns):
            weak = [counts.index(min(counts))]  # justified text beside labels: one column
        if not weak:
            crossed = [
                i
                for i, g in enumerate(gutters)
                if _crossings(segments, g, narrow, (columns[i], columns[i + 1]), g[1] - g[0] >= 2 * min_gap)
                > 0.5 * min(counts[i], counts[i + 1])
            ]
            if not crossed and len(columns) <= MAX_COLUMNS:
                return gutters
            if crossed:
                gutters.pop(crossed[0])
                continue
            gutters.remove(min(gutters, key=lambda g: g[1] - g[0]))
            continue
        gutters.pop(min(weak[0], len(gutters) - 1))
    return []


def _crossings(
    segments: list[Segment],
    gutter: tuple[float, float],
    narrow: list[Segment],
    columns: tuple[tuple[float, float], tuple[float, float]],
    wide: bool,
) -> int:
    """Segments crossing the gutter; for a ``wide`` one (a line height at least) between
    columns that run side by side for ``MIN_COLUMN_SEGMENTS`` lines, only those at the
    height where both columns hold text (a title or intro above them, a footnote below,
    do not count: a narrow strip in justified text is no gutter for them to span)."""
    crossing = [s for s in segments if _crosses(s, [gutter])]
    inside = [[s for s in narrow if s.x0 >= c[0] - 1 and s.x1 <= c[1] + 1] for c in columns]
    if not wide or not all(inside):
        return len(crossing)
    top = max(min(s.top for s in column) for column in inside)
    bottom = min(max(s.bottom for s in column) for column in inside)
    beside = [[s for s in column if s.bottom > top and s.top < bottom] for column in inside]
    if min(len(b) for b in beside) < MIN_COLUMN_SEGMENTS:
        return len(crossing)  # the columns hardly run side by side
    return sum(1 for s in crossing if s.bottom > top and s.top < bottom)


def _column_count(column: tuple[float, float], narrow: list[Segment], width: float) -> int:
    """Segments inside a column, or 0 when it is too narrow, too sparse or too ragged.

    A text column is at least MIN_COLUMN_SHARE of the text width, holds several segments,
    and many of its segments are long: labels and list markers ("a.", "Menimbang") are not
    (a quarter of long lines is enough when figure labels share the column).
    """
    extent = column[1] - column[0]
    if extent < MIN_COLUMN_SHARE * width:
        return 0
    inside = [s for s in narrow if s.x0 >= column[0] - 1 and s.x1 <= column[1] + 1]
    if len(inside) < MIN_COLUMN_SEGMENTS:
        return 0
    widths = sorted(s.width for s in inside)
    n = len(widths)
    full = widths[n // 2] >= 0.3 * extent or (n >= 10 and widths[3 * n // 4] >= 0.6 * extent)
    return n if full or justified(inside, extent) else 0


def justified_only(column: tuple[float, float], narrow: list[Segment]) -> bool:
    """A column that only the justified-text rule accepts (its segments are single words)."""
    inside = [s for s in narrow if s.x0 >= column[0] - 1 and s.x1 <= column[1] + 1]
    if len(inside) < MIN_COLUMN_SEGMENTS:
        return False
    extent = column[1] - column[0]
    widths = sorted(s.width for s in inside)
    n = len(widths)
    return not (widths[n // 2] >= 0.3 * extent or (n >= 10 and widths[3 * n // 4] >= 0.6 * extent))


def reading_order(
    segments: list[Segment], gutters: list[tuple[float, float]] | None = None
) -> tuple[list[Block], int]:
    """Blocks of lines in reading order, and the number of columns used on the page
    (``gutters``: the page's, when already found by ``find_gutters``)."""
    gutters = find_gutters(segments) if gutters is None else gutters
    if not gutters:
        single = [Block(lines=group_lines(segments))] if segments else []
        return _with_extents(single), 1
    blocks: list[Block] = []
    used_columns = False
    for spanning, band in _bands(segments, gutters):
        if spanning:
            blocks.append(Block(lines=group_lines(band), column=-1))
            continue
        columns = _split_columns(band, gutters)
        if _side_by_side(columns):
            used_columns = True
            blocks.extend(Block(lines=group_lines(c), column=i) for i, c in enumerate(columns) if c)
        else:
            blocks.append(Block(lines=group_lines(band)))
    return _with_extents(blocks), (len(gutters) + 1 if used_columns else 1)


def _with_extents(blocks: list[Block]) -> list[Block]:
    kept = [b for b in blocks if b.lines]
    for b in kept:
        b.x0, b.x1 = min(ln.x0 for ln in b.lines), max(ln.x1 for ln in b.lines)
    return kept


def crosses_gutter(box: Box, gutters: Sequence[tuple[float, float]]) -> bool:
    """Whether a box (a table's) runs over the middle of any of the gutters."""
    return any(box[0] < (g[0] + g[1]) / 2 - 1.0 and box[2] > (g[0] + g[1]) / 2 + 1.0 for g in gutters)


def text_beside(box: Box, segments: list[Segment], gutters: Sequence[tuple[float, float]]) -> bool:
    """Whether a segment of the box's column lies beside it (at its height, left or right)."""
    cuts = [(g[0] + g[1]) / 2 for g in gutters]
    column = sum(1 for c in cuts if (box[0] + box[2]) / 2 > c)
    return any(
        min(s.bottom, box[3]) - max(s.top, box[1]) > 0.5 * s.height
        and (s.x1 <= box[0] or s.x0 >= box[2])
        and sum(1 for c in cuts if (s.x0 + s.x1) / 2 > c) == column
        for s in segments
    )


def _crosses(s: Segment, gutters: list[tuple[float, float]]) -> bool:
    """Whether a segment runs over the middle of a gutter."""
    return any(s.x0 < (g[0] + g[1]) / 2 - 1.0 and s.x1 > (g[0] + g[1]) / 2 + 1.0 for g in gutters)


def _bands(segments: list[Segment], gutters: list[tuple[float, float]]) -> list[tuple[bool, list[Segment]]]:
    """Runs of segments, top to bottom, that span the gutters or sit in the columns; the
    segments on one line with a spanning one span too ("G." before its heading)."""
    ordered = sorted(segments, key=lambda s: (s.top, s.x0))
    across = _rows_across(ordered, gutters)
    bands: list[tuple[bool, list[Segment]]] = []
    for s in ordered:
        spanning = id(s) in across or (bool(bands) and _ends_paragraph(bands[-1], s))
        if bands and bands[-1][0] == spanning:
            bands[-1][1].append(s)
        else:
            bands.append((spanning, [s]))
    return bands


def _rows_across(ordered: list[Segment], gutters: list[tuple[float, float]]) -> set[int]:
    """Ids of the segments that cross a gutter or share a line (middles within half a line
    height) with one that does."""
    crossing = [s for s in ordered if _crosses(s, gutters)]
    if not crossing:
        return set()
    return {
        id(s)
        for s in ordered
        if any(abs(s.middle - c.middle) < 0.5 * min(s.height, c.height) for c in crossing)
    }


def _ends_paragraph(band: tuple[bool, list[Segment]], s: Segment) -> bool:
    """A short last line right under a full-width paragraph, aligned with its left edge."""
    spanning, segs = band
    if not spanning or len(segs) < 2:
        return False
    last = max(segs, key=lambda t: t.bottom)
    left = min(t.x0 for t in segs)
    return s.top - last.bottom < 0.6 * last.height and abs(s.x0 - left) < 2.0


def _split_columns(band: list[Segment], gutters: list[tuple[float, float]]) -> list[list[Segment]]:
    cuts = [(g[0] + g[1]) / 2 for g in gutters]
    columns: list[list[Segment]] = [[] for _ in range(len(cuts) + 1)]
    for s in band:
        columns[sum(1 for c in cuts if (s.x0 + s.x1) / 2 > c)].append(s)
    return columns


def _side_by_side(columns: list[list[Segment]]) -> bool:
    """Whether the non-empty columns overlap vertically (else they are stacked blocks)."""
    filled = [c for c in columns if c]
    if len(filled) < 2:
        return False
    for a, b in zip(filled, filled[1:], strict=False):
        overlap = min(max(s.bottom for s in a), max(s.bottom for s in b)) - max(
            min(s.top for s in a), min(s.top for s in b)
        )
        if overlap < min(min(s.height for s in a), min(s.height for s in b)):
            return False
    return True


def group_lines(segments: list[Segment]) -> list[Line]:
    """Segments on the same baseline joined left to right, lines top to bottom (a stand-in
    for a sidebar or table shares its line with other stand-ins only, never with text)."""
    lines: list[list[Segment]] = []
    middle = low = 0.0
    marks = any(s.text.startswith(MARK_START) for s in segments)
    for s in sorted(segments, key=lambda s: (s.top, s.x0)):
        m, h = (s.top + s.bottom) / 2, s.bottom - s.top
        same_kind = (
            not marks
            or bool(lines)
            and (s.text.startswith(MARK_START) == lines[-1][0].text.startswith(MARK_START))
        )
        if lines and same_kind and abs(middle - m) < 0.5 * min(low, h):
            group = lines[-1]
            group.append(s)
            middle += (m - middle) / len(group)
            low = min(low, h)
        else:
            lines.append([s])
            middle, low = m, h
    return [_line(parts) for parts in lines]


def _line(parts: list[Segment]) -> Line:
    if len(parts) == 1:
        s = parts[0]
        return Line(s.x0, s.top, s.x1, s.bottom, s.text, s.size, s.bold)
    parts.sort(key=lambda s: s.x0)
    return Line(
        x0=parts[0].x0,
        top=min(p.top for p in parts),
        x1=max(p.x1 for p in parts),
        bottom=max(p.bottom for p in parts),
        text=" ".join(p.text for p in parts),
        size=max(p.size for p in parts),
        bold=all(p.bold for p in parts),
    )
