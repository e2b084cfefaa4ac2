"""Passage-label metrics: P/R/F1, macro-F1, bootstrap intervals, per-language blocks."""

from __future__ import annotations

import json

import numpy as np
import pytest

from pipeline.evaluate.dimensions import (
    bootstrap_ci,
    compute_metrics,
    evaluate_version,
    format_metrics,
    macro_f1,
    prf,
)


def test_prf_per_label():
    truth = np.array([[1, 0], [1, 1], [0, 1]], dtype=float)
    pred = np.array([[1, 0], [0, 1], [1, 1]], dtype=float)
    precision, recall, f1 = prf(truth, pred)
    assert precision.tolist() == [0.5, 1.0]
    assert recall.tolist() == [0.5, 1.0]
    assert f1.tolist() == [0.5, 1.0]


def test_macro_f1_ignores_labels_absent_from_truth_and_predictions():
    truth = np.array([[1, 0], [0, 0]], dtype=float)
    assert macro_f1(truth, truth.copy()) == 1.0


def test_bootstrap_interval_contains_the_estimate_and_is_reproducible():
    rng = np.random.default_rng(1)
    truth = rng.integers(0, 2, size=(60, 3)).astype(float)
    pred = np.where(rng.random((60, 3)) < 0.8, truth, 1 - truth)
    low, high = bootstrap_ci(truth, pred, macro_f1, n=300, seed=0)
    assert low <= macro_f1(truth, pred) <= high and low < high
    assert (low, high) == bootstrap_ci(truth, pred, macro_f1, n=300, seed=0)


def test_metrics_report_languages_apart():
    truth = np.array([[1, 0], [0, 1], [1, 0], [0, 1]], dtype=float)
    pred = np.array([[1, 0], [0, 1], [0, 1], [1, 0]], dtype=float)
    metrics = compute_metrics(truth, pred, ["en", "en", "id", "id"], ["a", "b"], n_boot=50)
    assert metrics["per_language"]["en"]["macro_f1"] == 1.0
    assert metrics["per_language"]["id"]["macro_f1"] == 0.0
    assert metrics["per_label"]["a"]["support"] == 2
    assert "[en]" in format_metrics(metrics)


@pytest.fixture()
def gold(tmp_path):
    folder = tmp_path / "gold"
    folder.mkdir()
    passages = [{"text": "Smart mobility: buses and traffic lights.", "language": "en",
                 "dimensions": ["mobility"]},
                {"text": "Pengelolaan sampah dan bank sampah.", "language": "id",
                 "dimensions": ["environment"]},
                {"text": "Acknowledgements to the reviewers.", "language": "en",
                 "dimensions": []}]
    (folder / "doc.json").write_text(json.dumps({"passages": passages}))
    return folder


def test_lexicon_alone_is_scored_on_a_gold_folder(gold, tmp_path):
    metrics = evaluate_version(gold, version=None, models_dir=tmp_path / "models")
    assert metrics["method"] == "lexicon"
    assert metrics["n_passages"] == 3 and set(metrics["per_language"]) == {"en", "id"}
    assert metrics["per_label"]["mobility"]["recall"] == 1.0
    assert metrics["scored_documents"] == ["doc"]
