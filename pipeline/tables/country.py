"""Which country a passage is about: the "passage country" rule of the country tables.

A passage supports a cell of a ``<label> x country`` table (dimension, policy stage,
diffusion mechanism) once per country it is about. That country comes from, in order:

1. **the mentions in it**: the countries attributed to its PLACE, LAW, AGENCY and
   PROGRAMME mentions (after review), every distinct one, most frequent first, so a
   passage comparing Indonesia and Malaysia supports both columns;
2. **its table column**: a table-cell passage whose column (else row) header names a
   country ("Malaysia", "Indonesia", "ASEAN" -> INT);
3. **the document's dominant mentioned country**: the country most of the document's
   entity mentions are attributed to (ties: alphabetical).

When none applies the passage is ``unknown`` (:data:`UNKNOWN_COUNTRY`), kept as its own
column so unattributed evidence stays visible instead of vanishing.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping
from typing import Any

UNKNOWN_COUNTRY = "unknown"
COUNTRY_LABELS: tuple[str, ...] = ("PLACE", "LAW", "AGENCY", "PROGRAMME")

# Country names (English, Indonesian, Malay) as they head the columns of comparison tables.
COUNTRY_NAMES: dict[str, str] = {
    "indonesia": "ID",
    "malaysia": "MY",
    "thailand": "TH",
    "tailand": "TH",
    "thai": "TH",
    "singapore": "SG",
    "singapura": "SG",
    "philippines": "PH",
    "filipina": "PH",
    "vietnam": "VN",
    "viet nam": "VN",
    "brunei": "BN",
    "brunei darussalam": "BN",
    "cambodia": "KH",
    "kamboja": "KH",
    "laos": "LA",
    "lao pdr": "LA",
    "myanmar": "MM",
    "asean": "INT",
}
_NAME_RE = re.compile(
    r"\b(" + "|".join(sorted(map(re.escape, COUNTRY_NAMES), key=len, reverse=True)) + r")\b"
)


def passage_countries(
    mention_countries: Iterable[str | None],
    table_country: str | None = None,
    document_country: str | None = None,
) -> tuple[str, ...]:
    """The countries a passage is about, by the rule in this module's docstring.

    ``mention_countries`` are the countries of the passage's entity mentions (one item per
    mention, ``None`` for a mention without one). Returns ``()`` when no rule applies.
    """
    counts = Counter(c for c in mention_countries if c)
    if counts:
        return tuple(sorted(counts, key=lambda c: (-counts[c], c)))
    if table_country:
        return (table_country,)
    if document_country:
        return (document_country,)
    return ()


def country_from_header(text: str | None) -> str | None:
    """The country a table header names ("Malaysia" -> MY), or None if none or several."""
    if not text:
        return None
    found = {COUNTRY_NAMES[m] for m in _NAME_RE.findall(" ".join(text.lower().split()))}
    return found.pop() if len(found) == 1 else None


def table_country(table: Mapping[str, Any] | None) -> str | None:
    """The country named by a table-cell passage's column header, else its row header."""
    if not table:
        return None
    for key in ("col_header", "row_header"):
        country = country_from_header(table.get(key))
        if country:
            return country
    return None


def dominant_country(countries: Iterable[str | None]) -> str | None:
    """The most frequent country (ties: alphabetical), or None when there is none."""
    counts = Counter(c for c in countries if c)
    if not counts:
        return None
    return min(counts, key=lambda c: (-counts[c], c))
