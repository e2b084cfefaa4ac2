"""Agreement between two annotators of the same passages: F1 per label and per language,
Cohen's kappa per label, with the same bootstrap intervals as the model scores.

F1 between two annotators is symmetric (either one can be taken as the reference), so it
can be read beside a model's F1 against the adjudicated labels.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from pipeline.evaluate.dimensions import compute_metrics


def label_rows(items: list[list[str]], labels: list[str]) -> np.ndarray:
    """0/1 matrix of label lists (rows = items, columns = labels)."""
    return np.array([[float(lb in row) for lb in labels] for row in items], dtype=float).reshape(
        len(items), len(labels)
    )


def cohen_kappa(a: np.ndarray, b: np.ndarray) -> float:
    """Cohen's kappa of two 0/1 vectors (1.0 when both are constant and equal)."""
    observed = float((a == b).mean()) if len(a) else 1.0
    pa, pb = float(a.mean()) if len(a) else 0.0, float(b.mean()) if len(b) else 0.0
    expected = pa * pb + (1 - pa) * (1 - pb)
    return 1.0 if expected == 1.0 else round((observed - expected) / (1 - expected), 4)


def agreement(
    first: list[list[str]], second: list[list[str]], languages: list[str], labels: list[str]
) -> dict[str, Any]:
    """F1 of the second annotator against the first (per label, per language, macro, CIs)
    and Cohen's kappa per label."""
    a, b = label_rows(first, labels), label_rows(second, labels)
    result = compute_metrics(a, b, languages, labels)
    result["kappa"] = {lb: cohen_kappa(a[:, j], b[:, j]) for j, lb in enumerate(labels)}
    result["exact_match"] = round(float((a == b).all(1).mean()) if len(a) else 1.0, 4)
    return result
