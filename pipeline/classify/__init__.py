"""Passage labels: smart-city dimension, policy-cycle stage and diffusion mechanism.

A passage gets a label when the lexicon names it explicitly ("smart mobility", "mobilitas
cerdas") or when the production model of the task (``models/registry.json``) scores it at
or above the label's threshold, calibrated on held-out documents. Without a trained model
(none promoted, or its base model not built) the lexicon alone decides, from its explicit
terms and topic cues, and the label's method says ``lexicon``.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np

from pipeline.classify.lexicon import (
    EXPLICIT_SCORE,
    explicit_hits,
    lexicon_scores,
    lexicon_threshold,
)
from pipeline.classify.predictor import LoadedModel, load_model, production_model
from pipeline.fragments import classification_text, passage_is_fragment
from pipeline.records import LABEL_TASKS, TASK_LABELS, LabelTask, Mention, Passage, PassageLabel, page_at
from pipeline.registry import version_dir

MODEL_NAMES = {"dimension": "dimensions", "policy_stage": "policy_stage", "diffusion": "diffusion"}
OUTPUT_KEYS = {"dimension": "dimensions", "policy_stage": "policy_stage", "diffusion": "diffusion"}
SKIPPED_LANGS = {"other"}


def _lexicon_matrix(texts: list[str], task: str) -> np.ndarray:
    labels = TASK_LABELS[task]
    rows = [lexicon_scores(t, task) for t in texts]
    return np.array([[row[lb] for lb in labels] for row in rows], dtype=np.float32).reshape(
        len(texts), len(labels)
    )


def score_texts(
    texts: list[str],
    name: str = "dimensions",
    version: str | None = None,
    models_dir: Path | None = None,
    task: str = "dimension",
) -> tuple[str, list[str], np.ndarray, dict[str, float]]:
    """(method, labels, scores, thresholds) of a model version, or of the lexicon when None."""
    if version is None:
        threshold = lexicon_threshold(task)
        labels = list(TASK_LABELS[task])
        return "lexicon", labels, _lexicon_matrix(texts, task), dict.fromkeys(labels, threshold)
    model = load_model(version_dir(name, version, models_dir), f"{name}/{version}")
    return f"model@{model.tag}", model.labels, model.scores(texts), model.thresholds


def given_labels(
    text: str,
    scores: Sequence[float],
    labels: list[str],
    thresholds: dict[str, float],
    task: str = "dimension",
) -> list[tuple[int, bool]]:
    """The labels a text gets, as (column, by score): a label whose score is at or above its
    threshold (by score), or one the text names explicitly (not by score)."""
    named = {hit.label for hit in explicit_hits(text, task)}
    given = []
    for j, label in enumerate(labels):
        if scores[j] >= thresholds.get(label, 0.5):
            given.append((j, True))
        elif label in named:
            given.append((j, False))
    return given


def scores_to_labels(
    texts: list[str],
    scores: np.ndarray,
    labels: list[str],
    thresholds: dict[str, float],
    task: str = "dimension",
) -> np.ndarray:
    """0/1 matrix (texts x labels) of :func:`given_labels`: score at or above the label's
    threshold, or the label named explicitly."""
    predicted = np.zeros((len(texts), len(labels)), dtype=float)
    for i, text in enumerate(texts):
        for j, _ in given_labels(text, scores[i], labels, thresholds, task):
            predicted[i, j] = 1.0
    return predicted


Scored = tuple[str, list[str], np.ndarray, dict[str, float]]  # method, labels, scores, thresholds


def _task_scores(texts: list[str]) -> dict[LabelTask, Scored]:
    """(method, labels, scores, thresholds) of every label task's production model, or of
    its lexicon. A frozen head that reads what an earlier task's encoder computed anyway
    (the policy-stage head on the dimension model's frozen layers) runs on those vectors:
    its own encoder never runs."""
    out: dict[LabelTask, Scored] = {}
    tapped: list[tuple[LoadedModel, np.ndarray]] = []
    for task in LABEL_TASKS:
        model = production_model(MODEL_NAMES[task])
        if model is None:
            out[task] = ("lexicon", *score_texts(texts, task=task)[1:])
            continue
        source = next((vectors for m, vectors in tapped if m.feeds(model)), None)
        if source is not None:
            scores = model.scores_from_pooled(texts, source)
        else:
            scores, vectors = model.scores_and_tapped(texts)
            if vectors is not None:
                tapped.append((model, vectors))
        out[task] = (f"model@{model.tag}", model.labels, scores, model.thresholds)
    return out


def _task_labels(texts: list[str], task: str, scored: Scored) -> list[list[tuple[str, float, str]]]:
    """Per text: (label, score, method) of every label given, for one task."""
    method, labels, scores, thresholds = scored
    out: list[list[tuple[str, float, str]]] = []
    for i, text in enumerate(texts):
        row = [float(s) for s in scores[i]]
        given = [
            (labels[j], round(row[j], 4), method) if by_score else (labels[j], EXPLICIT_SCORE, "lexicon")
            for j, by_score in given_labels(text, row, labels, thresholds, task)
        ]
        out.append(sorted(given, key=lambda g: -g[1]))
    return out


def labelled_passages(passages: list[Passage]) -> list[Passage]:
    """The passages that get passage labels: not in language "other", not fragments."""
    return [
        p for p in passages if p.lang not in SKIPPED_LANGS and p.text.strip() and not passage_is_fragment(p)
    ]


def label_passages(passages: list[Passage]) -> list[PassageLabel]:
    """Dimension, policy-stage and diffusion labels of the passages; fragments and passages
    in language "other" get none, table cells are read with their headers."""
    kept = labelled_passages(passages)
    texts = [classification_text(p) for p in kept]
    result: list[PassageLabel] = []
    if not texts:
        return result
    for task, scored in _task_scores(texts).items():
        for passage, given in zip(kept, _task_labels(texts, task, scored), strict=True):
            result += [
                PassageLabel(passage.id, passage.document_id, task, label, score, method)
                for label, score, method in given
            ]
    return result


def dimension_mentions(passages: list[Passage]) -> list[Mention]:
    """Explicit dimension names in the passages as DIMENSION mentions (lexicon, with spans)."""
    mentions: list[Mention] = []
    for p in labelled_passages(passages):
        for hit in explicit_hits(p.text, "dimension"):
            mentions.append(
                Mention(
                    id=Mention.make_id(p.id, hit.start, hit.end, "DIMENSION"),
                    document_id=p.document_id,
                    passage_id=p.id,
                    page=page_at(p, hit.start),
                    label="DIMENSION",
                    text=hit.text,
                    start=hit.start,
                    end=hit.end,
                    canonical_id=hit.label,
                    canonical_name=f"smart {hit.label}",
                    confidence=EXPLICIT_SCORE,
                    method="lexicon",
                )
            )
    return mentions


def classify_texts(records: list[dict]) -> list[dict]:
    """Label JSON records ``{"id", "text", "lang"?}`` for the CLI (lang "other" gets no labels).

    Each result is ``{"id", "fragment", "dimensions": [{"label", "score", "method"}], "policy_stage": [...],
    "diffusion": [...]}``; a record without ``lang`` is treated as English/Indonesian text.
    """
    passages = [
        Passage(
            id=str(i),
            document_id=str(r.get("document_id", "")),
            page=int(r.get("page", 0) or 0),
            text=str(r["text"]),
            lang=str(r.get("lang") or r.get("language") or "en"),
        )
        for i, r in enumerate(records)
    ]
    results = [
        {"id": r.get("id", i), "fragment": passage_is_fragment(p), **{k: [] for k in OUTPUT_KEYS.values()}}
        for i, (r, p) in enumerate(zip(records, passages, strict=True))
    ]
    for label in label_passages(passages):
        results[int(label.passage_id)][OUTPUT_KEYS[label.task]].append(
            {"label": label.label, "score": label.score, "method": label.method}
        )
    return results


__all__ = [
    "classify_texts",
    "dimension_mentions",
    "given_labels",
    "label_passages",
    "labelled_passages",
    "score_texts",
    "scores_to_labels",
]
