"""Country attribution: which country a mention belongs to, and which rule decided.

Rules, strongest first: ``entity`` (the entity itself: a Perpres is Indonesian, a KB agency
has a country), ``sentence`` (a country named in the same sentence), ``section`` (the heading
the passage sits under, "3. Indonesia"), ``table_column`` (the column or row header of a
table cell), ``document`` (the country the document is mostly about).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from pipeline.extract.kb import KBHit, KnowledgeBase
from pipeline.extract.text import fold_text
from pipeline.model import Passage

_ABBREVIATIONS = {
    "no", "nr", "al", "dr", "prof", "st", "jl", "dkk", "vs", "e.g", "i.e", "u.s", "mr", "mrs",
    "ms", "hlm", "kab", "kec", "prov", "fig", "vol", "pp", "ir", "drs", "h", "hj", "b.e", "etc",
}
_SENTENCE_END = re.compile(r"[.!?](?=[\s\"')\]]*(?:\s+[A-Z(\"'\d]|\s*$))|\n\s*\n")
FOCUS_MIN = 3
FOCUS_LEAD = 1.5


@dataclass
class CountryHit:
    """A country (or a place standing for its country) named at ``start`` in a passage."""

    start: int
    country: str
    weight: float


def country_hits(hits: list[KBHit]) -> list[CountryHit]:
    """Country evidence among KB hits: countries and demonyms (1.0), cities and regions (0.5)."""
    out = []
    for h in hits:
        places = [e for e in h.entries if e.kind == "place" and e.country]
        if not places:
            continue
        entry = places[0]
        weight = 1.0 if entry.place_type == "country" or h.via == "demonym" else 0.5
        out.append(CountryHit(h.start, entry.country, weight))
    return out


def sentence_bounds(text: str, pos: int) -> tuple[int, int]:
    """Start and end of the sentence of ``text`` that holds offset ``pos``."""
    start, end = 0, len(text)
    for m in _SENTENCE_END.finditer(text):
        if m.group().startswith("\n") or not _is_abbreviation(text, m.start()):
            if m.end() <= pos:
                start = m.end()
            elif m.start() >= pos:
                end = m.end()
                break
    return start, end


def _is_abbreviation(text: str, dot: int) -> bool:
    word = re.search(r"([\w.]+)$", text[max(0, dot - 12) : dot])
    return bool(word) and (word.group(1).lower() in _ABBREVIATIONS or len(word.group(1)) == 1)


@dataclass
class CountryContext:
    """Country evidence of one document: per passage, per section, and its focus."""

    kb: KnowledgeBase
    by_passage: dict[str, list[CountryHit]] = field(default_factory=dict)
    focus: str | None = None
    _headers: dict[str, str | None] = field(default_factory=dict)

    def header_country(self, header: str | None) -> str | None:
        """The single country a heading or table header names, if it names exactly one."""
        if not header:
            return None
        if header not in self._headers:
            found = {h.country for h in country_hits(self.kb.find(fold_text(header))) if h.weight >= 1.0}
            if not found:
                found = {h.country for h in country_hits(self.kb.find(fold_text(header)))}
            self._headers[header] = found.pop() if len(found) == 1 else None
        return self._headers[header]

    def attribute(self, passage: Passage, start: int, end: int,
                  entity_country: str | None) -> tuple[str | None, str | None]:
        """The country of a mention at ``start:end`` of ``passage`` and the rule that decided."""
        if entity_country:
            return entity_country, "entity"
        country = self._sentence_country(passage, start, end)
        if country:
            return country, "sentence"
        country = self.header_country(passage.section)
        if country:
            return country, "section"
        if passage.table:
            for key in ("col_header", "row_header"):
                country = self.header_country(passage.table.get(key))
                if country:
                    return country, "table_column"
        if self.focus:
            return self.focus, "document"
        return None, None

    def _sentence_country(self, passage: Passage, start: int, end: int) -> str | None:
        hits = self.by_passage.get(passage.id)
        if not hits:
            return None
        s_start, s_end = sentence_bounds(passage.text, start)
        inside = [h for h in hits if s_start <= h.start < s_end]
        countries = {h.country for h in inside}
        if not countries or len(countries) > 2:
            return None
        nearest = min(inside, key=lambda h: (abs(h.start - start), -h.weight))
        return nearest.country


def document_focus(hits: list[CountryHit], title_countries: list[str] | None = None) -> str | None:
    """The country a document is mostly about: the most-named one, clearly ahead of the next."""
    counts: Counter[str] = Counter()
    for h in hits:
        counts[h.country] += h.weight
    for c in title_countries or []:
        counts[c] += 5
    if not counts:
        return None
    ranked = counts.most_common(2)
    top, top_n = ranked[0]
    second = ranked[1][1] if len(ranked) > 1 else 0.0
    if top_n >= FOCUS_MIN and top_n >= FOCUS_LEAD * second:
        return top
    return None
