"""Measuring a NER model: span scores with bootstrap intervals, and the pipeline check.

* :func:`span_metrics` - exact-match spans (same start, end and label) on held-out
  passages: precision, recall and F1 per label, macro-F1, the same per language, each with
  a 95% percentile bootstrap interval over passages. This is ``metrics.json``'s top level,
  in the shape the registry's promotion rules read (``macro.f1``, ``macro.ci``,
  ``per_language.<lang>.macro_f1``).
* :func:`pipeline_check` - what the model adds to the extractor: document-level AGENCY and
  PROGRAMME recall and precision of the rules alone and of the rules plus the model, with
  the scorer of ``sandingan evaluate entities`` (:mod:`pipeline.evaluate.entities`), on
  held-out gold documents; and which gold items only the model found.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from pipeline import extract
from pipeline.evaluate.entities import blind_kb, report, score_document
from pipeline.evaluate.metrics import N_BOOTSTRAP, GroupScore, score_counts
from pipeline.extract import extractor
from pipeline.extract.kb import read_entries
from pipeline.train.ner_data import NER_LABELS, Span


def span_counts(
    gold: tuple[Span, ...], predicted: tuple[Span, ...], labels: tuple[str, ...] = NER_LABELS
) -> np.ndarray:
    """(labels x [tp, fp, fn]) counts of one passage."""
    out = np.zeros((len(labels), 3), dtype=int)
    g, p = set(gold), set(predicted)
    for j, label in enumerate(labels):
        gl = {s for s in g if s.label == label}
        pl = {s for s in p if s.label == label}
        out[j] = (len(gl & pl), len(pl - gl), len(gl - pl))
    return out


def _group_dict(group: GroupScore) -> dict[str, Any]:
    per_label = {
        label: {
            "precision": s.precision,
            "recall": s.recall,
            "f1": s.f1,
            "support": s.support,
            "predicted": s.predicted,
            "ci": list(s.ci),
        }
        for label, s in group.per_label.items()
    }
    return {
        "n_passages": group.n_passages,
        "macro_f1": group.macro_f1,
        "macro_ci": list(group.macro_ci),
        "per_label": per_label,
    }


def span_metrics(
    gold: list[tuple[Span, ...]],
    predicted: list[tuple[Span, ...]],
    languages: list[str],
    labels: tuple[str, ...] = NER_LABELS,
    n_boot: int = N_BOOTSTRAP,
    seed: int = 0,
) -> dict[str, Any]:
    """Span P/R/F1 per label and per language, macro-F1, 95% bootstrap CIs over passages
    (:mod:`pipeline.evaluate.metrics`), as a ``metrics.json`` dict."""
    counts = np.array([span_counts(g, p, labels) for g, p in zip(gold, predicted, strict=True)])
    scores = score_counts(counts, languages, labels, n_boot, seed)
    overall = _group_dict(scores.overall)
    return {
        "n_passages": overall["n_passages"],
        "macro": {"f1": overall["macro_f1"], "ci": overall["macro_ci"]},
        "per_label": overall["per_label"],
        "per_language": {lang: _group_dict(group) for lang, group in scores.per_language.items()},
    }


def _newly_found(rules: dict[str, list[str]], model: dict[str, list[str]]) -> dict[str, list[str]]:
    return {
        label: [m for m in rules.get(label, []) if m not in model.get(label, [])]
        for label in rules
        if label != "LAW"
    }


def compare_documents(
    documents: dict[str, tuple[Any, list[Any], dict[str, Any]]], finder_for, blind: bool = False
) -> list[tuple[str, Any, Any]]:
    """(name, score without the model, score with it) of each gold document.

    ``documents``: name -> (Document, passages, gold file); ``finder_for``: knowledge base
    -> a model finder (:func:`pipeline.extract.ner_finder.ner_finder`). With ``blind`` each
    document is read with :func:`blind_kb` of its gold file instead of the full knowledge
    base. Scores are :class:`pipeline.evaluate.entities.DocScore`.
    """
    full = extract.get_rules().kb
    entries = read_entries() if blind else None
    out = []
    for name, (document, passages, gold) in sorted(documents.items()):
        kb = blind_kb(gold, entries) if blind else full
        out.append(
            (
                name,
                score_document(gold, extractor.extract(document, passages, kb)),
                score_document(gold, extractor.extract(document, passages, kb, finder_for(kb))),
            )
        )
    return out


def pipeline_report(compared: list[tuple[str, Any, Any]]) -> dict[str, Any]:
    """The scorer's overall report for ``rules`` and ``rules+model``, the gold items only
    the model found, and the entities it added that match no gold item, per document."""
    return {
        "documents": [name for name, _, _ in compared],
        "rules": report([base for _, base, _ in compared])["overall"],
        "rules+model": report([plus for _, _, plus in compared])["overall"],
        "found_only_by_model": {
            name: _newly_found(base.missed, plus.missed) for name, base, plus in compared
        },
        "extra_from_model": {
            name: {
                label: [c for c in plus.extra[label] if c not in base.extra[label]]
                for label in plus.extra
                if label != "LAW"
            }
            for name, base, plus in compared
        },
    }


def pipeline_check(documents: dict[str, tuple[Any, list[Any], dict[str, Any]]], finder_for) -> dict[str, Any]:
    """Document-level scores of the extractor without and with the model finder that
    ``finder_for`` builds for a knowledge base (see :func:`compare_documents` and
    :func:`pipeline_report`)."""
    return pipeline_report(compare_documents(documents, finder_for))
