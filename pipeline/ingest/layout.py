"""Reading order: words to line segments, column gutters, bands and column blocks.

A gutter is a vertical strip that no narrow segment crosses, with enough text on both
sides. Segments crossing a gutter (titles, wide figures) split the page into bands; inside
a band each column is read top to bottom, left column first. A band whose columns do not
sit side by side (their vertical ranges do not overlap) is read line by line instead.
"""

from __future__ import annotations

import numpy as np

from pipeline.ingest.geometry import Block, Line, Segment, Word
from pipeline.ingest.gutters import MIN_LINES, coverage, gutter_cores, interrupted_runs, justified

SEGMENT_GAP = 0.6  # a horizontal gap wider than this many line heights ends a segment
MIN_COLUMN_SHARE = 0.18  # a column is at least this share of the text width
MIN_COLUMN_SEGMENTS = 3
MAX_COLUMNS = 4


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
        text = parts[0].text if e - s == 1 else "".join(
            [parts[0].text, *(w.text if w.glued else " " + w.text for w in parts[1:])]
        )
        size = sorted(heights[s:e])[(e - s) // 2]
        bold = parts[0].char in bold_chars and parts[-1].char in bold_chars
        segments.append(Segment(x0[k], top[k], x1[k], bottom[k], text, size, bold, parts[0].char))
    return segments


def find_gutters(segments: list[Segment]) -> list[tuple[float, float]]:
    """Vertical strips between text columns, left to right (empty for one column)."""
    if len(segments) < 2 * MIN_COLUMN_SEGMENTS:
        return []
    left = min(s.x0 for s in segments)
    right = max(s.x1 for s in segments)
    width = right - left
    if width <= 0:
        return []
    narrow = [s for s in segments if s.width < 0.55 * width]
    min_gap = max(3.0, 0.5 * float(np.median([s.height for s in segments])))
    runs = _empty_runs(narrow, left, right, min_gap)
    found = _accept(runs, segments, narrow, left, width)
    if found or len(narrow) < 4 * MIN_COLUMN_SEGMENTS:
        return found
    return _accept(interrupted_runs(narrow, left, right, min_gap), segments, narrow, left, width)


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
    runs: list[tuple[float, float]], segments: list[Segment], narrow: list[Segment], left: float, width: float
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
                i for i, g in enumerate(gutters)
                if sum(1 for s in segments if _crosses(s, [g])) > 0.5 * min(counts[i], counts[i + 1])
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


def _column_count(column: tuple[float, float], narrow: list[Segment], width: float) -> int:
    """Segments inside a column, or 0 when it is too narrow, too sparse or too ragged.

    A text column is at least MIN_COLUMN_SHARE of the text width, holds several segments,
    and many of its segments are long: labels and list markers ("a.", "Menimbang") are not
    (a quarter of long lines is enough when figure labels share the column).
    """
    extent = column[1] - column[0]
    inside = [s for s in narrow if s.x0 >= column[0] - 1 and s.x1 <= column[1] + 1]
    if extent < MIN_COLUMN_SHARE * width or len(inside) < MIN_COLUMN_SEGMENTS:
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


def _crosses(s: Segment, gutters: list[tuple[float, float]]) -> bool:
    """Whether a segment runs over the middle of a gutter."""
    return any(s.x0 < (g[0] + g[1]) / 2 - 1.0 and s.x1 > (g[0] + g[1]) / 2 + 1.0 for g in gutters)


def _bands(segments: list[Segment], gutters: list[tuple[float, float]]) -> list[tuple[bool, list[Segment]]]:
    bands: list[tuple[bool, list[Segment]]] = []
    for s in sorted(segments, key=lambda s: (s.top, s.x0)):
        spanning = _crosses(s, gutters) or (bool(bands) and _ends_paragraph(bands[-1], s))
        if bands and bands[-1][0] == spanning:
            bands[-1][1].append(s)
        else:
            bands.append((spanning, [s]))
    return bands


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
    """Segments on the same baseline joined left to right, lines top to bottom."""
    lines: list[list[Segment]] = []
    middle = low = 0.0
    for s in sorted(segments, key=lambda s: (s.top, s.x0)):
        m, h = (s.top + s.bottom) / 2, s.bottom - s.top
        if lines and abs(middle - m) < 0.5 * min(low, h):
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
