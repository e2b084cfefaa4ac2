"""Lexicon tagging of passages: explicit label names and topic cue words, English and Indonesian.

The terms live in JSON files under ``pipeline/data/lexicon/`` (one file per task). Each label
has ``explicit`` terms, which name the label itself ("smart mobility", "mobilitas cerdas",
"perumusan kebijakan"), and ``cues``, topic words that are evidence for it ("traffic",
"sampah"). Matching is case-insensitive on word boundaries; a trailing ``*`` in a term
matches any word ending. Terms of both languages are matched on every passage, since
policy text mixes them ("program smart mobility").
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from pipeline.records import TASK_LABELS
from pipeline.settings import PACKAGE_DATA

LEXICON_DIR = PACKAGE_DATA / "lexicon"
LEXICON_FILES = {
    "dimension": "dimensions.json",
    "policy_stage": "policy_stage.json",
    "diffusion": "diffusion.json",
}
EXPLICIT_SCORE = 0.9  # score of a label named explicitly in the passage


@dataclass(frozen=True)
class LexiconHit:
    """One term found in a text: which label, where, and whether it names the label."""

    label: str
    start: int
    end: int
    text: str
    kind: str  # explicit | cue
    lang: str


WORD_RUN = re.compile(r"\w+")


@dataclass(frozen=True)
class _LabelPatterns:
    label: str
    kind: str
    lang: str
    pattern: re.Pattern[str]  # case-insensitive, on the text as written
    lowered: re.Pattern[str]  # the same source, case-sensitive, on the lower-cased text


@dataclass(frozen=True)
class _Index:
    """Where a task's patterns can start: a match begins at a word that is the first word
    of one of its terms (``whole``), or, for a term that is one word with ``*``, at a word
    that begins with it (``starts``). Patterns with a term not starting with a word
    character are scanned in full (``anywhere``)."""

    whole: dict[str, tuple[int, ...]]
    starts: dict[str, tuple[int, ...]]
    start_lengths: tuple[int, ...]
    anywhere: tuple[int, ...]


def _term_body(term: str) -> str:
    body = term.strip().lower()
    wildcard = body.endswith("*")
    source = r"\s+".join(re.escape(part) for part in body.rstrip("*").split())
    return source + (r"[\w\-]*" if wildcard else "")


def term_pattern(term: str) -> str:
    """Regex source for one lexicon term: word boundaries, flexible spaces, ``*`` = word ending."""
    return rf"(?<!\w){_term_body(term)}(?!\w)"


def terms_pattern(terms: list[str]) -> str:
    """One regex for several terms (longest first, so the longest match wins at a position)."""
    ordered = sorted(set(terms), key=len, reverse=True)
    return rf"(?<!\w)(?:{'|'.join(_term_body(t) for t in ordered)})(?!\w)"


def load_lexicon(task: str, directory: Path | None = None) -> dict:
    """The parsed lexicon file of a task (``dimension``, ``policy_stage`` or ``diffusion``)."""
    path = (directory or LEXICON_DIR) / LEXICON_FILES[task]
    return json.loads(path.read_text(encoding="utf-8"))


@lru_cache(maxsize=8)
def _compiled(task: str) -> tuple[_LabelPatterns, ...]:
    data = load_lexicon(task)
    compiled: list[_LabelPatterns] = []
    for label in TASK_LABELS[task]:
        entry = data["labels"][label]
        for kind in ("explicit", "cues"):
            for lang, terms in entry.get(kind, {}).items():
                source = terms_pattern(terms)
                compiled.append(
                    _LabelPatterns(
                        label,
                        "explicit" if kind == "explicit" else "cue",
                        lang,
                        re.compile(source, re.IGNORECASE),
                        re.compile(source),
                    )
                )
    return tuple(compiled)


def _term_anchor(term: str) -> tuple[str, bool] | None:
    """(first word of a term, lower-cased; whether a text word need only begin with it),
    None when the term does not start with a word character."""
    body = term.strip().lower()
    first = WORD_RUN.match(body)
    if first is None:
        return None
    rest = body[first.end() :]
    return first.group(0), rest == "*"


@lru_cache(maxsize=8)
def _index(task: str) -> _Index:
    data = load_lexicon(task)
    whole: dict[str, set[int]] = {}
    starts: dict[str, set[int]] = {}
    anywhere: set[int] = set()
    k = 0
    for label in TASK_LABELS[task]:
        entry = data["labels"][label]
        for kind in ("explicit", "cues"):
            for terms in entry.get(kind, {}).values():  # one pattern each, as in _compiled
                for term in terms:
                    anchor = _term_anchor(term)
                    if anchor is None:
                        anywhere.add(k)
                    else:
                        (starts if anchor[1] else whole).setdefault(anchor[0], set()).add(k)
                k += 1
    return _Index(
        {w: tuple(sorted(v)) for w, v in whole.items()},
        {w: tuple(sorted(v)) for w, v in starts.items()},
        tuple(sorted({len(w) for w in starts})),
        tuple(sorted(anywhere)),
    )


def _candidate_starts(lowered: str, index: _Index) -> dict[int, list[int]]:
    """Per pattern (its position in :func:`_compiled`): the offsets where it may match."""
    found: dict[int, list[int]] = {k: [-1] for k in index.anywhere}  # -1: scan it all
    for run in WORD_RUN.finditer(lowered):
        word, at = run.group(0), run.start()
        for k in index.whole.get(word, ()):
            found.setdefault(k, []).append(at)
        for length in index.start_lengths:
            if length > len(word):
                break
            for k in index.starts.get(word[:length], ()):
                found.setdefault(k, []).append(at)
    return found


def _indexed_hits(text: str, lowered: str, task: str) -> list[LexiconHit]:
    """What ``finditer`` of every pattern finds, trying each pattern only where one of its
    terms can start (the lexicon is about 600 terms in 42 patterns; a passage holds few of
    their first words)."""
    patterns = _compiled(task)
    hits: list[LexiconHit] = []
    for k, offsets in sorted(_candidate_starts(lowered, _index(task)).items()):
        p = patterns[k]
        if offsets[0] == -1:
            matches = list(p.lowered.finditer(lowered))
        else:
            matches, reached = [], 0
            for at in sorted(set(offsets)):
                if at < reached:
                    continue
                m = p.lowered.match(lowered, at)
                if m is not None:
                    matches.append(m)
                    reached = m.end()
        hits += [
            LexiconHit(p.label, m.start(), m.end(), text[m.start() : m.end()], p.kind, p.lang)
            for m in matches
        ]
    return hits


def find_terms(
    text: str,
    task: str = "dimension",
    kinds: tuple[str, ...] = ("explicit", "cue"),
) -> list[LexiconHit]:
    """All lexicon hits of a task's labels in the text, sorted by position."""
    return [hit for hit in _all_hits(text, task) if hit.kind in kinds]


@lru_cache(maxsize=4096)
def _all_hits(text: str, task: str) -> tuple[LexiconHit, ...]:
    """Every hit of a task in a text, sorted by position. Cached: labelling a passage asks
    for its hits seven times (features, explicit names, three tasks, mentions)."""
    lowered = text.lower()
    if len(lowered) == len(text):  # offsets in the lower-cased text are the text's own
        hits = _indexed_hits(text, lowered, task)
    else:
        hits = [
            LexiconHit(p.label, m.start(), m.end(), m.group(0), p.kind, p.lang)
            for p in _compiled(task)
            for m in p.pattern.finditer(text)
        ]
    return tuple(sorted(hits, key=lambda h: (h.start, -h.end, h.label)))


def explicit_hits(text: str, task: str = "dimension") -> list[LexiconHit]:
    """Hits of terms that name a label; overlapping hits keep the longest (first) one."""
    kept: list[LexiconHit] = []
    for hit in find_terms(text, task, kinds=("explicit",)):
        if kept and hit.start < kept[-1].end:
            continue
        kept.append(hit)
    return kept


def label_counts(text: str, task: str = "dimension") -> dict[str, tuple[int, int]]:
    """Per label: (explicit hits, distinct cue words), covering every label of the task."""
    counts: dict[str, tuple[int, set[str]]] = {label: (0, set()) for label in TASK_LABELS[task]}
    explicit = {label: 0 for label in TASK_LABELS[task]}
    for hit in find_terms(text, task):
        if hit.kind == "explicit":
            explicit[hit.label] += 1
        else:
            counts[hit.label][1].add(hit.text.lower())
    return {label: (explicit[label], len(counts[label][1])) for label in TASK_LABELS[task]}


def lexicon_features(text: str, task: str = "dimension") -> list[float]:
    """log1p(explicit hits) and log1p(distinct cues) per label: the model's lexicon input."""
    features: list[float] = []
    for explicit, cues in label_counts(text, task).values():
        features += [math.log1p(explicit), math.log1p(cues)]
    return features


def cue_score(explicit: int, cues: int) -> float:
    """Lexicon score of a label: 0.9 when named, else 1 - 0.5**cues (0 when nothing hits)."""
    if explicit:
        return EXPLICIT_SCORE
    return 1.0 - 0.5**cues


def lexicon_scores(text: str, task: str = "dimension") -> dict[str, float]:
    """Lexicon score of every label of the task for one text (0.0 when no term hits)."""
    return {label: cue_score(e, c) for label, (e, c) in label_counts(text, task).items()}


def lexicon_threshold(task: str = "dimension") -> float:
    """The lexicon score from which the lexicon alone gives a label (``min_score`` of the file)."""
    return float(load_lexicon(task).get("min_score", 0.5))
