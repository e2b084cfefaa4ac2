"""Training the document relevance judge (on topic: public policy, governance, cities).

Labels: ``pipeline/data/training/document_relevance.jsonl`` (one line per document: file,
sha256, relevant, reason; made by reading, see ``docs/annotation.md``). Documents that have
a gold file are never trained on. Metrics are leave-one-document-out over the labelled
documents (each judged by a model or threshold fitted without it), with bootstrap CIs; the
final judge is fitted on all of them and saved as ``models/relevance/v<N>/``.

Two kinds (see :mod:`pipeline.relevance`): :func:`train_share_judge` learns the threshold
on the share of a document's passages that got a dimension, the shares taken from the
production dimension model's out-of-fold predictions (each passage scored by a fold model
that never saw its document); :func:`train_relevance` fits the hashed-words model.
"""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

import numpy as np

from pipeline.evaluate.dimensions import compute_metrics
from pipeline.filenames import find_file
from pipeline.registry import METRICS_FILE, OUT_OF_FOLD_FILE, TRAINING_FILE, production, version_dir
from pipeline.relevance import RelevanceModel, ShareJudge, document_text, features, fit, read_labels
from pipeline.settings import PACKAGE_DATA
from pipeline.train.annotated import document_passages
from pipeline.train.registry import code_version, new_version_dir, write_json
from pipeline.train.whole_documents import WHOLE_FILE, read_whole_shares

LABELS = PACKAGE_DATA / "training" / "document_relevance.jsonl"
CLASSES = ["on_topic", "off_topic"]


def labelled_matrix(
    folders: list[Path],
    skip: set[str],
    path: Path = LABELS,
) -> tuple[np.ndarray, np.ndarray, list[str]]:
    """(features, 0/1 targets, file names) of the labelled documents found in ``folders``."""
    rows, targets, names = [], [], []
    for label in read_labels(path):
        if label["file"] in skip:
            continue
        pdf = find_file(label["file"], label["document"], folders)
        if pdf is None:
            continue
        rows.append(features(document_text(document_passages(pdf, label["document"]))))
        targets.append(float(label["relevant"]))
        names.append(label["file"])
    return np.array(rows), np.array(targets), names


def leave_one_out(matrix: np.ndarray, targets: np.ndarray) -> np.ndarray:
    """Each document's score from a model trained on all the others."""
    scores = np.zeros(len(targets))
    for i in range(len(targets)):
        keep = np.arange(len(targets)) != i
        model = fit(matrix[keep], targets[keep])
        scores[i] = float(1 / (1 + np.exp(-(matrix[i] @ model.weights + model.bias))))
    return scores


def relevance_metrics(
    targets: np.ndarray,
    predicted: np.ndarray,
    names: list[str],
) -> dict[str, Any]:
    """P/R/F1 of both classes (macro with CI) in the registry's metrics format."""
    truth = np.stack([targets, 1 - targets], axis=1)
    pred = np.stack([predicted, 1 - predicted], axis=1)
    metrics = compute_metrics(truth, pred, ["all"] * len(targets), CLASSES)
    metrics["accuracy"] = round(float((truth[:, 0] == pred[:, 0]).mean()), 4)
    metrics["errors"] = [n for n, t, p in zip(names, targets, predicted, strict=True) if t != p]
    metrics["protocol"] = "leave-one-document-out"
    metrics["documents"] = names
    return metrics


def train_relevance(
    folders: list[Path],
    skip: set[str],
    models_dir: Path | None = None,
) -> Path:
    """Measure by leave-one-out, train on all labelled documents, save a new version."""
    started = time.time()
    matrix, targets, names = labelled_matrix(folders, skip)
    scores = leave_one_out(matrix, targets)
    metrics = relevance_metrics(targets, (scores >= 0.5).astype(float), names)
    model: RelevanceModel = fit(matrix, targets)
    target = new_version_dir("relevance", models_dir)
    model.save(target)
    write_json(
        target / TRAINING_FILE,
        {
            "name": "relevance",
            "labels": str(LABELS.relative_to(PACKAGE_DATA.parent.parent)),
            "documents": {"trained": names, "held_out": sorted(skip)},
            "n_on_topic": int(targets.sum()),
            "n_off_topic": int(len(targets) - targets.sum()),
            "code_version": code_version(),
            "duration_s": round(time.time() - started, 1),
        },
    )
    write_json(target / METRICS_FILE, metrics)
    return target


def out_of_fold_shares(path: Path, min_passages: int) -> dict[str, float]:
    """Per document (file stem), the share of its scored passages that got a dimension in a
    dimension model's out-of-fold predictions; documents with fewer than ``min_passages``
    scored passages are left out."""
    counts: dict[str, list[int]] = {}
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        row = json.loads(line)
        if row.get("source") != "annotated" or row.get("language") == "other":
            continue
        seen = counts.setdefault(row["document"], [0, 0])
        seen[0] += 1
        seen[1] += bool(row["predicted"])
    return {doc: hit / n for doc, (n, hit) in counts.items() if n >= min_passages}


def best_threshold(shares: np.ndarray, targets: np.ndarray) -> float:
    """The share cut (midway between observed shares, or 0) with the best macro-F1 of the two
    classes on these documents; ties go to the lower cut (fewer documents left out)."""
    values = np.unique(shares)
    cuts = [0.0, *((values[1:] + values[:-1]) / 2)]

    def score(cut: float) -> float:
        predicted = (shares >= cut).astype(float)
        return float(np.mean([_f1(targets == c, predicted == c) for c in (1.0, 0.0)]))

    return float(max(cuts, key=lambda cut: (score(cut), -cut)))


def _f1(truth: np.ndarray, predicted: np.ndarray) -> float:
    tp = float((truth & predicted).sum())
    total = float(truth.sum() + predicted.sum())
    return 2 * tp / total if total else 0.0


def train_share_judge(
    skip: set[str],
    models_dir: Path | None = None,
    min_passages: int = 5,
    labels: Path = LABELS,
    dimensions: str | None = None,
) -> Path:
    """Learn the dimension-share threshold from the labelled documents (measured leave one
    document out) on the out-of-fold predictions of dimension model version ``dimensions``
    (default: production's), and save it as a new version of ``relevance``."""
    started = time.time()
    version = dimensions or production("dimensions", models_dir)
    oof = version_dir("dimensions", version, models_dir) / OUT_OF_FOLD_FILE if version else None
    if oof is None or not oof.is_file():
        raise FileNotFoundError(
            f"dimension model {version or '(none in production)'} has no out-of-fold predictions "
            f"({OUT_OF_FOLD_FILE}); train one with `sandingan train dimensions`"
        )
    whole = oof.parent / WHOLE_FILE
    if whole.is_file():  # whole held-out documents, as a run labels them
        shares, protocol = read_whole_shares(whole, min_passages), "whole held-out documents"
    else:
        shares, protocol = out_of_fold_shares(oof, min_passages), "out-of-fold annotated passages"
    rows = [
        (Path(r["file"]).stem, shares[Path(r["file"]).stem], float(r["relevant"]))
        for r in read_labels(labels)
        if r["file"] not in skip and Path(r["file"]).stem in shares
    ]
    names = [name for name, _, _ in rows]
    x = np.array([share for _, share, _ in rows])
    y = np.array([target for _, _, target in rows])
    predicted = np.zeros(len(rows))
    for i in range(len(rows)):
        keep = np.arange(len(rows)) != i
        predicted[i] = float(x[i] >= best_threshold(x[keep], y[keep]))
    metrics = relevance_metrics(y, predicted, names)
    metrics["protocol"] = f"leave-one-document-out, shares of {protocol} labelled by fold models"
    metrics["shares"] = {name: round(float(share), 4) for name, share, _ in rows}
    judge = ShareJudge(round(best_threshold(x, y), 4), min_passages)
    target = new_version_dir("relevance", models_dir)
    judge.save(target)
    write_json(
        target / TRAINING_FILE,
        {
            "name": "relevance",
            "kind": "dimension_share",
            "labels": str(labels.relative_to(PACKAGE_DATA.parent.parent))
            if labels.is_relative_to(PACKAGE_DATA.parent.parent)
            else str(labels),
            "dimension_model": f"dimensions/{version}",
            "shares_from": protocol,
            "documents": {"trained": names, "held_out": sorted(skip)},
            "n_on_topic": int(y.sum()),
            "n_off_topic": int(len(y) - y.sum()),
            "threshold": judge.threshold,
            "code_version": code_version(),
            "duration_s": round(time.time() - started, 1),
        },
    )
    write_json(target / METRICS_FILE, metrics)
    return target
