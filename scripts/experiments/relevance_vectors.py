"""Is a document on topic? Judged from the mean of its passages' encoder vectors.

A run already computes, for every substantive passage, the production dimension model's
pooled vector after its frozen layers (what the policy-stage head reads). Their mean over a
document says what the document is about. This script reads every labelled document
(``pipeline/data/training/document_relevance.jsonl``; documents with a gold file are left
out, as ``sandingan train relevance`` does), takes up to ``--per-document`` substantive
passages spread evenly over it, averages their vectors, and scores a class-balanced logistic
regression leave one document out. Vectors are cached in ``--cache``.

    .venv/bin/python scripts/experiments/relevance_vectors.py --cache /tmp/relevance_vectors.npz
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from pipeline.classify import labelled_passages  # noqa: E402
from pipeline.classify.predictor import production_model  # noqa: E402
from pipeline.filenames import find_file  # noqa: E402
from pipeline.fragments import classification_text  # noqa: E402
from pipeline.langid import assign_languages  # noqa: E402
from pipeline.relevance import read_labels  # noqa: E402
from pipeline.train.annotated import document_passages  # noqa: E402
from pipeline.train.dimensions import DEFAULT_GOLD, DEFAULT_PDF_DIRS  # noqa: E402
from pipeline.train.relevance import LABELS, relevance_metrics  # noqa: E402


def spread(items: list[str], most: int) -> list[str]:
    """Up to ``most`` items, evenly spaced over the list."""
    if len(items) <= most:
        return items
    return [items[int(i * len(items) / most)] for i in range(most)]


def document_vectors(per_document: int) -> tuple[np.ndarray, np.ndarray, list[str], np.ndarray]:
    """(mean vectors, 0/1 on-topic targets, file names, substantive passages) of the
    labelled documents."""
    gold = {json.loads(p.read_text()).get("file", "") for p in sorted(DEFAULT_GOLD.glob("*.json"))}
    model = production_model("dimensions")
    assert model is not None, "no production dimension model"
    rows, targets, names, counts = [], [], [], []
    for label in read_labels(LABELS):
        if label["file"] in gold:
            continue
        pdf = find_file(label["file"], label["document"], list(DEFAULT_PDF_DIRS))
        if pdf is None:
            continue
        passages = document_passages(pdf, label["document"])
        assign_languages(passages)
        substantive = [classification_text(p) for p in labelled_passages(passages)]
        texts = spread(substantive, per_document)
        if not texts:
            continue
        _, tapped = model.scores_and_tapped(texts)
        rows.append(tapped.mean(0))
        targets.append(float(label["relevant"]))
        names.append(label["file"])
        counts.append(len(substantive))
        print(f"{len(names):3d} {label['file'][:60]} {len(texts)} passages", flush=True)
    return np.array(rows), np.array(targets), names, np.array(counts)


STRENGTHS = (0.001, 0.01, 0.1, 1.0)


def fitted(x: np.ndarray, y: np.ndarray, c: float):
    """A standardised, class-balanced logistic regression fitted on (x, y)."""
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    model = make_pipeline(StandardScaler(), LogisticRegression(C=c, class_weight="balanced", max_iter=2000))
    return model.fit(x, y)


def loo_scores(x: np.ndarray, y: np.ndarray, c: float) -> np.ndarray:
    """Each document's on-topic probability from a model fitted on all the others."""
    out = np.zeros(len(y))
    for i in range(len(y)):
        keep = np.arange(len(y)) != i
        out[i] = fitted(x[keep], y[keep], c).predict_proba(x[i : i + 1])[0, 1]
    return out


def balanced_accuracy(y: np.ndarray, predicted: np.ndarray) -> float:
    """Mean of the recall of both classes."""
    return float(np.mean([(predicted[y == k] == k).mean() for k in (0.0, 1.0) if (y == k).any()]))


def nested_scores(x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, list[float]]:
    """Leave one document out, the strength chosen on the other documents alone (by the
    balanced accuracy of their own leave-one-out predictions)."""
    out, chosen = np.zeros(len(y)), []
    for i in range(len(y)):
        keep = np.arange(len(y)) != i
        inner = {c: balanced_accuracy(y[keep], loo_scores(x[keep], y[keep], c) >= 0.5) for c in STRENGTHS}
        best = max(STRENGTHS, key=inner.__getitem__)
        chosen.append(best)
        out[i] = fitted(x[keep], y[keep], best).predict_proba(x[i : i + 1])[0, 1]
    return out, chosen


def main() -> None:
    """Print leave-one-document-out figures for a few regularisation strengths."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--per-document", type=int, default=200)
    parser.add_argument("--cache", type=Path, default=None)
    parser.add_argument("--min-passages", type=int, default=5, help="fewer: not judged")
    args = parser.parse_args()
    if args.cache and args.cache.is_file():
        data = np.load(args.cache, allow_pickle=False)
        x, y, names, counts = data["x"], data["y"], list(data["names"]), data["counts"]
    else:
        x, y, names, counts = document_vectors(args.per_document)
        if args.cache:
            np.savez(args.cache, x=x, y=y, names=np.array(names), counts=counts)
    judged = counts >= args.min_passages
    unjudged = [n for n, j in zip(names, judged, strict=True) if not j]
    print("not judged (too few passages): " + ", ".join(unjudged))
    x, y = x[judged] / np.linalg.norm(x[judged], axis=1, keepdims=True), y[judged]
    names = [n for n, j in zip(names, judged, strict=True) if j]
    print(f"{len(y)} documents, {int((y == 0).sum())} off topic")
    runs = [(f"C={c}", loo_scores(x, y, c)) for c in STRENGTHS]
    nested, chosen = nested_scores(x, y)
    runs.append((f"nested (C chosen: {sorted(set(chosen))})", nested))
    for name, scores in runs:
        predicted = (scores >= 0.5).astype(float)
        m = relevance_metrics(y, predicted, names)
        off = m["per_label"]["off_topic"]
        print(
            f"{name}: accuracy {m['accuracy']:.3f}, macro-F1 {m['macro']['f1']:.3f} "
            f"({m['macro']['ci'][0]:.3f}-{m['macro']['ci'][1]:.3f}); off topic P {off['precision']:.2f} "
            f"R {off['recall']:.2f}; wrong: {', '.join(n[:40] for n in m['errors'])}"
        )


if __name__ == "__main__":
    main()
