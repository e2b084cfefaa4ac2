"""Labelled passages: what the passage classifier is scored against and trained on.

A labelled passage (:class:`Example`) is a text, its language, the labels of one task and
the document it comes from. Gold-format files (``../shared/gold``, and the project's own
passages in ``pipeline/data/training/``) hold them in a ``passages`` list, each task's
labels under its field (:data:`TASK_FIELDS`). Evaluation (:mod:`pipeline.evaluate.dimensions`),
training (:mod:`pipeline.train.dimensions`) and the speed benchmark read them from here.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np

TASK_FIELDS = {"dimension": "dimensions", "policy_stage": "policy_stage", "diffusion": "diffusion"}


@dataclass(frozen=True)
class Example:
    """One labelled passage and the document it comes from."""

    text: str
    language: str
    labels: tuple[str, ...]
    document: str
    source: str  # gold | owned | seed | reviewed | annotated
    key: str = ""  # the label record's item id, for annotated passages


def load_gold_examples(
    gold_dir: Path,
    task: str = "dimension",
    source: str = "gold",
) -> list[Example]:
    """Labelled passages of every gold-format file in ``gold_dir`` (document = file name stem;
    the project's own files get ``source="owned"`` and a ``owned:`` document prefix)."""
    examples: list[Example] = []
    key = TASK_FIELDS[task]
    prefix = "" if source == "gold" else f"{source}:"
    for path in sorted(Path(gold_dir).glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        for passage in data.get("passages") or []:
            if key in passage and passage.get("text"):
                examples.append(
                    Example(
                        passage["text"],
                        passage.get("language", "en"),
                        tuple(passage[key]),
                        prefix + path.stem,
                        source,
                    )
                )
    return examples


def label_matrix(examples, labels: list[str]) -> np.ndarray:
    """0/1 matrix: rows = examples (anything with ``labels``), columns = labels."""
    return np.array([[float(lb in e.labels) for lb in labels] for e in examples], dtype=np.float32).reshape(
        len(examples), len(labels)
    )
