"""P/R/F1 from counts, macro-F1, bootstrap intervals, typed scores per language."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from pipeline.evaluate.metrics import (
    bootstrap_ci,
    label_counts,
    macro_f1,
    micro_f1,
    prf,
    score_counts,
)


def test_label_counts_are_true_false_positives_and_false_negatives():
    truth = np.array([[1, 0], [1, 1], [0, 1]], dtype=float)
    pred = np.array([[1, 0], [0, 1], [1, 1]], dtype=float)
    counts = label_counts(truth, pred)
    assert counts.shape == (3, 2, 3)
    assert counts.sum(0).tolist() == [[1, 1, 1], [2, 0, 0]]


def test_prf_per_label():
    truth = np.array([[1, 0], [1, 1], [0, 1]], dtype=float)
    pred = np.array([[1, 0], [0, 1], [1, 1]], dtype=float)
    precision, recall, f1 = prf(label_counts(truth, pred).sum(0))
    assert precision.tolist() == [0.5, 1.0]
    assert recall.tolist() == [0.5, 1.0]
    assert f1.tolist() == [0.5, 1.0]


def test_macro_f1_ignores_labels_absent_from_truth_and_predictions():
    truth = np.array([[1, 0], [0, 0]], dtype=float)
    assert macro_f1(label_counts(truth, truth.copy()).sum(0)) == 1.0
    assert macro_f1(np.zeros((2, 3), dtype=int)) == 0.0


def test_micro_f1_pools_every_labels_decisions():
    truth = np.array([[1, 0], [1, 1], [0, 1]], dtype=float)
    pred = np.array([[1, 0], [0, 1], [1, 1]], dtype=float)
    total = label_counts(truth, pred).sum(0)  # tp 3, fp 1, fn 1
    assert micro_f1(total) == pytest.approx(6 / 8)
    assert micro_f1(np.zeros((2, 3), dtype=int)) == 0.0
    scores = score_counts(label_counts(truth, pred), ["en"] * 3, ["a", "b"], n_boot=50)
    assert (
        scores.overall.micro_f1 == 0.75 and scores.overall.micro_ci[0] <= 0.75 <= scores.overall.micro_ci[1]
    )


def test_bootstrap_interval_contains_the_estimate_and_is_reproducible():
    rng = np.random.default_rng(1)
    truth = rng.integers(0, 2, size=(60, 3)).astype(float)
    pred = np.where(rng.random((60, 3)) < 0.8, truth, 1 - truth)
    counts = label_counts(truth, pred)
    low, high = bootstrap_ci(counts, macro_f1, n=300, seed=0)
    assert low <= macro_f1(counts.sum(0)) <= high and low < high
    assert (low, high) == bootstrap_ci(counts, macro_f1, n=300, seed=0)
    assert bootstrap_ci(counts[:0], macro_f1) == (0.0, 0.0)


def test_scores_are_typed_frozen_and_split_by_language():
    truth = np.array([[1, 0], [0, 1], [1, 0], [0, 1]], dtype=float)
    pred = np.array([[1, 0], [0, 1], [0, 1], [1, 0]], dtype=float)
    scores = score_counts(label_counts(truth, pred), ["en", "en", "id", "id"], ["a", "b"], n_boot=50)
    assert list(scores.per_language) == ["en", "id"]
    assert scores.per_language["en"].macro_f1 == 1.0 and scores.per_language["id"].macro_f1 == 0.0
    a = scores.overall.per_label["a"]
    assert (a.support, a.predicted, a.precision, a.recall) == (2, 2, 0.5, 0.5)
    with pytest.raises(dataclasses.FrozenInstanceError):
        a.f1 = 1.0  # type: ignore[misc]


def test_no_passages_score_zero():
    scores = score_counts(np.array([]), [], ["a", "b"])
    assert scores.overall.n_passages == 0 and scores.overall.macro_ci == (0.0, 0.0)
    assert scores.overall.per_label["b"].support == 0 and scores.per_language == {}
