"""Blend two versions' out-of-fold dimension scores: does a head on the frozen layers add to
the fine-tuned model? Tried without training again.

Reads ``out_of_fold.jsonl`` of two versions trained with ``--calibration group`` on the
same passages and folds (each passage's scores from a fold model that never saw its
document), e.g. the fine-tuned 12-layer model and a logistic head on its frozen layer 8,
whose vector a run computes anyway. For each weight ``w`` the blended score is
``w * A + (1 - w) * B``; for each fold the thresholds are calibrated on the other folds'
blended scores and applied to the fold, with the lexicon's explicit names added as in
production. ``nested`` also picks ``w`` per fold from the other folds alone.

    .venv/bin/python scripts/experiments/dimension_blend.py A_VERSION_DIR B_VERSION_DIR
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from pipeline.classify import scores_to_labels  # noqa: E402
from pipeline.classify.fit import calibrate_thresholds  # noqa: E402
from pipeline.evaluate.dimensions import compute_metrics  # noqa: E402
from pipeline.registry import OUT_OF_FOLD_FILE  # noqa: E402
from pipeline.train.annotated import LABEL_FILE, load_annotated  # noqa: E402
from pipeline.train.crossval import evaluation_documents, grouped_folds  # noqa: E402
from pipeline.train.dimensions import DEFAULT_PDF_DIRS  # noqa: E402

LABELS = ["governance", "economy", "mobility", "environment", "people", "living"]
WEIGHTS = (0.0, 0.25, 0.4, 0.5, 0.6, 0.75, 0.85, 1.0)


def read_scores(version: Path) -> dict[str, dict]:
    """The scored out-of-fold records of a version, by label-file item."""
    lines = (version / OUT_OF_FOLD_FILE).read_text().splitlines()
    records = [json.loads(line) for line in lines]
    return {r["item"]: r for r in records if "scores" in r}


def predict_fold(scores, truth, texts, test) -> np.ndarray:
    """Labels of the ``test`` rows with thresholds calibrated on the other rows."""
    cuts = calibrate_thresholds(scores[~test], truth[~test], LABELS)
    idx = np.flatnonzero(test)
    return scores_to_labels([texts[i] for i in idx], scores[idx], LABELS, cuts)


def macro(truth: np.ndarray, predicted: np.ndarray) -> float:
    """Macro-F1 over the labels of 0/1 matrices (no intervals)."""
    tp = (truth * predicted).sum(axis=0)
    denominator = truth.sum(axis=0) + predicted.sum(axis=0)
    return float(np.mean(np.where(denominator > 0, 2 * tp / np.maximum(denominator, 1), 1.0)))


def main() -> None:
    """Print macro-F1 per blend weight, and with the weight chosen per fold (nested)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("a", type=Path, help="version folder A (weight w)")
    parser.add_argument("b", type=Path, help="version folder B (weight 1 - w)")
    parser.add_argument("--folds", type=int, default=5)
    args = parser.parse_args()
    a, b = read_scores(args.a), read_scores(args.b)
    items = [item for item in a if item in b]
    found, _ = load_annotated(list(DEFAULT_PDF_DIRS), LABEL_FILE)
    text_of = {x.record["item"]: x.text for x in found}
    texts = [text_of.get(item, "") for item in items]
    sa = np.array([[a[i]["scores"][lb] for lb in LABELS] for i in items])
    sb = np.array([[b[i]["scores"][lb] for lb in LABELS] for i in items])
    truth = np.array([[float(lb in a[i]["truth"]) for lb in LABELS] for i in items])
    langs = np.array([a[i]["language"] for i in items])

    class Row:
        def __init__(self, r: dict) -> None:
            self.document, self.source = r["document"], r["source"]

    rows = [Row(a[i]) for i in items]
    folds = grouped_folds(rows, evaluation_documents(rows), args.folds)
    tests = [np.array([r.document in fold for r in rows]) for fold in folds]

    def blended(w: float) -> np.ndarray:
        return w * sa + (1 - w) * sb

    def report(name: str, predicted: np.ndarray) -> None:
        m = compute_metrics(truth, predicted, list(langs), LABELS)
        low, high = m["macro"]["ci"]
        per_lang = ", ".join(f"{k} {v['macro_f1']:.3f}" for k, v in m["per_language"].items())
        per_label = ", ".join(f"{k} {v['f1']:.3f}" for k, v in m["per_label"].items())
        print(f"{name}: macro-F1 {m['macro']['f1']:.3f} ({low:.3f}-{high:.3f}); {per_lang}")
        print(f"    {per_label}")

    for w in WEIGHTS:
        predicted = np.zeros_like(truth)
        scores = blended(w)
        for test in tests:
            predicted[test] = predict_fold(scores, truth, texts, test)
        report(f"w = {w:.2f}", predicted)

    nested = np.zeros_like(truth)
    chosen = []
    for outer in tests:
        inner = [t for t in tests if t is not outer]

        def inner_score(w: float, outer=outer, inner=inner) -> float:
            """Macro-F1 over the other folds, each calibrated without it or ``outer``."""
            scores, pred = blended(w), np.zeros_like(truth)
            for t in inner:
                train = ~t & ~outer
                cuts = calibrate_thresholds(scores[train], truth[train], LABELS)
                idx = np.flatnonzero(t)
                pred[idx] = scores_to_labels([texts[i] for i in idx], scores[idx], LABELS, cuts)
            return macro(truth[~outer], pred[~outer])

        best = max(WEIGHTS, key=inner_score)
        chosen.append(best)
        nested[outer] = predict_fold(blended(best), truth, texts, outer)
    report(f"nested (weights chosen per fold: {chosen})", nested)
    print(f"{len(items)} passages, {len(folds)} folds, {sum(not t for t in texts)} texts not found")


if __name__ == "__main__":
    main()
