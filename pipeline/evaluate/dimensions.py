"""Scoring passage labels: precision, recall, F1 per label and per language, bootstrap CIs.

:func:`compute_metrics` is what every classifier version stores as ``metrics.json`` (the
scores of :mod:`pipeline.evaluate.metrics` in the dict shape the registry reads).
:func:`evaluate_version` scores a saved version (or the lexicon alone) on a gold folder,
skipping the documents the version was trained on. Measuring a training recipe by
leave-one-document-out is :func:`pipeline.train.dimensions.evaluate_cv`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np

from pipeline.classify import score_texts, scores_to_labels
from pipeline.evaluate.metrics import N_BOOTSTRAP, GroupScore, label_counts, score_counts
from pipeline.labelled import label_matrix, load_gold_examples
from pipeline.registry import trained_documents

# The ends of the 95% interval as the passage scores have always computed them,
# ``(1 - 0.95) / 2 * 100``: 2.500000000000002 rather than 2.5, kept so that the intervals
# of stored metrics reproduce to the last digit.
PERCENTILES = ((1 - 0.95) / 2 * 100, 100 - (1 - 0.95) / 2 * 100)


def _labels_dict(group: GroupScore) -> dict[str, Any]:
    return {
        label: {
            "precision": s.precision,
            "recall": s.recall,
            "f1": s.f1,
            "support": s.support,
            "ci": list(s.ci),
        }
        for label, s in group.per_label.items()
    }


def compute_metrics(
    truth: np.ndarray,
    predicted: np.ndarray,
    languages: list[str],
    labels: list[str],
    n_boot: int = N_BOOTSTRAP,
    seed: int = 0,
) -> dict[str, Any]:
    """P/R/F1 per label, macro-F1, the same per language; 95% bootstrap CIs everywhere
    (0/1 matrices, rows = passages), as a ``metrics.json`` dict."""
    scores = score_counts(label_counts(truth, predicted), languages, labels, n_boot, seed, PERCENTILES)
    overall = scores.overall
    return {
        "n_passages": overall.n_passages,
        "macro": {"f1": overall.macro_f1, "ci": list(overall.macro_ci)},
        "micro": {"f1": overall.micro_f1, "ci": list(overall.micro_ci)},
        "per_label": _labels_dict(overall),
        "per_language": {
            lang: {
                "n_passages": group.n_passages,
                "macro_f1": group.macro_f1,
                "ci": list(group.macro_ci),
                "per_label": _labels_dict(group),
            }
            for lang, group in scores.per_language.items()
        },
    }


def format_metrics(metrics: dict[str, Any], title: str = "") -> str:
    """A plain-text table of a metrics dict: macro, per language, per label."""
    lines = [title] if title else []
    macro = metrics["macro"]
    lines.append(
        f"macro-F1 {macro['f1']:.3f}  (95% CI {macro['ci'][0]:.3f}-{macro['ci'][1]:.3f})"
        f"  n={metrics['n_passages']}"
    )
    if "micro" in metrics:
        micro = metrics["micro"]
        lines.append(f"micro-F1 {micro['f1']:.3f}  (95% CI {micro['ci'][0]:.3f}-{micro['ci'][1]:.3f})")
    for lang, block in metrics.get("per_language", {}).items():
        lines.append(
            f"  [{lang}] macro-F1 {block['macro_f1']:.3f}  (95% CI {block['ci'][0]:.3f}-"
            f"{block['ci'][1]:.3f})  n={block['n_passages']}"
        )
    lines.append(f"  {'label':<13}{'P':>7}{'R':>7}{'F1':>7}  {'CI':<13}{'support':>8}")
    for label, m in metrics["per_label"].items():
        lines.append(
            f"  {label:<13}{m['precision']:>7.3f}{m['recall']:>7.3f}{m['f1']:>7.3f}  "
            f"{m['ci'][0]:.2f}-{m['ci'][1]:.2f}    {m['support']:>6}"
        )
    return "\n".join(lines)


def evaluate_version(
    gold_dir: Path,
    name: str = "dimensions",
    version: str | None = None,
    models_dir: Path | None = None,
    include_trained: bool = False,
) -> dict[str, Any]:
    """Score a model version (None: the lexicon alone) on the gold passages of ``gold_dir``.

    Documents listed in the version's ``training.json`` as trained on are skipped unless
    ``include_trained``; the result names the documents scored and those skipped.
    """
    examples = load_gold_examples(gold_dir)
    skipped: set[str] = set()
    if version is not None and not include_trained:
        skipped = trained_documents(name, version, models_dir)
    kept = [e for e in examples if e.document not in skipped]
    method, labels, scores, thresholds = score_texts([e.text for e in kept], name, version, models_dir)
    predicted = scores_to_labels([e.text for e in kept], scores, labels, thresholds)
    metrics = compute_metrics(label_matrix(kept, labels), predicted, [e.language for e in kept], labels)
    metrics["scored_documents"] = sorted({e.document for e in kept})
    metrics["skipped_trained_documents"] = sorted({e.document for e in examples} & skipped)
    metrics["method"] = method
    return metrics
