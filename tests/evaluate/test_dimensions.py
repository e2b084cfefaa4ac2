"""Passage-label metrics: P/R/F1, macro-F1, bootstrap intervals, per-language blocks."""

from __future__ import annotations

import json

import numpy as np
import pytest

from pipeline.evaluate.dimensions import compute_metrics, evaluate_version, format_metrics


def test_metrics_report_languages_apart():
    truth = np.array([[1, 0], [0, 1], [1, 0], [0, 1]], dtype=float)
    pred = np.array([[1, 0], [0, 1], [0, 1], [1, 0]], dtype=float)
    metrics = compute_metrics(truth, pred, ["en", "en", "id", "id"], ["a", "b"], n_boot=50)
    assert metrics["per_language"]["en"]["macro_f1"] == 1.0
    assert metrics["per_language"]["id"]["macro_f1"] == 0.0
    assert metrics["per_label"]["a"]["support"] == 2
    assert "[en]" in format_metrics(metrics)


def test_metrics_keep_the_figures_stored_before_the_shared_scorer():
    # the figures compute_metrics gave before it used pipeline.evaluate.metrics: stored
    # metrics.json files stay comparable with new ones
    rng = np.random.default_rng(7)
    truth = rng.integers(0, 2, size=(40, 3)).astype(float)
    pred = np.where(rng.random((40, 3)) < 0.75, truth, 1 - truth)
    metrics = compute_metrics(truth, pred, ["en"] * 25 + ["id"] * 15, ["a", "b", "c"], n_boot=200)
    assert metrics["macro"] == {"f1": 0.7314, "ci": [0.6515, 0.8121]}
    assert metrics["per_label"]["b"] == {
        "precision": 0.75,
        "recall": 0.6667,
        "f1": 0.7059,
        "support": 18,
        "ci": [0.5, 0.8573],
    }
    assert metrics["per_language"]["id"]["ci"] == [0.6074, 0.8226]


@pytest.fixture()
def gold(tmp_path):
    folder = tmp_path / "gold"
    folder.mkdir()
    passages = [
        {"text": "Smart mobility: buses and traffic lights.", "language": "en", "dimensions": ["mobility"]},
        {"text": "Pengelolaan sampah dan bank sampah.", "language": "id", "dimensions": ["environment"]},
        {"text": "Acknowledgements to the reviewers.", "language": "en", "dimensions": []},
    ]
    (folder / "doc.json").write_text(json.dumps({"passages": passages}))
    return folder


def test_lexicon_alone_is_scored_on_a_gold_folder(gold, tmp_path):
    metrics = evaluate_version(gold, version=None, models_dir=tmp_path / "models")
    assert metrics["method"] == "lexicon"
    assert metrics["n_passages"] == 3 and set(metrics["per_language"]) == {"en", "id"}
    assert metrics["per_label"]["mobility"]["recall"] == 1.0
    assert metrics["scored_documents"] == ["doc"]
