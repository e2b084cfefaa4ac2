"""Words of a pdfium text page: boxes from the first and last character of each word.

Characters come from the pdfium text page (one ctypes call per word end for its loose box,
the rest is numpy); rotated one-character words are dropped; split ligatures are glued.
"""

from __future__ import annotations

import ctypes
from _ctypes import CFuncPtr
from collections.abc import Callable

import numpy as np
import pypdfium2 as pdfium
import pypdfium2.raw as raw

from pipeline.ingest.geometry import Word

Transform = Callable[[float, float], tuple[float, float]]
SPACE_CODES = np.array([9, 10, 13, 32, 0xA0, 0x3000, 0xFEFF, *range(0x2000, 0x200C)], np.uint32)


def page_text(textpage: pdfium.PdfTextPage) -> str:
    """The text page's characters, one string item per character index."""
    count = textpage.count_chars()
    text = textpage.get_text_range() if count > 0 else ""
    if len(text) != count:  # rare: surrogates or dropped characters; go char by char
        text = "".join(chr(raw.FPDFText_GetUnicode(textpage, i) or 0xFFFD) for i in range(count))
    return text


def page_words(textpage: pdfium.PdfTextPage, to_display: Transform, rotation: int = 0) -> list[Word]:
    """Words of the page in content-stream order, split at spaces, gaps and line changes.

    A word's box is the union of its first and last character boxes (two pdfium calls per
    word); a word whose box is too wide or tall for its length is re-split by every box.
    """
    text = page_text(textpage)
    if not text:
        return []
    codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    is_space = np.isin(codes, SPACE_CODES)
    edges = np.diff(np.concatenate([[1], is_space.astype(np.int8), [1]]))
    starts, ends = np.flatnonzero(edges == -1), np.flatnonzero(edges == 1)
    if len(starts) == 0:
        return []
    first = _char_boxes(textpage, starts, to_display)
    last = first.copy()
    longer = ends - starts > 1
    last[longer] = _char_boxes(textpage, ends[longer] - 1, to_display)
    boxes = _union_boxes(first, last)
    odd = _suspicious(boxes, first, last, ends - starts)
    drawn = (boxes[:, 2] > boxes[:, 0]) | (boxes[:, 3] > boxes[:, 1])
    visible = drawn & ~_rotated(textpage, starts, ends, rotation)
    words = [
        Word(b[0], b[1], b[2], b[3], text[s:e], s)
        for b, s, e in zip(
            boxes[visible & ~odd].tolist(),
            starts[visible & ~odd].tolist(),
            ends[visible & ~odd].tolist(),
            strict=True,
        )
    ]
    if odd.any():
        extra = _resplit(textpage, text, starts[odd], ends[odd], to_display)
        single = np.array([w.char for w in extra if len(w.text) == 1], dtype=np.int64)
        tilted = set(single[_rotated(textpage, single, single + 1, rotation)].tolist())
        words.extend(w for w in extra if not (len(w.text) == 1 and w.char in tilted))
        words.sort(key=lambda w: w.char)
    return words


def word_array(words: list[Word]) -> np.ndarray:
    return np.array([(w.x0, w.top, w.x1, w.bottom) for w in words], dtype=np.float64).reshape(-1, 4)


def mark_glued(textpage: pdfium.PdfTextPage, words: list[Word], a: np.ndarray, to_display: Transform) -> None:
    """Flag words that touch the previous one with no visible space between.

    A split ligature ("defi nition", "Th e") comes with a space that pdfium generated or
    whose box lies inside the previous glyph; a real space advances past it.
    """
    if len(words) < 2:
        return
    h = np.maximum(a[1:, 3] - a[1:, 1], a[:-1, 3] - a[:-1, 1])
    gap = a[1:, 0] - a[:-1, 2]
    near = (gap >= -0.3 * h) & (gap <= 0.12 * h) & (np.abs(a[1:, 1] - a[:-1, 1]) <= 0.3 * h)
    handle = textpage.raw
    for k in np.flatnonzero(near).tolist():
        prev, cur = words[k], words[k + 1]
        between = np.arange(prev.char + len(prev.text), cur.char)
        if len(between) == 0 or len(between) > 3:
            continue
        boxes = _char_boxes(textpage, between, to_display)
        generated = [raw.FPDFText_IsGenerated(handle, int(i)) == 1 for i in between]
        inside = boxes[:, 2] <= prev.x1 + 0.2
        if all(g or bool(i) for g, i in zip(generated, inside, strict=True)):
            cur.glued = True


def _union_boxes(first: np.ndarray, last: np.ndarray) -> np.ndarray:
    empty_first = (first[:, 2] <= first[:, 0]) & (first[:, 3] <= first[:, 1])
    empty_last = (last[:, 2] <= last[:, 0]) & (last[:, 3] <= last[:, 1])
    first = np.where(empty_first[:, None], last, first)
    last = np.where(empty_last[:, None], first, last)
    return np.concatenate([np.minimum(first[:, :2], last[:, :2]), np.maximum(first[:, 2:], last[:, 2:])], 1)


def _suspicious(boxes: np.ndarray, first: np.ndarray, last: np.ndarray, lengths: np.ndarray) -> np.ndarray:
    """Words spanning two lines, or wider than their characters can be (a hidden gap)."""
    h = np.maximum(np.maximum(first[:, 3] - first[:, 1], last[:, 3] - last[:, 1]), 0.1)
    tall = (boxes[:, 3] - boxes[:, 1]) > 1.6 * h
    wide = (boxes[:, 2] - boxes[:, 0]) > 1.2 * h * lengths + 2.0
    return (tall | wide) & (lengths > 1)


def _resplit(
    textpage: pdfium.PdfTextPage, text: str, starts: np.ndarray, ends: np.ndarray, to_display: Transform
) -> list[Word]:
    """Split words by the box of every character (all the odd words in one pass)."""
    index = np.concatenate([np.arange(s, e) for s, e in zip(starts.tolist(), ends.tolist(), strict=True)])
    token = np.repeat(np.arange(len(starts)), ends - starts)
    boxes = _char_boxes(textpage, index, to_display)
    keep = (boxes[:, 2] > boxes[:, 0]) | (boxes[:, 3] > boxes[:, 1])
    index, boxes, token = index[keep], boxes[keep], token[keep]
    if len(index) == 0:
        return []
    word_starts = _word_starts(boxes, token)
    chars = "".join(text[i] for i in index.tolist())
    return _words_from_runs(boxes, chars, index, word_starts)


def function_address(function: CFuncPtr) -> int:
    """The address of a pdfium function, to bind it with a bare ``ctypes.CFUNCTYPE``."""
    address = ctypes.cast(function, ctypes.c_void_p).value
    if address is None:  # never: pdfium's functions are resolved when the library loads
        raise ImportError(f"pdfium function {function!r} has no address")
    return address


# The hot call, bound without ctypes argument conversion (a third faster per character).
_LOOSE_BOX = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_void_p, ctypes.c_int, ctypes.c_void_p)(
    function_address(raw.FPDFText_GetLooseCharBox)
)


def _char_boxes(textpage: pdfium.PdfTextPage, index: np.ndarray, to_display: Transform) -> np.ndarray:
    """Loose boxes of the given characters, as display boxes ``(x0, top, x1, bottom)``."""
    rect = raw.FS_RECTF()
    address = ctypes.addressof(rect)
    handle = ctypes.cast(textpage.raw, ctypes.c_void_p).value
    get_box = _LOOSE_BOX
    values: list[float] = []
    extend = values.extend
    for i in index.tolist():
        if get_box(handle, i, address):
            extend((rect.left, rect.bottom, rect.right, rect.top))
        else:
            extend((0.0, 0.0, 0.0, 0.0))
    user = np.array(values, dtype=np.float64).reshape(-1, 4)
    if len(user) == 0:
        return np.zeros((0, 4))
    ax, ay = _apply(to_display, user[:, 0], user[:, 1])
    bx, by = _apply(to_display, user[:, 2], user[:, 3])
    return np.stack([np.minimum(ax, bx), np.minimum(ay, by), np.maximum(ax, bx), np.maximum(ay, by)], 1)


def _apply(to_display: Transform, xs: np.ndarray, ys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Vectorised ``to_display``: it is affine, so three probes give its coefficients."""
    ox, oy = to_display(0.0, 0.0)
    xx, xy = to_display(1.0, 0.0)
    yx, yy = to_display(0.0, 1.0)
    return ox + (xx - ox) * xs + (yx - ox) * ys, oy + (xy - oy) * xs + (yy - oy) * ys


def _word_starts(boxes: np.ndarray, spaces_before: np.ndarray) -> np.ndarray:
    """Positions where a new word starts: after a space, a gap or a change of line."""
    x0, top, x1, bottom = boxes.T
    height = np.maximum(bottom - top, 0.1)
    middle = (top + bottom) / 2
    prev_h, cur_h = height[:-1], height[1:]
    other_line = np.abs(middle[1:] - middle[:-1]) > 0.5 * np.minimum(prev_h, cur_h)
    gap = x0[1:] - x1[:-1]
    scale = np.maximum(prev_h, cur_h)
    spaced = (spaces_before[1:] - spaces_before[:-1]) > 0
    brk = other_line | (spaced & (gap > 0.1 * scale)) | (gap > 0.3 * scale) | (gap < -scale)
    return np.concatenate([[0], np.flatnonzero(brk) + 1])


def _words_from_runs(boxes: np.ndarray, chars: str, index: np.ndarray, starts: np.ndarray) -> list[Word]:
    x0 = np.minimum.reduceat(boxes[:, 0], starts)
    top = np.minimum.reduceat(boxes[:, 1], starts)
    x1 = np.maximum.reduceat(boxes[:, 2], starts)
    bottom = np.maximum.reduceat(boxes[:, 3], starts)
    ends = np.concatenate([starts[1:], [len(chars)]])
    first = index[starts]
    return [
        Word(a, b, c, d, chars[s:e], i)
        for a, b, c, d, s, e, i in zip(
            x0.tolist(),
            top.tolist(),
            x1.tolist(),
            bottom.tolist(),
            starts.tolist(),
            ends.tolist(),
            first.tolist(),
            strict=True,
        )
    ]


_CHAR_ANGLE = ctypes.CFUNCTYPE(ctypes.c_float, ctypes.c_void_p, ctypes.c_int)(
    function_address(raw.FPDFText_GetCharAngle)
)


def _rotated(textpage: pdfium.PdfTextPage, starts: np.ndarray, ends: np.ndarray, rotation: int) -> np.ndarray:
    """One-character words set at an angle (vertical margin notes, rotated stamps).

    Rotated text falls apart into one-character words, since each character sits on its
    own "line"; only those are checked, one pdfium call each.
    """
    out = np.zeros(len(starts), dtype=bool)
    turn = float(np.deg2rad(rotation))
    angle_of = _CHAR_ANGLE
    handle = ctypes.cast(textpage.raw, ctypes.c_void_p).value
    full = 2 * np.pi
    single = np.flatnonzero(ends - starts == 1)
    for k, start in zip(single.tolist(), starts[single].tolist(), strict=True):
        angle = (angle_of(handle, start) + turn) % full
        out[k] = 0.1 < angle < full - 0.1
    return out


def bold_line_starts(textpage: pdfium.PdfTextPage, words: list[Word], a: np.ndarray) -> set[int]:
    """First-character indices of words that start or end a line and are set bold (600+)."""
    if not words:
        return set()
    h = a[1:, 3] - a[1:, 1]
    new_line = (np.abs(a[1:, 1] - a[:-1, 1]) > 0.5 * h) | (a[1:, 0] - a[:-1, 2] > 0.5 * h)
    starts = np.concatenate([[True], new_line])
    ends = np.concatenate([new_line, [True]])
    handle = textpage.raw
    weight = raw.FPDFText_GetFontWeight
    picked = [words[i].char for i in np.flatnonzero(starts | ends).tolist()]
    return {c for c in picked if c >= 0 and weight(handle, c) >= 600}
