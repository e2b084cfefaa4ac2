"""Decompression bombs: streams that inflate far past any real page content.

pdfium inflates a stream whole when it needs it, with no limit, so a 1 KB file whose stream
is deflated twice can ask for gigabytes. Before pdfium opens a file, the streams that could
do that are inflated here piece by piece, up to a budget, without keeping the output:

* streams with two or more Flate filters in a row (one Flate layer inflates at most about
  1,000 times, two layers about a million times; real files almost never chain them);
* streams with a direct ``/Length`` of a million bytes or more (a single Flate layer of
  that size could reach a gigabyte).

Finding the candidates is two regular-expression passes over the memory-mapped file, so
ordinary files cost next to nothing.
"""

from __future__ import annotations

import mmap
import os
import re
import zlib
from collections.abc import Iterator
from pathlib import Path

DEFAULT_BUDGET_MB = 1024  # inflated bytes one stream may produce (SANDINGAN_INFLATE_BUDGET_MB)
PIECE = 1 << 16
MAX_INPUT = 64 << 20  # compressed bytes read per candidate stream
_CHAIN = re.compile(rb"/Filter\s*\[\s*((?:/(?:FlateDecode|Fl)\b\s*){2,})")
_LONG = re.compile(rb"/Length\s+(\d{7,})(?!\s+\d+\s+R)")
_STREAM = re.compile(rb"stream\r?\n")
_FLATE = re.compile(rb"/(?:FlateDecode|Fl)\b")
LOOK_AHEAD = 4096  # bytes from a stream's dictionary entry to its data


def budget_bytes() -> int:
    """The per-stream inflation budget, from ``SANDINGAN_INFLATE_BUDGET_MB`` (default 1 GB)."""
    value = os.environ.get("SANDINGAN_INFLATE_BUDGET_MB", "").strip()
    return (int(value) if value.isdigit() and int(value) > 0 else DEFAULT_BUDGET_MB) << 20


def candidates(data: bytes | mmap.mmap) -> list[tuple[int, int]]:
    """(offset of the stream data, Flate layers) of every stream worth inflating."""
    found: dict[int, int] = {}
    for match, layers in [(m, len(_FLATE.findall(m.group(1)))) for m in _CHAIN.finditer(data)] + [
        (m, 1) for m in _LONG.finditer(data)
    ]:
        start = _STREAM.search(data, match.end(), match.end() + LOOK_AHEAD)
        if start is not None:
            found[start.end()] = max(found.get(start.end(), 0), layers)
    return sorted(found.items())


def inflates_past(data: bytes | mmap.mmap, offset: int, layers: int, budget: int) -> bool:
    """Whether the stream at ``offset`` inflates, through ``layers`` Flate layers, to more
    than ``budget`` bytes (piece by piece, lazily, so memory stays at a few pieces; a
    damaged stream simply ends the count)."""
    stages = [zlib.decompressobj() for _ in range(layers)]
    produced = 0
    try:
        for at in range(offset, min(len(data), offset + MAX_INPUT), PIECE):
            for piece in _through(stages, bytes(data[at : at + PIECE])):
                produced += len(piece)
                if produced > budget:
                    return True
            if stages[0].eof:
                return False
    except zlib.error:
        return False
    return False


def _through(stages: list, chunk: bytes) -> Iterator[bytes]:
    """The pieces ``chunk`` becomes after every stage, produced lazily."""
    if not stages:
        yield chunk
        return
    stage = stages[0]
    while chunk and not stage.eof:
        piece = stage.decompress(chunk, PIECE)
        chunk = stage.unconsumed_tail
        if piece:
            yield from _through(stages[1:], piece)


def bomb_reason(path: Path, budget: int | None = None) -> str | None:
    """One line when a stream of the file inflates past the budget, else None."""
    budget = budget or budget_bytes()
    with Path(path).open("rb") as fh:
        if os.fstat(fh.fileno()).st_size == 0:
            return None
        with mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ) as data:
            for offset, layers in candidates(data):
                if inflates_past(data, offset, layers, budget):
                    return (
                        f"a stream at byte {offset} inflates past the {budget >> 20} MB "
                        f"budget ({layers} Flate layer(s)): a decompression bomb"
                    )
    return None
