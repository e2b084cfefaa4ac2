"""Span scores of a NER model: exact-match counts and the metrics.json shape."""

from __future__ import annotations

from pipeline.train.ner_data import Span
from pipeline.train.ner_metrics import span_counts, span_metrics

GOLD = [(Span(0, 4, "LAW"),), (Span(0, 4, "AGENCY"), Span(5, 9, "LAW")), (), (Span(2, 6, "PROGRAMME"),)] * 5
PREDICTED = [
    (Span(0, 4, "LAW"),),
    (Span(0, 4, "AGENCY"),),
    (Span(1, 3, "AGENCY"),),
    (Span(2, 6, "PROGRAMME"),),
] * 5


def test_span_counts_need_the_same_start_end_and_label():
    counts = span_counts(
        (Span(0, 4, "LAW"), Span(5, 9, "AGENCY")),
        (Span(0, 4, "LAW"), Span(5, 8, "AGENCY")),
        ("LAW", "AGENCY"),
    )
    assert counts.tolist() == [[1, 0, 0], [0, 1, 1]]


def test_span_metrics_keep_the_figures_stored_before_the_shared_scorer():
    # the figures span_metrics gave before it used pipeline.evaluate.metrics
    metrics = span_metrics(GOLD, PREDICTED, ["en", "id"] * 10, n_boot=200)
    assert metrics["macro"] == {"f1": 0.7778, "ci": [0.6776, 0.8728]}
    assert metrics["per_label"]["AGENCY"] == {
        "precision": 0.5,
        "recall": 1.0,
        "f1": 0.6667,
        "support": 5,
        "predicted": 10,
        "ci": [0.2493, 0.8894],
    }
    assert metrics["per_language"]["id"]["macro_ci"] == [0.6667, 0.6667]
    assert set(metrics["per_language"]["id"]) == {"n_passages", "macro_f1", "macro_ci", "per_label"}


def test_no_passages_give_zero_scores():
    metrics = span_metrics([], [], [])
    assert metrics["n_passages"] == 0 and metrics["macro"] == {"f1": 0.0, "ci": [0.0, 0.0]}
    assert metrics["per_language"] == {}
