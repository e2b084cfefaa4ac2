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


@dataclass(frozen=True)
class _LabelPatterns:
    label: str
    kind: str
    lang: str
    pattern: re.Pattern[str]


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
                compiled.append(
                    _LabelPatterns(
                        label,
                        "explicit" if kind == "explicit" else "cue",
                        lang,
                        re.compile(terms_pattern(terms), re.IGNORECASE),
                    )
                )
    return tuple(compiled)


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
