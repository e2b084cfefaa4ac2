"""Word-level evidence: tokens, function-word counts and the Malay/Indonesian markers.

The word lists live in ``pipeline/data/langid/lexicon.json`` (names are data). The
``id`` function words cover the Malay-Indonesian family; which of the two it is is
decided by :func:`malay_indonesian_scores` on distinctive forms.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

LEXICON_PATH = Path(__file__).resolve().parent.parent / "data" / "langid" / "lexicon.json"
CAPITALISED_WEIGHT = 0.4
HANDLED = ("en", "id")  # function-word families the pipeline handles; the rest mean `other`

_WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")
_LEAD = re.compile(r"^\W*(?:[\dIVXivx]+[.)]\s*)?(\w.{0,40})", re.S)
_LABEL_END = re.compile(r"^(?:$|[\s:.—–\-]|\d)")
_URL_OR_MAIL = re.compile(
    r"(?:https?://|www\.)\S+|\S+@\S+|\b[\w-]+(?:\.[\w-]+)+/\S*"
    r"|\b[\w-]+(?:\.[\w-]+)*\.(?:com|org|net|id|my|th|go|ac|co|gov|edu|int|info)\b"
    r"|\S*_\S*|\S+\.(?:txt|pdf|docx?|xlsx?|csv|qxd|html?|png|jpe?g)\b"
)


@dataclass(frozen=True)
class Lexicon:
    """The loaded word lists."""

    function_words: dict[str, frozenset[str]]
    name_particles: frozenset[str]
    malay_markers: dict[str, float]
    malay_suffixes: tuple[str, ...]
    indonesian_markers: dict[str, float]
    lead_labels: dict[str, dict[str, tuple[str, ...]]]
    languages_of: dict[str, tuple[str, ...]]  # function word -> languages that list it


@lru_cache(maxsize=1)
def load_lexicon(path: Path = LEXICON_PATH) -> Lexicon:
    """Read the lexicon JSON once."""
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    languages_of: dict[str, tuple[str, ...]] = {}
    for lang, listed in data["function_words"].items():
        for word in listed:
            languages_of[word] = (*languages_of.get(word, ()), lang)
    return Lexicon(
        function_words={k: frozenset(v) for k, v in data["function_words"].items()},
        name_particles=frozenset(data["name_particles"]),
        malay_markers=dict(data["malay_markers"]),
        malay_suffixes=tuple(data["malay_suffixes"]),
        indonesian_markers=dict(data["indonesian_markers"]),
        lead_labels={
            group: {lang: tuple(labels) for lang, labels in by_lang.items()}
            for group, by_lang in data["lead_labels"].items()
        },
        languages_of=languages_of,
    )


def strip_addresses(text: str) -> str:
    """Remove URLs, e-mail addresses, domains and file names (they carry no language)."""
    return _URL_OR_MAIL.sub(" ", text)


def words(text: str) -> list[str]:
    """Letter tokens (hyphenated and apostrophe words kept whole), in original case."""
    return _WORD.findall(text)


def _counts_for(token: str, lower: str, lang: str, lex: Lexicon, all_caps_text: bool) -> bool:
    """Whether a function word of ``lang`` counts, given its case."""
    if token.islower() or all_caps_text:
        return True
    if token.isupper() and len(token) < 4:
        return False  # an acronym (AS, IT, MIT, DAT), not a word
    if lang in HANDLED:
        return True
    return len(token) >= 3 and lower not in lex.name_particles


def _opens_a_name(tokens: list[str], i: int, lex: Lexicon) -> bool:
    """Whether the particle at ``i`` is followed (past other particles) by a capitalised word."""
    j = i + 1
    while j < len(tokens) and tokens[j].lower() in lex.name_particles and tokens[j].islower():
        j += 1
    return j < len(tokens) and tokens[j][:1].isupper()


def function_word_counts(tokens: list[str], lex: Lexicon | None = None) -> dict[str, int]:
    """Function-word tokens per family: ``en``, ``id`` (with Malay) and ``other``.

    A token of a language the pipeline does not handle counts once for ``other``, however
    many of those languages list it.
    """
    lex = lex or load_lexicon()
    letters = [t for t in tokens if t.isalpha()]
    all_caps_text = bool(letters) and all(t.isupper() for t in letters)
    counts = {"en": 0, "id": 0, "other": 0}
    for i, token in enumerate(tokens):
        lower = token.lower()
        if lower in lex.name_particles and _opens_a_name(tokens, i, lex):
            continue  # "de Jong", "van der Berg": part of a name
        families = {
            lang if lang in HANDLED else "other"
            for lang in lex.languages_of.get(lower, ())
            if _counts_for(token, lower, lang, lex, all_caps_text)
        }
        for family in families:
            counts[family] += 1
    return counts


def malay_indonesian_scores(tokens: list[str], lex: Lexicon | None = None) -> tuple[float, float]:
    """Weighted evidence (malay, indonesian) from distinctive forms of the two languages.

    A capitalised form counts 0.4 of its weight: it is often part of a name (a Malaysian
    ministry named inside an Indonesian sentence). Malay evidence needs two distinct forms.
    """
    lex = lex or load_lexicon()
    malay = indonesian = 0.0
    malay_forms: set[str] = set()
    for token in tokens:
        lower = token.lower()
        case = 1.0 if token.islower() or token.isupper() else CAPITALISED_WEIGHT
        weight = lex.malay_markers.get(lower, 0.0)
        if len(lower) > 6 and lower.endswith(lex.malay_suffixes):
            weight += 1.0
        if weight:
            malay += case * weight
            malay_forms.add(lower)
        indonesian += case * lex.indonesian_markers.get(lower, 0.0)
    return (malay if len(malay_forms) >= 2 else min(malay, 1.0)), indonesian


def lead_label(text: str, lex: Lexicon | None = None) -> tuple[str, str, str] | None:
    """(group, language, rest of the text) when the text opens with a label ("Kata kunci:").

    ``group`` is ``decide`` (keyword lines, front-matter fields) or ``boost`` (captions).
    """
    lex = lex or load_lexicon()
    match = _LEAD.match(text)
    if match is None:
        return None
    head = match.group(1).lower()
    for group, by_lang in lex.lead_labels.items():
        for lang, labels in by_lang.items():
            for label in labels:
                if head.startswith(label) and _LABEL_END.match(head[len(label) :]):
                    return group, lang, text[match.start(1) + len(label) :]
    return None
