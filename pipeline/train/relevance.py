"""Training the document relevance model (on topic: public policy, governance, cities).

Labels: ``pipeline/data/training/document_relevance.jsonl`` (one line per document: file,
sha256, relevant, reason; made by reading, see ``docs/annotation.md``). Documents that have
a gold file are never trained on. Metrics are leave-one-document-out over the labelled
documents (each scored by a model that never saw it), with bootstrap CIs; the final model
is trained on all of them and saved as ``models/relevance/v<N>/``.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import numpy as np

from pipeline.evaluate.dimensions import compute_metrics
from pipeline.filenames import find_file
from pipeline.registry import METRICS_FILE, TRAINING_FILE
from pipeline.relevance import RelevanceModel, document_text, features, fit, read_labels
from pipeline.settings import PACKAGE_DATA
from pipeline.train.annotated import document_passages
from pipeline.train.registry import code_version, new_version_dir, write_json

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
