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

from pipeline.train.ner_data import NER_LABELS, Span

N_BOOTSTRAP = 1000


def span_counts(gold: tuple[Span, ...], predicted: tuple[Span, ...],
                labels: tuple[str, ...] = NER_LABELS) -> np.ndarray:
    """(labels x [tp, fp, fn]) counts of one passage."""
    out = np.zeros((len(labels), 3), dtype=int)
    g, p = set(gold), set(predicted)
    for j, label in enumerate(labels):
        gl = {s for s in g if s.label == label}
        pl = {s for s in p if s.label == label}
        out[j] = (len(gl & pl), len(pl - gl), len(gl - pl))
    return out


def _prf(total: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per-label precision, recall, F1 from summed (labels x 3) counts (0 where undefined)."""
    tp, fp, fn = total[..., 0].astype(float), total[..., 1], total[..., 2]
    precision = np.divide(tp, tp + fp, out=np.zeros_like(tp), where=(tp + fp) > 0)
    recall = np.divide(tp, tp + fn, out=np.zeros_like(tp), where=(tp + fn) > 0)
    f1 = np.divide(2 * tp, 2 * tp + fp + fn, out=np.zeros_like(tp), where=(2 * tp + fp + fn) > 0)
    return precision, recall, f1


def _macro(total: np.ndarray) -> float:
    present = total.sum(-1) > 0
    return float(_prf(total)[2][present].mean()) if present.any() else 0.0


def _bootstrap(counts: np.ndarray, stat, n: int, seed: int) -> list[float]:
    if len(counts) == 0:
        return [0.0, 0.0]
    rng = np.random.default_rng(seed)
    values = [stat(counts[idx].sum(0)) for idx in rng.integers(0, len(counts), (n, len(counts)))]
    low, high = np.percentile(values, [2.5, 97.5])
    return [round(float(low), 4), round(float(high), 4)]


def _block(counts: np.ndarray, labels: tuple[str, ...], n: int, seed: int) -> dict[str, Any]:
    total = counts.sum(0) if len(counts) else np.zeros((len(labels), 3), dtype=int)
    precision, recall, f1 = _prf(total)
    per_label = {}
    for j, label in enumerate(labels):
        per_label[label] = {
            "precision": round(float(precision[j]), 4), "recall": round(float(recall[j]), 4),
            "f1": round(float(f1[j]), 4), "support": int(total[j, 0] + total[j, 2]),
            "predicted": int(total[j, 0] + total[j, 1]),
            "ci": _bootstrap(counts, lambda t, j=j: float(_prf(t)[2][j]), n, seed),
        }
    return {"n_passages": int(len(counts)), "macro_f1": round(_macro(total), 4),
            "macro_ci": _bootstrap(counts, _macro, n, seed), "per_label": per_label}


def span_metrics(gold: list[tuple[Span, ...]], predicted: list[tuple[Span, ...]],
                 languages: list[str], labels: tuple[str, ...] = NER_LABELS,
                 n_boot: int = N_BOOTSTRAP, seed: int = 0) -> dict[str, Any]:
    """Span P/R/F1 per label and per language, macro-F1, 95% bootstrap CIs over passages."""
    counts = np.array([span_counts(g, p, labels) for g, p in zip(gold, predicted, strict=True)])
    overall = _block(counts, labels, n_boot, seed)
    langs = np.asarray(languages)
    per_language = {}
    for lang in sorted(set(languages)):
        block = _block(counts[langs == lang], labels, n_boot, seed)
        per_language[lang] = block
    return {"n_passages": overall["n_passages"],
            "macro": {"f1": overall["macro_f1"], "ci": overall["macro_ci"]},
            "per_label": overall["per_label"], "per_language": per_language}


def _newly_found(rules: dict[str, list[str]], model: dict[str, list[str]]) -> dict[str, list[str]]:
    return {label: [m for m in rules.get(label, []) if m not in model.get(label, [])]
            for label in rules if label != "LAW"}


def blind_kb(gold: dict[str, Any], entries: list[Any] | None = None):
    """The knowledge base without the agencies and programmes a gold document names.

    Every agency or programme entry with a name or acronym that matches (by the scorer's
    name keys) a name, acronym or surface of the gold file's agencies and programmes is left
    out; laws, places and countries stay. The rules then meet the document the way they
    meet a new one, whose entities the knowledge base has never seen.
    """
    from pipeline.evaluate.entities import name_keys
    from pipeline.extract.kb import KnowledgeBase, read_entries

    keys: set[str] = set()
    for field_name in ("agencies", "programmes"):
        for item in gold.get(field_name) or []:
            for key in ("name", "acronym", "surface"):
                keys |= name_keys(item.get(key))
    kept = [e for e in (entries if entries is not None else read_entries())
            if e.kind not in ("agency", "programme")
            or not any(name_keys(n) & keys for n in e.all_names())]
    return KnowledgeBase(kept)


def compare_documents(documents: dict[str, tuple[Any, list[Any], dict[str, Any]]],
                      finder_for, blind: bool = False) -> list[tuple[str, Any, Any]]:
    """(name, score without the model, score with it) of each gold document.

    ``documents``: name -> (Document, passages, gold file); ``finder_for``: knowledge base
    -> a model finder (:func:`pipeline.extract.ner_model.ner_finder`). With ``blind`` each
    document is read with :func:`blind_kb` of its gold file instead of the full knowledge
    base. Scores are :class:`pipeline.evaluate.entities.DocScore`.
    """
    from pipeline.evaluate.entities import score_document
    from pipeline.extract.extractor import extract
    from pipeline.extract.kb import read_entries
    from pipeline.extract.spacy_pipeline import COMPONENT, get_nlp

    full = get_nlp().get_pipe(COMPONENT).kb
    entries = read_entries() if blind else None
    out = []
    for name, (document, passages, gold) in sorted(documents.items()):
        kb = blind_kb(gold, entries) if blind else full
        out.append((name, score_document(gold, extract(document, passages, kb)),
                    score_document(gold, extract(document, passages, kb, finder_for(kb)))))
    return out


def pipeline_report(compared: list[tuple[str, Any, Any]]) -> dict[str, Any]:
    """The scorer's overall report for ``rules`` and ``rules+model``, the gold items only
    the model found, and the entities it added that match no gold item, per document."""
    from pipeline.evaluate.entities import report

    return {
        "documents": [name for name, _, _ in compared],
        "rules": report([base for _, base, _ in compared])["overall"],
        "rules+model": report([plus for _, _, plus in compared])["overall"],
        "found_only_by_model": {name: _newly_found(base.missed, plus.missed)
                                for name, base, plus in compared},
        "extra_from_model": {name: {label: [c for c in plus.extra[label]
                                            if c not in base.extra[label]]
                                    for label in plus.extra if label != "LAW"}
                             for name, base, plus in compared},
    }


def pipeline_check(documents: dict[str, tuple[Any, list[Any], dict[str, Any]]], finder_for
                   ) -> dict[str, Any]:
    """Document-level scores of the extractor without and with the model finder that
    ``finder_for`` builds for a knowledge base (see :func:`compare_documents` and
    :func:`pipeline_report`)."""
    return pipeline_report(compare_documents(documents, finder_for))
