"""Precision, recall and F1 with percentile bootstrap intervals over passages.

Every scorer of the project counts, per passage and label, true positives, false positives
and false negatives (:func:`label_counts` for 0/1 label matrices; exact-match spans count
the same way in :mod:`pipeline.train.ner_metrics`) and hands the counts to
:func:`score_counts`. It returns typed scores: per label, macro-F1 over the labels that
occur, the same per language, and a 95% percentile bootstrap interval for each figure,
resampling passages with a seeded generator (the same resamples for every figure of a
group, so intervals are reproducible). The callers turn the scores into the dicts they
store as ``metrics.json``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

N_BOOTSTRAP = 1000
PERCENTILES = (2.5, 97.5)  # the ends of a 95% interval

Interval = tuple[float, float]


@dataclass(frozen=True)
class LabelScore:
    """Scores of one label: precision, recall, F1 (4 decimals), gold and predicted counts,
    and the bootstrap interval of F1."""

    precision: float
    recall: float
    f1: float
    support: int
    predicted: int
    ci: Interval


@dataclass(frozen=True)
class GroupScore:
    """Scores of a group of passages (all of them, or one language)."""

    n_passages: int
    macro_f1: float
    macro_ci: Interval
    per_label: dict[str, LabelScore]
    micro_f1: float = 0.0  # F1 of the summed counts of all labels
    micro_ci: Interval = (0.0, 0.0)


@dataclass(frozen=True)
class Scores:
    """Scores of all passages and of each language (languages sorted)."""

    overall: GroupScore
    per_language: dict[str, GroupScore]


def label_counts(truth: np.ndarray, predicted: np.ndarray) -> np.ndarray:
    """(passages x labels x [tp, fp, fn]) counts of two 0/1 matrices (rows = passages)."""
    truth, predicted = np.asarray(truth, dtype=float), np.asarray(predicted, dtype=float)
    stacked = np.stack([truth * predicted, (1 - truth) * predicted, truth * (1 - predicted)], -1)
    return stacked.astype(int)


def prf(total: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per-label precision, recall and F1 of summed (labels x [tp, fp, fn]) counts (0 where
    undefined)."""
    tp, fp, fn = total[..., 0].astype(float), total[..., 1], total[..., 2]
    precision = np.divide(tp, tp + fp, out=np.zeros_like(tp), where=(tp + fp) > 0)
    recall = np.divide(tp, tp + fn, out=np.zeros_like(tp), where=(tp + fn) > 0)
    f1 = np.divide(2 * tp, 2 * tp + fp + fn, out=np.zeros_like(tp), where=(2 * tp + fp + fn) > 0)
    return precision, recall, f1


def macro_f1(total: np.ndarray) -> float:
    """Mean F1 over the labels that occur in the truth or the predictions (0 when none)."""
    present = total.sum(-1) > 0
    return float(prf(total)[2][present].mean()) if present.any() else 0.0


def micro_f1(total: np.ndarray) -> float:
    """F1 of all labels' decisions pooled (0 when there are none)."""
    tp, fp, fn = (float(x) for x in np.asarray(total).reshape(-1, 3).sum(0))
    return 2 * tp / (2 * tp + fp + fn) if tp + fp + fn else 0.0


def bootstrap_totals(counts: np.ndarray, n: int = N_BOOTSTRAP, seed: int = 0) -> np.ndarray:
    """Summed counts of ``n`` resamples of the passages (with replacement, seeded)."""
    rng = np.random.default_rng(seed)
    return np.array([counts[idx].sum(0) for idx in rng.integers(0, len(counts), (n, len(counts)))])


def bootstrap_ci(
    counts: np.ndarray,
    stat: Callable[[np.ndarray], float],
    n: int = N_BOOTSTRAP,
    seed: int = 0,
    percentiles: tuple[float, float] = PERCENTILES,
    totals: np.ndarray | None = None,
) -> Interval:
    """Percentile bootstrap interval of ``stat(summed counts)``, resampling passages;
    ``totals``: the resampled sums when already computed (:func:`bootstrap_totals` with the
    same ``n`` and ``seed``)."""
    if len(counts) == 0:
        return (0.0, 0.0)
    totals = bootstrap_totals(counts, n, seed) if totals is None else totals
    low, high = np.percentile([stat(total) for total in totals], list(percentiles))
    return round(float(low), 4), round(float(high), 4)


def _label_stat(j: int) -> Callable[[np.ndarray], float]:
    return lambda total: float(prf(total)[2][j])


def group_score(
    counts: np.ndarray,
    labels: list[str] | tuple[str, ...],
    n_boot: int = N_BOOTSTRAP,
    seed: int = 0,
    percentiles: tuple[float, float] = PERCENTILES,
) -> GroupScore:
    """Scores of one group of passages from its (passages x labels x 3) counts."""
    counts = np.asarray(counts).reshape(-1, len(labels), 3)
    total = counts.sum(0)
    totals = bootstrap_totals(counts, n_boot, seed) if len(counts) else None
    precision, recall, f1 = prf(total)
    per_label = {
        label: LabelScore(
            precision=round(float(precision[j]), 4),
            recall=round(float(recall[j]), 4),
            f1=round(float(f1[j]), 4),
            support=int(total[j, 0] + total[j, 2]),
            predicted=int(total[j, 0] + total[j, 1]),
            ci=bootstrap_ci(counts, _label_stat(j), n_boot, seed, percentiles, totals),
        )
        for j, label in enumerate(labels)
    }
    return GroupScore(
        int(len(counts)),
        round(macro_f1(total), 4),
        bootstrap_ci(counts, macro_f1, n_boot, seed, percentiles, totals),
        per_label,
        round(micro_f1(total), 4),
        bootstrap_ci(counts, micro_f1, n_boot, seed, percentiles, totals),
    )


def score_counts(
    counts: np.ndarray,
    languages: list[str],
    labels: list[str] | tuple[str, ...],
    n_boot: int = N_BOOTSTRAP,
    seed: int = 0,
    percentiles: tuple[float, float] = PERCENTILES,
) -> Scores:
    """Scores of all passages and of each language, from per-passage counts (one language
    per passage)."""
    counts = np.asarray(counts).reshape(-1, len(labels), 3)
    langs = np.asarray(languages)
    return Scores(
        group_score(counts, labels, n_boot, seed, percentiles),
        {
            lang: group_score(counts[langs == lang], labels, n_boot, seed, percentiles)
            for lang in sorted(set(languages))
        },
    )
