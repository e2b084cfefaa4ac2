"""Helpers for gutter finding that look at whole lines and at vertical stretches.

Justified text spreads its words so far apart that one line of a column becomes several
segments; ``justified`` measures a column by its lines instead. A figure with callouts,
or a few captions, may cross the gutter of the columns above or below them: a strip that
no segment crosses over a long vertical stretch is still a gutter (``interrupted_runs``);
the segments crossing it become bands of their own in the reading order.
"""

from __future__ import annotations

import bisect
import functools

import numpy as np

from pipeline.ingest.geometry import Segment

WORD_SPACE = 3.0  # segments of one line closer than this many line heights are one line
MIN_STRETCH = 0.5  # share of the narrow segments that must lie beside an interrupted gutter
MIN_LINES = 8  # a justified column has at least this many full lines
MIN_WORDS = 4  # ... each with at least this many words


def line_widths(segments: list[Segment]) -> list[tuple[float, int]]:
    """Width and word count of each line the segments form (same middle, word-spaced)."""
    if not segments:
        return []
    rows = sorted(((s.top + s.bottom) / 2, s.x0, s.x1, s.bottom - s.top, s.text) for s in segments)
    lines: list[tuple[float, int]] = []
    middle, x0, x1, height, text = rows[0]
    last_x1, last_h, words = x1, height, _words(text)
    for m, sx0, sx1, h, text in rows[1:]:
        same = abs(m - middle) < 0.5 * min(height, h)
        if same and sx0 - last_x1 <= WORD_SPACE * max(h, last_h):
            x0, x1, words = min(x0, sx0), max(x1, sx1), words + _words(text)
            if sx1 > last_x1:
                last_x1, last_h = sx1, h
            continue
        lines.append((x1 - x0, words))
        middle, x0, x1, height = m, sx0, sx1, h
        last_x1, last_h, words = sx1, h, _words(text)
    lines.append((x1 - x0, words))
    return lines


def justified(segments: list[Segment], extent: float) -> bool:
    """Whether the segments are a justified text column: many worded lines of one width.

    Wide word spaces split each line of justified text into several segments; its lines
    still share one width (both edges aligned) near the column's width, and hold words,
    unlike a column of labels or of dot leaders.
    """
    lines = line_widths(segments)
    worded = sorted(w for w, n in lines if n >= MIN_WORDS)
    if len(worded) < MIN_LINES:
        return False
    common = max(worded, key=lambda w: _within(worded, w, 0.03 * w))
    aligned = sum(1 for w in worded if abs(w - common) <= 0.05 * common)
    return common >= 0.5 * extent and aligned >= max(MIN_LINES, 0.3 * len(lines))


def _within(ordered: list[float], w: float, slack: float) -> int:
    """How many values of the sorted list lie within ``slack`` of ``w``."""
    return bisect.bisect_right(ordered, w + slack) - bisect.bisect_left(ordered, w - slack)


@functools.lru_cache(maxsize=1 << 16)
def _words(text: str) -> int:
    return sum(1 for t in text.split() if any(c.isalnum() for c in t))


def coverage(narrow: list[Segment], left: float, right: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per 1-pt bin from ``left`` to ``right``: how many segments cover it; and each segment's bins.

    Returns (cover, first bin, end bin) with one row per segment in the order given.
    """
    bins = int(right - left) + 2
    spans = np.array([(s.x0, s.x1) for s in narrow]) - left
    a = np.clip(spans[:, 0].astype(np.int64), 0, bins - 1)
    b = np.clip(np.maximum(np.ceil(spans[:, 1]).astype(np.int64), a + 1), 0, bins)
    delta = np.zeros(bins + 1, dtype=np.int32)
    np.add.at(delta, a, 1)
    np.add.at(delta, b, -1)
    return np.cumsum(delta)[:bins], a, b


def gutter_cores(
    empty: np.ndarray, cover: np.ndarray, left: float, min_gap: float
) -> list[tuple[float, float]]:
    """The gutters in the runs of empty bins: wide enough, not at the page edge, cores only."""
    bins = len(cover)
    diff = np.diff(np.concatenate([[0], empty.astype(np.int8), [0]]))
    starts, ends = np.flatnonzero(diff == 1), np.flatnonzero(diff == -1)
    return [
        _core(cover, left, s, e)
        for s, e in zip(starts.tolist(), ends.tolist(), strict=True)
        if s > 0 and e < bins - 1 and e - s >= min_gap
    ]


def interrupted_runs(
    narrow: list[Segment], left: float, right: float, min_gap: float
) -> list[tuple[float, float]]:
    """Empty strips over a long stretch of lines, though a few lines elsewhere cross them."""
    n = len(narrow)
    ordered = sorted(narrow, key=lambda s: s.top)
    cover, a, b = coverage(ordered, left, right)
    need = int(np.ceil(MIN_STRETCH * n))
    if cover[1:-1].min(initial=n) > n - need:  # no strip can have enough lines beside it
        return []
    xs = np.arange(len(cover))
    crossing = (xs >= a[:, None]) & (xs < b[:, None])
    rows = np.arange(n)[:, None]
    last = np.maximum.accumulate(np.where(crossing, rows, -1), axis=0)
    longest = (rows - last).max(axis=0)
    return gutter_cores(longest >= need, cover, left, min_gap)


def _core(cover: np.ndarray, left: float, a: int, b: int) -> tuple[float, float]:
    """The least-covered stretch of a run: the gutter proper, without ragged line ends."""
    low = cover[a:b].min()
    inside = np.flatnonzero(cover[a:b] == low)
    return left + a + float(inside[0]), left + a + float(inside[-1]) + 1.0
