"""Parse a dimension x country table of government efforts from a paper's plain text.

The Indonesian seed paper's Tabel 4 lists, for each smart-city dimension ("Smart
Governance", "Smart Mobility", ...), numbered government efforts per country. In the
plain-text rendering its rows begin with the dimension name (sometimes broken over lines:
"Smart\\nGovernan\\n\\nce") and the efforts are numbered items ("1. Membangun portal ...").
Each effort becomes a short labelled training text for its dimension.
"""

from __future__ import annotations

import re

from pipeline.records import DIMENSIONS

ROW_HEADER = re.compile(
    r"^\s*Smart\s*\n\s*([A-Za-z]+)[^\n]*\n(?:\s*\n)?(?:\s*([a-z]{1,6})\s*\n)?", re.MULTILINE | re.IGNORECASE
)
ITEM_SPLIT = re.compile(r"(?:^|\s)\d{1,2}\.\s+")
MIN_EFFORT_CHARS = 15


def dimension_of(word: str) -> str | None:
    """The dimension a (possibly truncated) row-header word names: "Governan" -> governance."""
    word = word.lower()
    if len(word) < 4:
        return None
    return next((d for d in DIMENSIONS if d.startswith(word) or word.startswith(d)), None)


def parse_effort_table(
    text: str, start_marker: str = "Upaya Pemerintah", end_marker: str = "Tabel 4"
) -> list[tuple[str, str]]:
    """(effort text, dimension) pairs between the markers (the whole text if a marker is absent)."""
    start = text.find(start_marker)
    end = text.find(end_marker, max(start, 0))
    block = text[max(start, 0) : end if end > start else len(text)]
    headers = [(m, d) for m in ROW_HEADER.finditer(block) if (d := dimension_of(m.group(1)))]
    pairs: list[tuple[str, str]] = []
    for i, (match, dimension) in enumerate(headers):
        stop = headers[i + 1][0].start() if i + 1 < len(headers) else len(block)
        body = re.sub(r"\s+", " ", block[match.end() : stop])
        for item in ITEM_SPLIT.split(body):
            item = item.strip(" .")
            if len(item) >= MIN_EFFORT_CHARS:
                pairs.append((item, dimension))
    return pairs
