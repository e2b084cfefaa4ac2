"""Document-grouped cross-validation of the passage classifier.

Folds are documents: a passage is only ever scored by a model (and thresholds) that did
not see its document. Thresholds are calibrated ``nested`` (an inner grouped k-fold of each
fold's training documents: k + 1 fits per fold) or on one ``group`` (one held-out group of
the training documents scores a model fitted on the rest: one fit per fold, for fine-tuning,
where each fit costs minutes). Examples are any objects with ``text``, ``labels``, ``document`` and
``source`` (see :class:`pipeline.labelled.Example`); the ``seed`` and ``owned`` sources
train only.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from functools import partial

import numpy as np

from pipeline.classify import scores_to_labels
from pipeline.classify.fit import calibrate_thresholds, fit, predict
from pipeline.labelled import label_matrix

TRAIN_ONLY_SOURCES = ("seed", "owned")
CALIBRATIONS = ("nested", "group")
Serve = Callable[[object], Callable[[list[str]], np.ndarray]]  # fitted head -> scoring function
# (fold documents, the fold model's scoring function, its thresholds) -> None
AfterFold = Callable[[set[str], Callable[[list[str]], np.ndarray], dict[str, float]], None]

log = logging.getLogger(__name__)


def log_fold(number: int, folds: int, trained: int, scored: int, started: float) -> None:
    """One progress line per finished fold (a fine-tuning fold takes minutes)."""
    log.info(
        "fold %d of %d: trained on %d passages, scored %d (%.0f s so far)",
        number,
        folds,
        trained,
        scored,
        time.perf_counter() - started,
    )


def evaluation_documents(examples) -> list[str]:
    """Documents whose passages are scored (gold and reviewed; seed table and the project's
    own passages train only)."""
    return sorted({e.document for e in examples if e.source not in TRAIN_ONLY_SOURCES})


def grouped_folds(examples, documents: list[str], k: int | None) -> list[set[str]]:
    """``documents`` split into ``k`` folds of similar passage counts (largest documents
    first, each to the smallest fold; deterministic); one fold per document when ``k`` is
    None or at least the number of documents."""
    if k is None or k >= len(documents):
        return [{d} for d in documents]
    sizes = {d: 0 for d in documents}
    for e in examples:
        if e.document in sizes:
            sizes[e.document] += 1
    folds: list[set[str]] = [set() for _ in range(k)]
    load = [0] * k
    for document in sorted(documents, key=lambda d: (-sizes[d], d)):
        j = min(range(k), key=lambda i: (load[i], i))
        folds[j].add(document)
        load[j] += sizes[document]
    return folds


def out_of_fold_scores(
    encoded,
    examples,
    documents: list[str],
    k: int | None = None,
) -> np.ndarray:
    """Scores of the examples of ``documents``, each by a model trained without its document
    (grouped ``k``-fold, or leave-one-document-out when ``k`` is None).

    Rows of other documents stay zero. Training uses every example outside the fold.
    """
    labels = encoded.config.labels
    scores = np.zeros((len(examples), len(labels)), dtype=np.float32)
    for fold in grouped_folds(examples, documents, k):
        test = [i for i, e in enumerate(examples) if e.document in fold]
        train = [i for i, e in enumerate(examples) if e.document not in fold]
        head = fit(
            encoded, [examples[i].text for i in train], label_matrix([examples[i] for i in train], labels)
        )
        scores[test] = predict(encoded, head, [examples[i].text for i in test])
    return scores


def calibrated_thresholds(encoded, examples, k: int | None = None) -> dict[str, float]:
    """Per-label thresholds from out-of-fold scores of the evaluation documents (0.5 if none)."""
    labels = encoded.config.labels
    documents = evaluation_documents(examples)
    if len(documents) < 2:
        return dict.fromkeys(labels, 0.5)
    scores = out_of_fold_scores(encoded, examples, documents, k)
    rows = [i for i, e in enumerate(examples) if e.document in documents]
    return calibrate_thresholds(scores[rows], label_matrix(examples, labels)[rows], labels)


def nested_predictions(encoded, examples, k: int | None = None) -> tuple[list[int], np.ndarray]:
    """Document-grouped 0/1 predictions (``k`` folds, or leave-one-document-out when None),
    with thresholds calibrated by an inner grouped split of the training documents only."""
    config = encoded.config
    rows: list[int] = []
    predictions: list[np.ndarray] = []
    folds, started = grouped_folds(examples, evaluation_documents(examples), k), time.perf_counter()
    for number, fold in enumerate(folds, 1):
        inner = [e for e in examples if e.document not in fold]
        test = [i for i, e in enumerate(examples) if e.document in fold]
        thresholds = calibrated_thresholds(encoded, inner, k)
        head = fit(encoded, [e.text for e in inner], label_matrix(inner, config.labels))
        texts = [examples[i].text for i in test]
        scores = predict(encoded, head, texts)
        predictions.append(scores_to_labels(texts, scores, config.labels, thresholds, config.task))
        rows += test
        log_fold(number, len(folds), len(inner), len(test), started)
    width = len(config.labels)
    return rows, np.concatenate(predictions) if predictions else np.zeros((0, width))


def group_calibrated_predictions(
    encoded,
    examples,
    k: int,
    serve: Serve | None = None,
    after_fold: AfterFold | None = None,
) -> tuple[list[int], np.ndarray, np.ndarray]:
    """Document-grouped 0/1 predictions with one fit per fold: the model is fitted on the
    fold's training documents less one held-out group of them (a grouped ``k``-split of
    the training documents), whose scores calibrate the fold's thresholds.

    ``serve(head)`` gives the scoring function of a fitted fold model as production would
    load it (default: the trained model in memory), so thresholds and figures are those of
    the model that is served. ``after_fold(fold documents, scoring function, thresholds)``
    runs once per fold model (whole held-out documents are labelled there: see
    :mod:`pipeline.train.whole_documents`); what it encodes is not kept. Returns the scored
    rows, their 0/1 predictions and their scores (each row scored by a model that never saw
    its document, usable to calibrate a final model's thresholds).
    """
    config = encoded.config
    labels = config.labels
    documents = evaluation_documents(examples)
    rows: list[int] = []
    predictions, scores = [], []
    folds, started = grouped_folds(examples, documents, k), time.perf_counter()
    for number, fold in enumerate(folds, 1):
        rest = [d for d in documents if d not in fold]
        calibration = grouped_folds(examples, rest, k)[0] if len(rest) > 1 else set()
        train = [e for e in examples if e.document not in fold | calibration]
        held = [e for e in examples if e.document in calibration]
        head = fit(encoded, [e.text for e in train], label_matrix(train, labels))
        score = serve(head) if serve else partial(predict, encoded, head)
        thresholds = (
            calibrate_thresholds(score([e.text for e in held]), label_matrix(held, labels), labels)
            if held
            else dict.fromkeys(labels, 0.5)
        )
        test = [i for i, e in enumerate(examples) if e.document in fold]
        texts = [examples[i].text for i in test]
        fold_scores = score(texts)
        predictions.append(scores_to_labels(texts, fold_scores, labels, thresholds, config.task))
        scores.append(fold_scores)
        rows += test
        if after_fold is not None:
            _forgetting_new(encoded, partial(after_fold, fold, score, thresholds))
        log_fold(number, len(folds), len(train), len(test), started)
    width = len(labels)
    if not predictions:
        return rows, np.zeros((0, width)), np.zeros((0, width), dtype=np.float32)
    return rows, np.concatenate(predictions), np.concatenate(scores)


def _forgetting_new(encoded, work: Callable[[], object]) -> None:
    """Run ``work``; then drop what it added to the encoder's memo (texts scored once)."""
    memo = getattr(encoded, "_memo", None)
    known = set(memo) if memo is not None else set()
    try:
        work()
    finally:
        if memo is not None:
            for text in [t for t in memo if t not in known]:
                del memo[text]
