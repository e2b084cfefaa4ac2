"""Document-grouped cross-validation of the passage classifier.

Folds are documents: a passage is only ever scored by a model (and thresholds) that did
not see its document. Examples are any objects with ``text``, ``labels``, ``document`` and
``source`` (see :class:`pipeline.train.dimensions.Example`); the ``seed`` and ``owned``
sources train only.
"""

from __future__ import annotations

import numpy as np

TRAIN_ONLY_SOURCES = ("seed", "owned")


def label_matrix(examples, labels: list[str]) -> np.ndarray:
    """0/1 matrix: rows = examples, columns = labels."""
    return np.array([[float(lb in e.labels) for lb in labels] for e in examples],
                    dtype=np.float32).reshape(len(examples), len(labels))


def evaluation_documents(examples) -> list[str]:
    """Documents whose passages are scored (gold and reviewed; seed table and the project's
    own passages train only)."""
    return sorted({e.document for e in examples if e.source not in TRAIN_ONLY_SOURCES})


def out_of_fold_scores(encoded, examples, documents: list[str]) -> np.ndarray:
    """Scores of the examples of ``documents``, each by a model trained without its document.

    Rows of other documents stay zero. Training uses every example outside the fold.
    """
    from pipeline.classify.fit import fit, predict

    labels = encoded.config.labels
    scores = np.zeros((len(examples), len(labels)), dtype=np.float32)
    for document in documents:
        test = [i for i, e in enumerate(examples) if e.document == document]
        train = [i for i, e in enumerate(examples) if e.document != document]
        head = fit(encoded, [examples[i].text for i in train],
                   label_matrix([examples[i] for i in train], labels))
        scores[test] = predict(encoded, head, [examples[i].text for i in test])
    return scores


def calibrated_thresholds(encoded, examples) -> dict[str, float]:
    """Per-label thresholds from out-of-fold scores of the evaluation documents (0.5 if none)."""
    from pipeline.classify.fit import calibrate_thresholds

    labels = encoded.config.labels
    documents = evaluation_documents(examples)
    if len(documents) < 2:
        return dict.fromkeys(labels, 0.5)
    scores = out_of_fold_scores(encoded, examples, documents)
    rows = [i for i, e in enumerate(examples) if e.document in documents]
    return calibrate_thresholds(scores[rows], label_matrix(examples, labels)[rows], labels)


def nested_predictions(encoded, examples) -> tuple[list[int], np.ndarray]:
    """Leave-one-document-out 0/1 predictions with thresholds calibrated without the document."""
    from pipeline.classify import scores_to_labels
    from pipeline.classify.fit import fit, predict

    config = encoded.config
    rows: list[int] = []
    predictions: list[np.ndarray] = []
    for document in evaluation_documents(examples):
        inner = [e for e in examples if e.document != document]
        test = [i for i, e in enumerate(examples) if e.document == document]
        thresholds = calibrated_thresholds(encoded, inner)
        head = fit(encoded, [e.text for e in inner], label_matrix(inner, config.labels))
        texts = [examples[i].text for i in test]
        scores = predict(encoded, head, texts)
        predictions.append(scores_to_labels(texts, scores, config.labels, thresholds, config.task))
        rows += test
    width = len(config.labels)
    return rows, np.concatenate(predictions) if predictions else np.zeros((0, width))
