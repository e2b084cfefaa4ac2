"""Reading the NER training sources: gold documents, silver corpus documents, the project's own
annotated passages (``pipeline/data/training/ner_*.jsonl``, written by the team, training
only), reviewed passages.

Gold documents are read exactly as the entity scorer reads them
(:func:`pipeline.evaluate.entities.read_document`), so their passages are the ones the
pipeline check scores. Silver documents are read without OCR and only their first pages
(``DataOptions.silver_pages``): they add variety, not completeness, and must stay cheap.
Rule mentions come from the rules alone (never from a trained model).
"""

from __future__ import annotations

import json
import logging
import random
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pipeline import extract
from pipeline.evaluate.entities import gold_files, in_window, read_document, source_path
from pipeline.ingest import read_pdf
from pipeline.langid import assign_languages
from pipeline.records import Document, Mention, Passage
from pipeline.settings import PACKAGE_DATA, shared_root
from pipeline.train.entity_labels import ENTITY_FILE, load_entity_documents
from pipeline.train.ner_data import (
    Corpus,
    DataOptions,
    gold_examples,
    owned_examples,
    reviewed_examples,
    sample_document,
    silver_examples,
)
from pipeline.train.registry import path_for_recipe, path_from_recipe

SHARED = shared_root()
DEFAULT_GOLD = SHARED / "gold"
DEFAULT_CORPUS = SHARED / "corpus"
DEFAULT_SEEDS = SHARED / "seeds"
DEFAULT_POOL = SHARED / "pool"
DEFAULT_OWNED = PACKAGE_DATA / "training"
OWNED_PATTERN = "ner_*.jsonl"
HOLDOUT_FRACTION = 1 / 3
log = logging.getLogger(__name__)


@dataclass
class NerSources:
    """Where the training data comes from, and which documents are held out for metrics."""

    gold_dir: Path | None = DEFAULT_GOLD
    corpus_dir: Path | None = DEFAULT_CORPUS
    seeds_dir: Path | None = DEFAULT_SEEDS
    reviewed: Path | None = None
    holdout: list[str] = field(default_factory=list)
    silver: bool = True
    owned_dir: Path | None = DEFAULT_OWNED
    annotated: Path | None = ENTITY_FILE
    pool_dir: Path | None = DEFAULT_POOL

    PATHS = ("gold_dir", "corpus_dir", "seeds_dir", "reviewed", "owned_dir", "annotated", "pool_dir")

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form (paths relative to the project when nearby)."""
        return {
            **{key: path_for_recipe(getattr(self, key)) for key in self.PATHS},
            "holdout": list(self.holdout),
            "silver": self.silver,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> NerSources:
        """Inverse of :meth:`to_dict` (relative paths are relative to the project root; a
        recipe saved before ``owned_dir``, ``annotated`` or ``pool_dir`` existed had none)."""
        return cls(
            **{key: path_from_recipe(data.get(key)) for key in cls.PATHS},
            holdout=list(data.get("holdout", [])),
            silver=bool(data.get("silver", True)),
        )


def rule_mentions(document: Document, passages: list[Passage]) -> list[Mention]:
    """The extractor's mentions from its rules and knowledge base only (no trained model)."""
    return extract.get_rules().extract(document, passages)


def read_silver(path: Path, pages: int) -> tuple[Document, list[Passage]]:
    """The first ``pages`` pages of a PDF, without OCR, with passage languages."""
    result = read_pdf(path, ocr=False, pages=list(range(1, pages + 1)))
    assign_languages(result.passages)
    return result.document, result.passages


def majority_language(passages: list[Passage]) -> str:
    """The language of most passage characters (``other`` passages ignored)."""
    counts: Counter[str] = Counter()
    for p in passages:
        if p.lang != "other":
            counts[p.lang] += len(p.text)
    return counts.most_common(1)[0][0] if counts else "other"


def load_gold(
    sources: NerSources, corpus: Corpus, options: DataOptions, progress: Callable[[str], None]
) -> None:
    """Add every gold document whose source file is present, then every document of the
    project's keyed annotations (:func:`load_annotated`)."""
    if sources.gold_dir and Path(sources.gold_dir).is_dir():
        for gold_path in gold_files(Path(sources.gold_dir)):
            gold = json.loads(gold_path.read_text(encoding="utf-8"))
            path = source_path(gold, Path(sources.corpus_dir or "."), Path(sources.seeds_dir or "."))
            if path is not None and gold.get("status", "ok") == "ok":
                add_gold_document(corpus, gold_path.stem, gold, path, options, progress)
    load_annotated(sources, corpus, options, progress)


def load_annotated(
    sources: NerSources, corpus: Corpus, options: DataOptions, progress: Callable[[str], None]
) -> None:
    """Add the documents of the keyed annotations (``entity_labels.jsonl``) whose PDFs are in
    the corpus or pool folder, as gold documents scored and trained on their annotated pages.
    Only a PDF's first annotated window is added: cross-validation deals documents into folds
    by name, and two windows of one PDF in different folds would let a model see the document
    it is scored on."""
    if not sources.annotated or not Path(sources.annotated).is_file():
        return
    folders = [Path(f) for f in (sources.corpus_dir, sources.pool_dir) if f]
    documents, _ = load_entity_documents(folders, Path(sources.annotated))
    for gold, path in documents:
        if path.stem not in corpus.gold:
            add_gold_document(corpus, path.stem, gold, path, options, progress)


def add_gold_document(
    corpus: Corpus,
    name: str,
    gold: dict[str, Any],
    path: Path,
    options: DataOptions,
    progress: Callable[[str], None],
) -> None:
    """Read one annotated document (its annotated pages only) and add its examples."""
    progress(f"gold {name}")
    document, passages = read_document(path)
    passages = in_window(passages, gold.get("pages"))
    examples = gold_examples(gold, passages, rule_mentions(document, passages), name)
    corpus.add(name, sample_document(examples, options), gold.get("language") or majority_language(passages))
    corpus.gold[name] = gold
    corpus.read[name] = (document, passages)


def load_silver(
    sources: NerSources, corpus: Corpus, options: DataOptions, progress: Callable[[str], None]
) -> None:
    """Add the corpus PDFs that no gold file covers, annotated by the rules."""
    if not sources.silver or not sources.corpus_dir or not Path(sources.corpus_dir).is_dir():
        return
    gold_files = {g.get("file") for g in corpus.gold.values()}
    for path in sorted(Path(sources.corpus_dir).glob("*.pdf")):
        if path.name in gold_files:
            continue
        progress(f"silver {path.stem}")
        document, passages = read_silver(path, options.silver_pages)
        if document.status != "ok" or not passages:
            continue
        examples = silver_examples(passages, rule_mentions(document, passages), path.stem)
        if examples:
            corpus.add(path.stem, sample_document(examples, options), majority_language(passages))


def load_reviewed(sources: NerSources, corpus: Corpus) -> None:
    """Add reviewed passages (grouped under their document's file name stem)."""
    if not sources.reviewed or not Path(sources.reviewed).is_file():
        return
    for e in reviewed_examples(Path(sources.reviewed)):
        document = Path(e.document).stem
        corpus.add(document, [e.__class__(e.text, e.language, e.spans, document, e.source)], e.language)


def load_owned(sources: NerSources, corpus: Corpus) -> None:
    """Add the project's own annotated passages, one training-only document per file."""
    if not sources.owned_dir or not Path(sources.owned_dir).is_dir():
        return
    for path in sorted(Path(sources.owned_dir).glob(OWNED_PATTERN)):
        examples = owned_examples(path, f"owned:{path.stem}")
        if examples:
            corpus.add(f"owned:{path.stem}", examples, majority_example_language(examples))


def majority_example_language(examples: list) -> str:
    """The most common language of the examples."""
    return Counter(e.language for e in examples).most_common(1)[0][0]


def load_corpus(
    sources: NerSources, options: DataOptions, progress: Callable[[str], None] | None = None
) -> Corpus:
    """All training and evaluation examples, by document."""
    progress = progress or log.info
    corpus = Corpus()
    load_gold(sources, corpus, options, progress)
    load_silver(sources, corpus, options, progress)
    load_owned(sources, corpus)
    load_reviewed(sources, corpus)
    return corpus


def gold_by_language(corpus: Corpus, seed: int) -> dict[str, list[str]]:
    """Gold documents grouped by language (sorted keys), each group in a seeded shuffled order."""
    groups: dict[str, list[str]] = {}
    for d in sorted(corpus.gold):
        groups.setdefault(corpus.languages.get(d, "other"), []).append(d)
    for language, group in groups.items():
        random.Random(f"{seed}:{language}").shuffle(group)
    return dict(sorted(groups.items()))


def split_documents(corpus: Corpus, holdout: list[str], seed: int) -> tuple[list[str], list[str]]:
    """(training documents, held-out documents).

    Given ``holdout`` names, those documents are held out. Otherwise a seeded third of the
    gold documents of each language (at least one) is held out; silver and reviewed-only
    documents always train.
    """
    documents = sorted(corpus.examples)
    if holdout:
        held = [d for d in documents if d in set(holdout)]
    else:
        held = []
        for group in gold_by_language(corpus, seed).values():
            held += group[: max(1, round(len(group) * HOLDOUT_FRACTION))] if len(group) > 1 else []
    return [d for d in documents if d not in held], sorted(held)
