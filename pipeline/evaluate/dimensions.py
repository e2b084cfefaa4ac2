"""Scoring passage labels: precision, recall, F1 per label and per language, bootstrap CIs.

:func:`compute_metrics` is what every model version stores as ``metrics.json``.
:func:`evaluate_version` scores a saved version (or the lexicon alone) on a gold folder,
skipping the documents the version was trained on; :func:`evaluate_cv` measures a training
recipe by leave-one-document-out over a gold folder (every document held out once).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np

N_BOOTSTRAP = 1000


def prf(truth: np.ndarray, predicted: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per-column precision, recall and F1 of 0/1 matrices (0 where undefined)."""
    tp = (truth * predicted).sum(0)
    pred_pos, true_pos = predicted.sum(0), truth.sum(0)
    precision = np.divide(tp, pred_pos, out=np.zeros_like(tp, dtype=float), where=pred_pos > 0)
    recall = np.divide(tp, true_pos, out=np.zeros_like(tp, dtype=float), where=true_pos > 0)
    denom = pred_pos + true_pos
    f1 = np.divide(2 * tp, denom, out=np.zeros_like(tp, dtype=float), where=denom > 0)
    return precision, recall, f1


def macro_f1(truth: np.ndarray, predicted: np.ndarray) -> float:
    """Mean F1 over the labels that occur in the truth or the predictions."""
    _, _, f1 = prf(truth, predicted)
    present = (truth.sum(0) + predicted.sum(0)) > 0
    return float(f1[present].mean()) if present.any() else 0.0


def bootstrap_ci(truth: np.ndarray, predicted: np.ndarray, stat, n: int = N_BOOTSTRAP,
                 seed: int = 0, level: float = 0.95) -> tuple[float, float]:
    """Percentile bootstrap interval of ``stat(truth, predicted)`` resampling passages (rows)."""
    if len(truth) == 0:
        return (0.0, 0.0)
    rng = np.random.default_rng(seed)
    values = [stat(truth[idx], predicted[idx])
              for idx in rng.integers(0, len(truth), size=(n, len(truth)))]
    tail = (1 - level) / 2 * 100
    low, high = np.percentile(values, [tail, 100 - tail])
    return round(float(low), 4), round(float(high), 4)


def _label_block(truth: np.ndarray, predicted: np.ndarray, labels: list[str],
                 n_boot: int, seed: int) -> dict[str, Any]:
    precision, recall, f1 = prf(truth, predicted)
    block = {}
    for j, label in enumerate(labels):
        def stat(t, p, j=j):
            return float(prf(t[:, j : j + 1], p[:, j : j + 1])[2][0])
        block[label] = {
            "precision": round(float(precision[j]), 4), "recall": round(float(recall[j]), 4),
            "f1": round(float(f1[j]), 4), "support": int(truth[:, j].sum()),
            "ci": list(bootstrap_ci(truth, predicted, stat, n_boot, seed)),
        }
    return block


def compute_metrics(truth: np.ndarray, predicted: np.ndarray, languages: list[str],
                    labels: list[str], n_boot: int = N_BOOTSTRAP, seed: int = 0) -> dict[str, Any]:
    """P/R/F1 per label, macro-F1, the same per language; 95% bootstrap CIs everywhere."""
    truth, predicted = np.asarray(truth, float), np.asarray(predicted, float)
    langs = np.asarray(languages)
    result: dict[str, Any] = {
        "n_passages": int(len(truth)),
        "macro": {"f1": round(macro_f1(truth, predicted), 4),
                  "ci": list(bootstrap_ci(truth, predicted, macro_f1, n_boot, seed))},
        "per_label": _label_block(truth, predicted, labels, n_boot, seed),
        "per_language": {},
    }
    for lang in sorted(set(languages)):
        rows = langs == lang
        t, p = truth[rows], predicted[rows]
        result["per_language"][lang] = {
            "n_passages": int(rows.sum()), "macro_f1": round(macro_f1(t, p), 4),
            "ci": list(bootstrap_ci(t, p, macro_f1, n_boot, seed)),
            "per_label": _label_block(t, p, labels, n_boot, seed),
        }
    return result


def format_metrics(metrics: dict[str, Any], title: str = "") -> str:
    """A plain-text table of a metrics dict: macro, per language, per label."""
    lines = [title] if title else []
    macro = metrics["macro"]
    lines.append(f"macro-F1 {macro['f1']:.3f}  (95% CI {macro['ci'][0]:.3f}-{macro['ci'][1]:.3f})"
                 f"  n={metrics['n_passages']}")
    for lang, block in metrics.get("per_language", {}).items():
        lines.append(f"  [{lang}] macro-F1 {block['macro_f1']:.3f}  (95% CI {block['ci'][0]:.3f}-"
                     f"{block['ci'][1]:.3f})  n={block['n_passages']}")
    lines.append(f"  {'label':<13}{'P':>7}{'R':>7}{'F1':>7}  {'CI':<13}{'support':>8}")
    for label, m in metrics["per_label"].items():
        lines.append(f"  {label:<13}{m['precision']:>7.3f}{m['recall']:>7.3f}{m['f1']:>7.3f}  "
                     f"{m['ci'][0]:.2f}-{m['ci'][1]:.2f}    {m['support']:>6}")
    return "\n".join(lines)


def evaluate_version(gold_dir: Path, name: str = "dimensions", version: str | None = None,
                     models_dir: Path | None = None, include_trained: bool = False,
                     ) -> dict[str, Any]:
    """Score a model version (None: the lexicon alone) on the gold passages of ``gold_dir``.

    Documents listed in the version's ``training.json`` as trained on are skipped unless
    ``include_trained``; the result names the documents scored and those skipped.
    """
    from pipeline.classify import score_texts, scores_to_labels
    from pipeline.train.dimensions import label_matrix, load_gold_examples, trained_documents

    examples = load_gold_examples(gold_dir)
    skipped: set[str] = set()
    if version is not None and not include_trained:
        skipped = trained_documents(name, version, models_dir)
    kept = [e for e in examples if e.document not in skipped]
    method, labels, scores, thresholds = score_texts([e.text for e in kept], name, version,
                                                     models_dir)
    predicted = scores_to_labels([e.text for e in kept], scores, labels, thresholds)
    metrics = compute_metrics(label_matrix(kept, labels), predicted,
                              [e.language for e in kept], labels)
    metrics["scored_documents"] = sorted({e.document for e in kept})
    metrics["skipped_trained_documents"] = sorted({e.document for e in examples} & skipped)
    metrics["method"] = method
    return metrics


def evaluate_cv(gold_dir: Path, name: str = "dimensions", version: str | None = None,
                models_dir: Path | None = None, **overrides: Any) -> dict[str, Any]:
    """Leave-one-document-out metrics of a version's training recipe (default recipe: None)."""
    from pipeline.train.dimensions import cross_validated_metrics, recipe_of

    config, sources = recipe_of(name, version, models_dir)
    sources["gold_dir"] = gold_dir
    return cross_validated_metrics(config, sources, **overrides)
