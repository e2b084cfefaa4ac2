"""Training data of the entity recogniser: passages with LAW, AGENCY and PROGRAMME spans.

Three sources, read at run time and never copied into the project:

* **gold** (``../shared/gold`` format): document-level lists of laws, agencies and
  programmes. The document is read like the scorer reads it (``read_pdf`` +
  ``assign_languages``) and every occurrence of an item's surface, name or acronym becomes a
  span; so do the rule mentions that the scorer would match to a gold item (other spellings
  of the same entity). Rule mentions that match no gold item are left out (the gold lists
  are exhaustive, so they are the rules' false positives).
* **reviewed** passages exported from the store (``sandingan review export``, see
  :mod:`pipeline.review.export`): every kept mention is a span; rejected ones are not.
* **silver**: the rules' own mentions (rules and knowledge base only) on corpus documents
  that have no gold file; names found by a shape pattern alone, and name-like stretches no
  rule covers, are left unannotated (``NerExample.unknown``) rather than marked "not an entity".

Every example keeps its document, so that splits are by document.
"""

from __future__ import annotations

import json
import random
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pipeline.evaluate.entities import law_key, name_keys
from pipeline.records import Document, Mention, Passage
from pipeline.train.registry import rows_hash

NER_LABELS: tuple[str, ...] = ("LAW", "AGENCY", "PROGRAMME")
_GOLD_KEYS = {"AGENCY": "agencies", "PROGRAMME": "programmes"}
MIN_TEXT = 20
_CAP = r"(?:[A-Z][\w&'-]*|[a-z]+[A-Z][\w-]*)"
_JOIN = r"(?:of|and|for|the|dan|di|untuk|dalam|pada|serta|&)"
_NAME_LIKE = re.compile(rf"{_CAP}(?:\s+(?:{_JOIN}\s+)*{_CAP})+|\b[A-Za-z][a-z]+[A-Z]\w*")


@dataclass(frozen=True)
class Span:
    """A labelled stretch of a passage text (character offsets, end exclusive)."""

    start: int
    end: int
    label: str


@dataclass(frozen=True)
class NerExample:
    """One passage with its entity spans (the passage counts as fully annotated)."""

    text: str
    language: str
    spans: tuple[Span, ...]
    document: str
    source: str  # gold | owned | reviewed | silver
    unknown: tuple[tuple[int, int], ...] = ()  # stretches whose annotation is not known


@dataclass
class DataOptions:
    """How many passages to take from each document (positives first, then negatives)."""

    negatives_per_positive: float = 0.5
    max_passages_per_document: int = 400
    silver_pages: int = 60
    seed: int = 13
    gold_weight: int = 3  # times each gold or reviewed passage is seen per iteration

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return dict(vars(self))


# ---- spans ------------------------------------------------------------------------------


def non_overlapping(spans: list[Span]) -> tuple[Span, ...]:
    """The longest spans that do not overlap, in text order (earlier label wins ties)."""
    kept: list[Span] = []
    for s in sorted(spans, key=lambda s: (-(s.end - s.start), s.start, NER_LABELS.index(s.label))):
        if all(s.end <= k.start or k.end <= s.start for k in kept):
            kept.append(s)
    return tuple(sorted(kept, key=lambda s: s.start))


def find_occurrences(text: str, phrase: str) -> list[tuple[int, int]]:
    """Where ``phrase`` occurs in ``text`` as whole words; acronyms and one-word names match
    case-sensitively, longer names in any case and with any run of spaces between words."""
    words = phrase.split()
    if not words or len(phrase) < 2:
        return []
    body = r"\s+".join(re.escape(w) for w in words)
    flags = re.IGNORECASE if len(words) >= 2 else 0
    pattern = re.compile(rf"(?<![\w-]){body}(?![\w-])", flags)
    return [(m.start(), m.end()) for m in pattern.finditer(text)]


def owned_examples(path: Path, document: str) -> list[NerExample]:
    """The project's own annotated passages (JSON Lines ``{"text", "language", "entities":
    [{"text", "label"}]}``): every whole-word, same-case occurrence of a listed surface is a
    span, and the list is exhaustive (anything else is not an entity)."""
    out = []
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        record = json.loads(line)
        text = record["text"]
        spans = [
            Span(start, end, entity["label"])
            for entity in record.get("entities", [])
            if entity.get("label") in NER_LABELS
            for start, end in _exact_occurrences(text, entity["text"])
        ]
        out.append(
            NerExample(text, record.get("language") or "en", non_overlapping(spans), document, "owned")
        )
    return out


def _exact_occurrences(text: str, phrase: str) -> list[tuple[int, int]]:
    pattern = re.compile(rf"(?<![\w-]){re.escape(phrase)}(?![\w-])")
    return [(m.start(), m.end()) for m in pattern.finditer(text)]


def gold_phrases(gold: dict[str, Any]) -> list[tuple[str, str]]:
    """(label, phrase) of every agency and programme name, acronym and surface in a gold file."""
    out = []
    for label, key in _GOLD_KEYS.items():
        for item in gold.get(key) or []:
            for field_name in ("name", "acronym", "surface"):
                value = (item.get(field_name) or "").strip()
                if value:
                    out.append((label, value))
    for law in gold.get("laws") or []:
        if (law.get("surface") or "").strip():
            out.append(("LAW", law["surface"].strip()))
    return out


def gold_matches(gold: dict[str, Any], mention: Mention) -> bool:
    """Whether the scorer would match a rule mention to an item of the gold file."""
    if mention.label == "LAW":
        return mention.law is not None and law_key(mention.law) in {
            law_key(g) for g in gold.get("laws") or []
        }
    key = _GOLD_KEYS.get(mention.label)
    if key is None:
        return False
    keys = name_keys(mention.text) | name_keys(mention.canonical_name)
    return any(keys & (name_keys(g.get("name")) | name_keys(g.get("acronym"))) for g in gold.get(key) or [])


def gold_examples(
    gold: dict[str, Any], passages: list[Passage], mentions: list[Mention], document: str
) -> list[NerExample]:
    """Passages of a gold document with spans from the gold lists and the matching rule mentions."""
    phrases = gold_phrases(gold)
    by_passage: dict[str, list[Span]] = {}
    for m in mentions:
        if m.label in NER_LABELS and gold_matches(gold, m):
            by_passage.setdefault(m.passage_id, []).append(Span(m.start, m.end, m.label))
    out = []
    for p in _usable(passages):
        spans = list(by_passage.get(p.id, []))
        for label, phrase in phrases:
            spans += [Span(s, e, label) for s, e in find_occurrences(p.text, phrase)]
        out.append(NerExample(p.text, p.lang, non_overlapping(spans), document, "gold"))
    return out


def silver_examples(passages: list[Passage], mentions: list[Mention], document: str) -> list[NerExample]:
    """Passages of a document with the rules' LAW, AGENCY and PROGRAMME mentions as spans.

    Only citations and names the knowledge base resolves are taken as entities. Names found
    by a shape pattern alone ("X Action Plan", "Badan X") are left unannotated, like every
    other name-like stretch no rule covers: the rules are least sure there.
    """
    sure: dict[str, list[Span]] = {}
    unsure: dict[str, list[Span]] = {}
    for m in mentions:
        if m.label in NER_LABELS:
            group = unsure if m.method == "pattern" else sure
            group.setdefault(m.passage_id, []).append(Span(m.start, m.end, m.label))
    out = []
    for p in _usable(passages):
        spans = non_overlapping(sure.get(p.id, []))
        unknown = [
            s for s in unsure.get(p.id, []) if all(s.end <= k.start or k.end <= s.start for k in spans)
        ]
        covered = spans + tuple(unknown)
        out.append(
            NerExample(
                p.text,
                p.lang,
                spans,
                document,
                "silver",
                tuple((s.start, s.end) for s in unknown) + unannotated_names(p.text, covered),
            )
        )
    return out


def unannotated_names(text: str, spans: tuple[Span, ...]) -> tuple[tuple[int, int], ...]:
    """Name-like stretches (capitalised words in a row, CamelCase words) no span touches.

    In silver data these are left unannotated rather than marked "not an entity": the
    rules may simply not know the name, and the model should not learn to ignore it.
    """
    out = []
    for m in _NAME_LIKE.finditer(text):
        if all(m.end() <= s.start or s.end <= m.start() for s in spans):
            out.append((m.start(), m.end()))
    return tuple(out)


def reviewed_examples(path: Path) -> list[NerExample]:
    """Reviewed passages of a ``sandingan review export`` file (JSON Lines): the spans a
    person decided (or saw and let stand, in a passage marked reviewed as a whole) are
    entities; machine mentions nobody decided on are left unannotated (``unknown``),
    neither entity nor non-entity."""
    out = []
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        record = json.loads(line)
        text = record.get("text") or ""
        decided = [m for m in record.get("mentions", []) if m.get("status") != "machine"]
        undecided = record.get("unreviewed", []) + [
            m for m in record.get("mentions", []) if m.get("status") == "machine"
        ]
        spans = [
            Span(int(m["start"]), int(m["end"]), m["label"])
            for m in decided
            if m.get("label") in NER_LABELS and 0 <= int(m["start"]) < int(m["end"]) <= len(text)
        ]
        document = str(record.get("file") or record.get("document") or "reviewed")
        kept = non_overlapping(spans)
        unknown = tuple(
            (int(m["start"]), int(m["end"]))
            for m in undecided
            if all(int(m["end"]) <= s.start or s.end <= int(m["start"]) for s in kept)
        )
        out.append(NerExample(text, record.get("language") or "en", kept, document, "reviewed", unknown))
    return out


def _usable(passages: list[Passage]) -> list[Passage]:
    return [p for p in passages if p.lang != "other" and len(p.text.strip()) >= MIN_TEXT]


# ---- sampling ---------------------------------------------------------------------------


def sample_document(examples: list[NerExample], options: DataOptions) -> list[NerExample]:
    """Passages with spans (up to the cap) and a seeded sample of passages without any."""
    rng = random.Random(f"{options.seed}:{examples[0].document}" if examples else options.seed)
    positive = [e for e in examples if e.spans]
    negative = [e for e in examples if not e.spans]
    if len(positive) > options.max_passages_per_document:
        positive = rng.sample(positive, options.max_passages_per_document)
    n_neg = min(len(negative), max(1, round(len(positive) * options.negatives_per_positive)))
    chosen = set(map(id, positive + rng.sample(negative, n_neg)))
    return [e for e in examples if id(e) in chosen]


def data_hash(examples: list[NerExample]) -> str:
    """:func:`~pipeline.train.registry.rows_hash` of the (document, language, text, spans,
    unknown stretches) of the examples."""
    return rows_hash(
        [e.document, e.language, e.text, [vars(s) for s in e.spans], e.unknown] for e in examples
    )


def weighted(examples: list[NerExample], gold_weight: int) -> list[NerExample]:
    """The examples with each gold and reviewed one repeated ``gold_weight`` times."""
    return [e for e in examples for _ in range(gold_weight if e.source != "silver" else 1)]


@dataclass
class Corpus:
    """Examples by document, and each gold document's gold file (for the pipeline check)."""

    examples: dict[str, list[NerExample]] = field(default_factory=dict)
    gold: dict[str, dict[str, Any]] = field(default_factory=dict)
    languages: dict[str, str] = field(default_factory=dict)
    read: dict[str, tuple[Document, list[Passage]]] = field(default_factory=dict)

    def add(self, document: str, examples: list[NerExample], language: str) -> None:
        """Add one document's examples."""
        self.examples.setdefault(document, []).extend(examples)
        self.languages.setdefault(document, language)

    def flatten(self, documents: list[str]) -> list[NerExample]:
        """The examples of the given documents, in the given order."""
        return [e for d in documents for e in self.examples.get(d, [])]
