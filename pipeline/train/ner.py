"""Training the entity recogniser (``ner``) into the model registry.

:func:`train_ner` reads the sources (:mod:`pipeline.train.ner_corpus`), splits them by
document (held-out gold documents are never trained on), trains a small spaCy NER
(:mod:`pipeline.train.ner_spacy`), measures it on the held-out documents
(:mod:`pipeline.train.ner_metrics`) and writes a new version ``models/ner/v<N>/``:

* ``model/`` - the spaCy pipeline (loaded by :mod:`pipeline.extract.ner_finder`);
* ``training.json`` - recipe, data options, sources, data hash, code version, documents
  trained on and held out, example counts, duration;
* ``metrics.json`` - span P/R/F1 per label and language with bootstrap CIs, and the
  ``pipeline`` block: document-level recall and precision of the extractor without and with
  the model on the held-out gold documents.

:func:`cross_validate` measures the recipe instead: every gold document is scored once by a
model that did not see it (``sandingan evaluate ner --folds K``).
"""

from __future__ import annotations

import json
import logging
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pipeline.extract.ner_finder import MODEL_DIR, ner_finder
from pipeline.registry import METRICS_FILE, TRAINING_FILE, version_dir
from pipeline.train.ner_corpus import (
    Corpus,
    NerSources,
    gold_by_language,
    load_corpus,
    split_documents,
)
from pipeline.train.ner_data import DataOptions, NerExample, data_hash, weighted
from pipeline.train.ner_metrics import (
    compare_documents,
    pipeline_check,
    pipeline_report,
    span_metrics,
)
from pipeline.train.ner_spacy import NerConfig, predict_spans, train_pipeline
from pipeline.train.registry import code_version, new_version_dir, reviewed_passages, write_json

MODEL_NAME = "ner"
CV_FOLDS = 3  # cross-validation folds over the gold documents (`sandingan evaluate ner`)
log = logging.getLogger(__name__)


def _gold_documents(corpus: Corpus, documents: list[str]) -> dict[str, tuple]:
    return {d: (*corpus.read[d], corpus.gold[d]) for d in documents if d in corpus.read}


def evaluate_pipeline(nlp, corpus: Corpus, documents: list[str], method: str) -> dict[str, Any]:
    """Span metrics on the documents' examples and the extractor check on their gold files."""
    examples = corpus.flatten(documents)
    if not examples:
        return {}
    predicted = predict_spans(nlp, [e.text for e in examples])
    metrics = span_metrics([e.spans for e in examples], predicted, [e.language for e in examples])
    metrics["protocol"] = "held-out documents"
    metrics["documents"] = documents
    gold_docs = _gold_documents(corpus, documents)
    if gold_docs:
        metrics["pipeline"] = pipeline_check(gold_docs, lambda kb: ner_finder(nlp, method, kb))
    return metrics


def assign_folds(corpus: Corpus, folds: int, seed: int) -> list[list[str]]:
    """Gold documents dealt into ``folds`` groups, each language spread over the groups."""
    ordered = [d for group in gold_by_language(corpus, seed).values() for d in group]
    return [sorted(ordered[k::folds]) for k in range(folds) if ordered[k::folds]]


def cross_validate(
    config: NerConfig,
    sources: NerSources,
    options: DataOptions | None = None,
    folds: int = CV_FOLDS,
    progress: Callable[[str], None] | None = None,
    corpus: Corpus | None = None,
    blind_kb: bool = False,
    save_dir: Path | None = None,
) -> dict[str, Any]:
    """The recipe measured by K-fold cross-validation over the gold documents.

    Each fold's gold documents are scored by a model trained on every other document
    (other gold, silver, reviewed); span metrics and the extractor check are pooled. With
    ``blind_kb`` the extractor check reads each document with a knowledge base that does
    not know that document's agencies and programmes
    (:func:`pipeline.train.ner_metrics.blind_kb`): what rules and model do on a new paper.
    ``save_dir``: each fold's model is saved there (``fold<k>/``) with the documents it held
    out (``held_out.json``), to try ways of using it without training again.
    """
    progress = progress or log.info
    options = options or DataOptions(seed=config.seed)
    corpus = corpus or load_corpus(sources, options, progress)
    groups = assign_folds(corpus, folds, config.seed)
    gold, predicted, languages, compared = [], [], [], []
    for k, held in enumerate(groups):
        trained = [d for d in sorted(corpus.examples) if d not in held]
        progress(f"fold {k + 1}/{len(groups)}: holding out {', '.join(held)}")
        nlp = train_pipeline(weighted(corpus.flatten(trained), options.gold_weight), config)
        if save_dir is not None:
            Path(save_dir).mkdir(parents=True, exist_ok=True)
            nlp.to_disk(Path(save_dir) / f"fold{k + 1}")
            (Path(save_dir) / f"fold{k + 1}" / "held_out.json").write_text(json.dumps(held), encoding="utf-8")
        examples = corpus.flatten(held)
        gold += [e.spans for e in examples]
        languages += [e.language for e in examples]
        predicted += predict_spans(nlp, [e.text for e in examples])
        method = f"model@{MODEL_NAME}/fold{k + 1}"
        compared += compare_documents(
            _gold_documents(corpus, held),
            lambda kb, nlp=nlp, method=method: ner_finder(nlp, method, kb),
            blind=blind_kb,
        )
    metrics = span_metrics(gold, predicted, languages) if gold else {}
    return {
        **metrics,
        "protocol": f"{len(groups)}-fold cross-validation by document",
        "folds": groups,
        "config": config.to_dict(),
        "knowledge_base": "blind to each scored document's entities" if blind_kb else "full",
        "pipeline": pipeline_report(compared),
    }


def example_counts(examples: list[NerExample]) -> dict[str, Any]:
    """How many passages and spans per source, language and label."""
    return {
        "passages": len(examples),
        "by_source": dict(sorted(Counter(e.source for e in examples).items())),
        "by_language": dict(sorted(Counter(e.language for e in examples).items())),
        "spans": dict(sorted(Counter(s.label for e in examples for s in e.spans).items())),
    }


def save_version(
    nlp, metrics: dict[str, Any], training: dict[str, Any], models_dir: Path | None = None
) -> Path:
    """Write a new, never-modified version folder ``models/ner/v<N>/``."""
    target = new_version_dir(MODEL_NAME, models_dir)
    nlp.meta.update(
        {
            "name": "sandingan_ner",
            "sandingan_model": f"{MODEL_NAME}/{target.name}",
            "description": "Sandingan NER: LAW, AGENCY, PROGRAMME (English, Indonesian)",
        }
    )
    nlp.to_disk(target / MODEL_DIR)
    write_json(target / TRAINING_FILE, {**training, "version": target.name})
    write_json(target / METRICS_FILE, metrics)
    return target


def train_ner(
    config: NerConfig,
    sources: NerSources,
    options: DataOptions | None = None,
    models_dir: Path | None = None,
    progress: Callable[[str], None] | None = None,
    corpus: Corpus | None = None,
) -> Path:
    """Train, measure and save a new NER version; returns its folder.

    ``corpus`` (already loaded sources) skips reading the documents again.
    """
    progress = progress or log.info
    started = time.time()
    options = options or DataOptions(seed=config.seed)
    corpus = corpus or load_corpus(sources, options, progress)
    trained, held = split_documents(corpus, sources.holdout, config.seed)
    examples = corpus.flatten(trained)
    if not any(e.spans for e in examples):
        raise ValueError("no training examples with entities found in the given sources")
    progress(
        f"training on {len(examples)} passages of {len(trained)} documents; {len(held)} documents held out"
    )
    read_s = time.time() - started
    nlp = train_pipeline(weighted(examples, options.gold_weight), config, progress)
    train_s = time.time() - started - read_s
    metrics = evaluate_pipeline(nlp, corpus, held, f"model@{MODEL_NAME}/candidate")
    training = {
        "name": MODEL_NAME,
        "config": config.to_dict(),
        "data_options": options.to_dict(),
        "sources": sources.to_dict(),
        "data_hash": data_hash(examples),
        "code_version": code_version(),
        "examples": example_counts(examples),
        "reviewed_passages": reviewed_passages(sources.reviewed, "ner"),
        "held_out_examples": example_counts(corpus.flatten(held)),
        "documents": {"trained": trained, "held_out": held},
        "seconds": {
            "read": round(read_s, 1),
            "train": round(train_s, 1),
            "total": round(time.time() - started, 1),
        },
    }
    return save_version(nlp, metrics, training, models_dir)


# ---- the interface of the retrain flow (pipeline.flows.training.TRAINERS) ----------------

Sources = NerSources


def recipe_of(
    name: str,
    version: str | None,
    models_dir: Path | None = None,
) -> tuple[NerConfig, dict[str, Any]]:
    """(recipe, sources dict) a version was trained with; the defaults when ``version`` is None."""
    if version is None:
        return NerConfig(), NerSources().to_dict()
    data = json.loads((version_dir(name, version, models_dir) / TRAINING_FILE).read_text())
    return NerConfig.from_dict(data["config"]), data["sources"]


def train_model(
    config: NerConfig, sources: NerSources, name: str = MODEL_NAME, models_dir: Path | None = None
) -> Path:
    """Train a new version (the retrain flow's entry point; ``name`` must be ``ner``)."""
    if name != MODEL_NAME:
        raise ValueError(f"the NER trainer writes model {MODEL_NAME!r}, not {name!r}")
    return train_ner(config, sources, models_dir=models_dir)
