"""Does a passage's document help label it? Tried on a version's out-of-fold scores,
without training again.

Reads ``out_of_fold.jsonl`` of a version trained with ``--calibration group`` and scores
kept (each passage's scores from a fold model that never saw its document). A logistic
stacker per label reads the passage's own scores (log-odds), then also the mean scores of
the other annotated passages of its document (what the document is about, known at run
time from its other passages), grouped 5-fold by document; its threshold per label is
chosen on the training folds' inner out-of-fold predictions. Macro-F1 over all passages
and per language.

    .venv/bin/python scripts/experiments/dimension_document_context.py SCRATCH/dimensions/v7
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score

LABELS = ("governance", "economy", "mobility", "environment", "people", "living")
FOLDS = 5


def logit(p: np.ndarray) -> np.ndarray:
    """Log-odds, clipped away from 0 and 1."""
    p = np.clip(p, 1e-4, 1 - 1e-4)
    return np.log(p / (1 - p))


def document_means(scores: np.ndarray, documents: np.ndarray) -> np.ndarray:
    """Each passage's document mean of the other passages' scores (the corpus mean when alone)."""
    out = np.tile(scores.mean(0), (len(scores), 1))
    for doc in set(documents):
        rows = documents == doc
        if rows.sum() > 1:
            out[rows] = (scores[rows].sum(0) - scores[rows]) / (rows.sum() - 1)
    return out


def grouped_folds(documents: np.ndarray, folds: int = FOLDS) -> np.ndarray:
    """A fold number per passage, by document (seeded shuffle)."""
    names = sorted(set(documents))
    np.random.RandomState(0).shuffle(names)
    fold_of = {d: i % folds for i, d in enumerate(names)}
    return np.array([fold_of[d] for d in documents])


def stacked(features: np.ndarray, truth: np.ndarray, fold: np.ndarray) -> np.ndarray:
    """Out-of-fold labels of a logistic stacker per label, thresholds from inner folds."""
    labels = np.zeros_like(truth)
    grid = np.linspace(0.05, 0.95, 91)
    for k in range(FOLDS):
        train, test = fold != k, fold == k
        for j in range(truth.shape[1]):
            inner = np.zeros(train.sum())
            x, y, f = features[train], truth[train, j], fold[train]
            for k2 in set(f):
                fit = LogisticRegression(max_iter=1000).fit(x[f != k2], y[f != k2])
                inner[f == k2] = fit.predict_proba(x[f == k2])[:, 1]
            best = max(grid, key=lambda t: f1_score(y, inner >= t, zero_division=0))
            model = LogisticRegression(max_iter=1000).fit(x, y)
            labels[test, j] = model.predict_proba(features[test])[:, 1] >= best
    return labels


def macro(truth: np.ndarray, labels: np.ndarray, rows: np.ndarray | None = None) -> float:
    """Macro-F1 over the labels (on ``rows`` when given)."""
    if rows is not None:
        truth, labels = truth[rows], labels[rows]
    per_label = [f1_score(truth[:, j], labels[:, j], zero_division=0) for j in range(truth.shape[1])]
    return float(np.mean(per_label))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("version", type=Path, help="a version folder whose out_of_fold.jsonl has scores")
    args = parser.parse_args()
    rows = [json.loads(line) for line in (args.version / "out_of_fold.jsonl").open(encoding="utf-8")]
    rows = [r for r in rows if r.get("scores")]
    scores = np.array([[r["scores"][k] for k in LABELS] for r in rows])
    truth = np.array([[k in r["truth"] for k in LABELS] for r in rows]).astype(int)
    documents = np.array([r["document"] for r in rows])
    languages = np.array([r["language"] for r in rows])
    fold = grouped_folds(documents)
    own = logit(scores)
    for name, features in (
        ("own scores", own),
        ("own scores + document means", np.hstack([own, logit(document_means(scores, documents))])),
    ):
        labels = stacked(features, truth, fold)
        per_label = {k: round(f1_score(truth[:, j], labels[:, j]), 3) for j, k in enumerate(LABELS)}
        print(
            f"{name}: macro-F1 {macro(truth, labels):.3f} (en {macro(truth, labels, languages == 'en'):.3f}, "
            f"id {macro(truth, labels, languages == 'id'):.3f}) {per_label}"
        )


if __name__ == "__main__":
    main()
