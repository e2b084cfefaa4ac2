"""One threshold per label, or one per label and language? Tried on a version's out-of-fold
scores, without training again.

Reads ``out_of_fold.jsonl`` of a version trained with ``--calibration group`` (each
passage's scores from a fold model that never saw its document). The folds are rebuilt as
training built them (grouped by document, deterministic). For each fold, thresholds are
calibrated on the other folds' out-of-fold scores, either per label (as production does)
or per label and language (falling back to the label's when a language has fewer than
``--min-positives`` positives there), and applied to the fold; the lexicon's explicit
names are added as in production (texts read from the PDFs by their keys).

    .venv/bin/python scripts/experiments/thresholds_by_language.py models/dimensions/v8
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass
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


@dataclass(frozen=True)
class Row:
    """What fold building needs of a scored passage."""

    document: str
    source: str


def calibrated(
    scores: np.ndarray, truth: np.ndarray, langs: np.ndarray, by_language: bool, least: int
) -> dict:
    """Thresholds per label, or per (label, language) with the label's as fallback."""
    overall = calibrate_thresholds(scores, truth, LABELS)
    if not by_language:
        return {lang: overall for lang in set(langs)}
    out = {}
    for lang in set(langs):
        rows = langs == lang
        mine = calibrate_thresholds(scores[rows], truth[rows], LABELS)
        out[lang] = {
            lb: mine[lb] if truth[rows, j].sum() >= least else overall[lb] for j, lb in enumerate(LABELS)
        }
    return out


def main() -> None:
    """Print macro-F1 (CI, per language, per label) of both threshold rules."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("version", type=Path, help="a version folder with out_of_fold.jsonl")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--min-positives", type=int, default=20)
    args = parser.parse_args()
    records = [json.loads(line) for line in (args.version / OUT_OF_FOLD_FILE).read_text().splitlines()]
    records = [r for r in records if "scores" in r]
    found, _ = load_annotated(list(DEFAULT_PDF_DIRS), LABEL_FILE)
    text_of = {a.record["item"]: a.text for a in found}
    texts = [text_of.get(r["item"], "") for r in records]
    scores = np.array([[r["scores"][lb] for lb in LABELS] for r in records])
    truth = np.array([[float(lb in r["truth"]) for lb in LABELS] for r in records])
    langs = np.array([r["language"] for r in records])
    rows = [Row(r["document"], r["source"]) for r in records]
    folds = grouped_folds(rows, evaluation_documents(rows), args.folds)
    for by_language in (False, True):
        predicted = np.zeros_like(truth)
        for fold in folds:
            test = np.array([r.document in fold for r in rows])
            cuts = calibrated(scores[~test], truth[~test], langs[~test], by_language, args.min_positives)
            for lang in set(langs[test]):
                idx = np.flatnonzero(test & (langs == lang))
                chosen = [texts[i] for i in idx]
                predicted[idx] = scores_to_labels(chosen, scores[idx], LABELS, cuts.get(lang, cuts[langs[0]]))
        m = compute_metrics(truth, predicted, list(langs), LABELS)
        low, high = m["macro"]["ci"]
        name = "per label and language" if by_language else "per label"
        print(f"{name}: macro-F1 {m['macro']['f1']:.3f} ({low:.3f}-{high:.3f})")
        print("  " + ", ".join(f"{k} {v['macro_f1']:.3f}" for k, v in m["per_language"].items()))
        print("  " + ", ".join(f"{k} {v['f1']:.3f}" for k, v in m["per_label"].items()))
    print(f"{len(records)} passages, {len(folds)} folds, {sum(not t for t in texts)} texts not found")


if __name__ == "__main__":
    main()
