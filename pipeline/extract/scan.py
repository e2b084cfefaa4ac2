"""Keyword-triggered regex scanning: run a costly pattern only where a keyword occurs.

``str.find`` over lower-cased text is much faster than letting ``re`` try a complex pattern
at every position, and every citation or name pattern has a keyword it cannot do without
("peraturan", "act", "ministry"). Keywords ending in ``*`` may be followed by letters
("permen*" finds "Permenkominfo"); others must end at a word boundary.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from pipeline.extract.text import lower_same_length
from pipeline.extract.trie import trie_pattern


@lru_cache(maxsize=32)
def _keyword_regex(keywords: frozenset[str]) -> re.Pattern[str]:
    words = sorted({k.rstrip("*") for k in keywords})
    return re.compile(r"(?<![a-z0-9])" + trie_pattern(words))


@lru_cache(maxsize=32)
def _shorter_keywords(keywords: frozenset[str]) -> dict[str, tuple[str, ...]]:
    """For each keyword, the keywords that are its first words ("constitution" of
    "constitution of the republic")."""
    words = {k.rstrip("*") for k in keywords}
    return {k: tuple(s for s in words if k.startswith(s + " ")) for k in words}


class KeywordIndex:
    """Where keywords occur in a lower-cased text, found in one regex pass for all of them.

    The pass finds the longest keyword at a position; the keywords that are its first words
    are recorded there too, so a grammar that looks for "constitution" also sees the place
    where "constitution of the republic" (another grammar's keyword) stands."""

    def __init__(self, low: str, keywords: Iterable[str]):
        self.low = low
        kws = frozenset(keywords)
        prefixes = {k.rstrip("*") for k in kws if k.endswith("*")}
        shorter = _shorter_keywords(kws)
        self._hits: dict[str, list[int]] = {}
        for m in _keyword_regex(kws).finditer(low):
            word = " ".join(m.group().split())
            end = m.end()
            if word in prefixes or end >= len(low) or not low[end].isalnum():
                self._hits.setdefault(word, []).append(m.start())
                for first_words in shorter.get(word, ()):
                    self._hits.setdefault(first_words, []).append(m.start())

    def positions(self, keywords: Iterable[str]) -> list[int]:
        """Sorted start offsets of any of ``keywords``."""
        out: list[int] = []
        for k in keywords:
            out.extend(self._hits.get(k.rstrip("*"), ()))
        return sorted(set(out))


def positions_for(text: str, index: KeywordIndex | None, keywords: Iterable[str]) -> list[int]:
    """Start offsets of ``keywords`` in ``text``, from ``index`` when one is given."""
    keywords = tuple(keywords)
    if index is None:
        index = KeywordIndex(lower_same_length(text), keywords)
    return index.positions(keywords)


def prefix_matches(pattern: re.Pattern[str], text: str, positions: list[int]) -> list[re.Match[str]]:
    """Matches of ``pattern`` that start exactly at one of ``positions`` (no overlaps)."""
    out: list[re.Match[str]] = []
    last_end = -1
    for p in positions:
        if p < last_end:
            continue
        m = pattern.match(text, p)
        if m:
            out.append(m)
            last_end = m.end()
    return out


def window_matches(
    pattern: re.Pattern[str], text: str, positions: list[int], before: int = 160, after: int = 80
) -> list[re.Match[str]]:
    """Matches of ``pattern`` that cover one of ``positions``, searched in a window around it."""
    out: dict[tuple[int, int], re.Match[str]] = {}
    covered_to = -1
    for p in positions:
        if p < covered_to:
            continue
        lo, hi = max(0, p - before), min(len(text), p + after)
        for m in pattern.finditer(text, lo, hi):
            if m.start() <= p < m.end():
                out[(m.start(), m.end())] = m
                covered_to = max(covered_to, m.end())
                break
    return [out[k] for k in sorted(out)]
