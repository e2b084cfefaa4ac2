"""Country attribution: which country a mention belongs to, and which rule decided.

Rules, strongest first (the first that names a country decides; ``Mention.country_rule``
records which):

1. ``entity``: the entity itself (a Perpres is Indonesian, a KB agency has a country).
2. ``sentence``: a country named in the mention's sentence (one or two countries: the nearest).
3. ``paragraph``: the mention's passage names, outside its sentence, one country, or one
   clearly dominant by weight (countries and demonyms 1.0, cities 0.5; at least
   ``PARAGRAPH_LEAD`` times the next); else the country named last before the mention
   ("Di Thailand, ... . Undang-undang X 2019 ..." -> TH), unless it stands in a sentence
   that lists three or more countries.
4. ``section``: the heading path the passage sits under names one country ("3. Indonesia").
   A heading is the author's own statement of what a section is about, so it beats
   ``preceding``; it yields to ``paragraph``, which is closer to the mention (a "Malaysia"
   section may say "In Thailand, by contrast, ...").
5. ``table_column``: the column or row header of a table cell; for a cell it beats
   ``preceding`` (the text before a table says little about one of its columns).
6. ``preceding``: the nearest country named in an earlier text or heading passage of the same
   section (same ``Passage.section``), walking back in document order and stopping at a
   section change, after ``PRECEDING_PASSAGES`` passages or ``PRECEDING_CHARS`` characters
   (table cells are skipped and not counted). The nearest passage that names a country
   decides: its single or dominant country, else the one named last; a list of three or
   more there ("Malaysia, Thailand dan Indonesia ...") ends the search with no country.
   ("Malaysia telah menetapkan kerangka ..." / next paragraph: "Komponen utamanya
   meliputi ... UU 171" -> MY.)
7. ``language``: a passage written in Malay (``lang == "ms"``) speaks of Malaysia, before the
   document's focus (a Malaysian act quoted in an Indonesian report stays Malaysian).
8. ``document``: the country the document is mostly about.

``paragraph`` and ``preceding`` apply only when the mention's sentence names no country: a
sentence that names three or more is a list, and the context rules do not guess past it.
The chosen country also gives a law without its own jurisdiction its canonical id
(``-/act/1976/171`` -> ``my/act/1976/171``, see ``LawMatch.to_law``).
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from operator import itemgetter

from pipeline.extract.kb import KBHit, KnowledgeBase
from pipeline.extract.text import fold_text
from pipeline.lang_data import word_set
from pipeline.records import Passage

_ABBREVIATIONS = word_set("abbreviations")
_SENTENCE_END = re.compile(r"[.!?](?=[\s\"')\]]*(?:\s+[A-Z(\"'\d]|\s*$))|\n\s*\n")
FOCUS_MIN = 3
FOCUS_LEAD = 1.5
PARAGRAPH_LEAD = 2.0  # a country dominates a passage with at least twice the next one's weight
PRECEDING_PASSAGES = 5  # how many earlier text/heading passages ``preceding`` looks at, at most
PRECEDING_CHARS = 3000  # and how far back (characters before the mention's passage), at most
CONTEXT_KINDS = ("text", "heading")
RULE_ORDER = ("sentence", "paragraph", "section", "table_column", "preceding", "language", "document")
LANGUAGE_COUNTRY = {"ms": "MY"}  # a passage written in Malaysian Malay speaks of Malaysia


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
        places = [(e, e.country) for e in h.entries if e.kind == "place" and e.country]
        if not places:
            continue
        entry, country = places[0]
        weight = 1.0 if entry.place_type == "country" or h.via == "demonym" else 0.5
        out.append(CountryHit(h.start, country, weight))
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
    return word is not None and (word.group(1).lower() in _ABBREVIATIONS or len(word.group(1)) == 1)


@dataclass
class MentionSite:
    """Where a mention sits: its passage, its start, and the passage's country hits inside and
    outside the mention's sentence."""

    passage: Passage
    start: int
    in_sentence: list[CountryHit]
    elsewhere: list[CountryHit]


def _heaviest(weights: dict[str, float], n: int = 2) -> list[tuple[str, float]]:
    """The ``n`` heaviest (country, weight) pairs, heaviest first, ties in insertion order (what
    ``Counter.most_common`` gives; a Counter is typed for int counts, these weights are floats)."""
    return sorted(weights.items(), key=itemgetter(1), reverse=True)[:n]


def dominant_country(hits: list[CountryHit], lead: float = PARAGRAPH_LEAD) -> str | None:
    """The only country ``hits`` name, or the one whose weight is ``lead`` times any other's."""
    weights: defaultdict[str, float] = defaultdict(float)
    for h in hits:
        weights[h.country] += h.weight
    ranked = _heaviest(weights)
    if not ranked:
        return None
    if len(ranked) == 1 or ranked[0][1] >= lead * ranked[1][1]:
        return ranked[0][0]
    return None


def sentence_country(in_sentence: list[CountryHit], start: int) -> str | None:
    """One or two countries in the mention's sentence: the one named nearest ``start``."""
    if not in_sentence or len({h.country for h in in_sentence}) > 2:
        return None
    return min(in_sentence, key=lambda h: (abs(h.start - start), -h.weight)).country


def last_named_country(text: str, hits: list[CountryHit], before: int) -> str | None:
    """The country named last before offset ``before`` of ``text``: of the last sentence that
    names one, its nearest country; None when that sentence lists three or more."""
    earlier = [h for h in hits if h.start < before]
    if not earlier:
        return None
    s_start, s_end = sentence_bounds(text, max(h.start for h in earlier))
    return sentence_country([h for h in earlier if s_start <= h.start < s_end], before)


def paragraph_country(text: str, elsewhere: list[CountryHit], start: int) -> str | None:
    """The country of a passage outside the mention's sentence (``elsewhere``): the single or
    dominant one, else the one named last before the mention at ``start``."""
    return dominant_country(elsewhere) or last_named_country(text, elsewhere, start)


def preceding_window(passages: list[Passage], index: int) -> list[tuple[Passage, int]]:
    """Text and heading passages before ``passages[index]`` in its section, nearest first, each
    with how many characters before the mention's passage it ends; within the limits."""
    section = passages[index].section
    window: list[tuple[Passage, int]] = []
    gap = 0
    for p in reversed(passages[:index]):
        if p.section != section or len(window) >= PRECEDING_PASSAGES or gap >= PRECEDING_CHARS:
            break
        if p.kind in CONTEXT_KINDS:
            window.append((p, gap))
            gap += len(p.text)
    return window


def passage_country(text: str, hits: list[CountryHit], gap: int) -> tuple[bool, str | None]:
    """Whether an earlier passage (``text``, ending ``gap`` characters before the mention's
    passage) names a country within ``PRECEDING_CHARS``, and which: the single or dominant
    one, else the one named last (None when that is in a list of three or more)."""
    near = [h for h in hits if gap + len(text) - h.start <= PRECEDING_CHARS]
    if not near:
        return False, None
    return True, dominant_country(near) or last_named_country(text, near, len(text))


@dataclass
class CountryContext:
    """Country evidence of one document: per passage, the passages in order, and its focus."""

    kb: KnowledgeBase
    by_passage: dict[str, list[CountryHit]] = field(default_factory=dict)
    focus: str | None = None
    passages: list[Passage] = field(default_factory=list)
    _headers: dict[str, str | None] = field(default_factory=dict)
    _positions: dict[str, int] | None = None

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

    def attribute(
        self, passage: Passage, start: int, end: int, entity_country: str | None
    ) -> tuple[str | None, str | None]:
        """The country of a mention at ``start:end`` of ``passage`` and the rule that decided
        (``RULE_ORDER`` after ``entity``); (None, None) when no rule names one."""
        if entity_country:
            return entity_country, "entity"
        site = self.site(passage, start)
        rules = {
            "sentence": self._by_sentence,
            "paragraph": self._by_paragraph,
            "section": self._by_section,
            "table_column": self._by_table,
            "preceding": self._by_preceding,
            "language": self._by_language,
            "document": self._by_document,
        }
        for rule in RULE_ORDER:
            country = rules[rule](site)
            if country:
                return country, rule
        return None, None

    def site(self, passage: Passage, start: int) -> MentionSite:
        """The mention's passage hits split at the bounds of its sentence."""
        hits = self.by_passage.get(passage.id, [])
        s_start, s_end = sentence_bounds(passage.text, start)
        inside = [h for h in hits if s_start <= h.start < s_end]
        outside = [h for h in hits if not s_start <= h.start < s_end]
        return MentionSite(passage, start, inside, outside)

    def preceding_country(self, passage: Passage) -> str | None:
        """The country of the nearest earlier passage of the same section that names one (see
        ``preceding_window``, ``passage_country``); None when that passage lists three or
        more, or ``passage`` is not one of ``passages``."""
        if self._positions is None:
            self._positions = {p.id: i for i, p in enumerate(self.passages)}
        index = self._positions.get(passage.id)
        if index is None:
            return None
        for p, gap in preceding_window(self.passages, index):
            names, country = passage_country(p.text, self.by_passage.get(p.id, []), gap)
            if names:
                return country
        return None

    def _by_sentence(self, site: MentionSite) -> str | None:
        return sentence_country(site.in_sentence, site.start)

    def _by_paragraph(self, site: MentionSite) -> str | None:
        if site.in_sentence:
            return None
        return paragraph_country(site.passage.text, site.elsewhere, site.start)

    def _by_section(self, site: MentionSite) -> str | None:
        return self.header_country(site.passage.section)

    def _by_table(self, site: MentionSite) -> str | None:
        table = site.passage.table or {}
        return self.header_country(table.get("col_header")) or self.header_country(table.get("row_header"))

    def _by_preceding(self, site: MentionSite) -> str | None:
        return None if site.in_sentence else self.preceding_country(site.passage)

    def _by_language(self, site: MentionSite) -> str | None:
        return LANGUAGE_COUNTRY.get(site.passage.lang)

    def _by_document(self, site: MentionSite) -> str | None:
        return self.focus


def document_focus(hits: list[CountryHit], title_countries: list[str] | None = None) -> str | None:
    """The country a document is mostly about: the most-named one, clearly ahead of the next."""
    counts: defaultdict[str, float] = defaultdict(float)
    for h in hits:
        counts[h.country] += h.weight
    for c in title_countries or []:
        counts[c] += 5
    if not counts:
        return None
    ranked = _heaviest(counts)
    top, top_n = ranked[0]
    second = ranked[1][1] if len(ranked) > 1 else 0.0
    if top_n >= FOCUS_MIN and top_n >= FOCUS_LEAD * second:
        return top
    return None
