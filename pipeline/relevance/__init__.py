"""Is a document about public policy, governance or cities? A learned judgement per document.

Two kinds of judge, saved as a registry version of ``relevance``:

- :class:`ShareJudge` (``relevance.json``): the share of the document's substantive
  passages (not fragments, not in language "other") that got a smart-city dimension from
  the passage classifier; a document under the threshold is off topic. The threshold is
  learned from documents labelled by reading, on the dimension model's out-of-fold
  predictions (:mod:`pipeline.train.relevance`). Costs nothing: the labels exist already.
- :class:`RelevanceModel` (``relevance.npz``): hashed word unigrams and bigrams of the
  substantive passages (no vocabulary is stored, only weights of hash buckets), log-scaled
  and L2-normalised, and a logistic regression trained on the labelled documents
  (``pipeline/data/training/document_relevance.jsonl``).

Without a production version no judgement is made and every document counts as on topic.
"""

from __future__ import annotations

import json
import re
import zlib
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from pipeline.fragments import passage_is_fragment
from pipeline.records import Passage, PassageLabel
from pipeline.registry import production, version_dir

BUCKETS = 2**16
MAX_CHARS = 60_000
_WORD = re.compile(r"[^\W\d_]{3,}")
WEIGHTS_FILE = "relevance.npz"
SHARE_FILE = "relevance.json"


def document_text(passages: list[Passage]) -> str:
    """The substantive text of a document (fragments left out), at most MAX_CHARS."""
    return " ".join(p.text for p in passages if not passage_is_fragment(p))[:MAX_CHARS]


def features(text: str) -> np.ndarray:
    """Hashed, log-scaled, L2-normalised unigram + bigram counts of a text."""
    words = [w.lower() for w in _WORD.findall(text)]
    grams = words + [f"{a} {b}" for a, b in zip(words, words[1:], strict=False)]
    vector = np.zeros(BUCKETS, dtype=np.float32)
    for gram in grams:
        vector[zlib.crc32(gram.encode("utf-8")) % BUCKETS] += 1.0
    vector = np.log1p(vector)
    norm = float(np.linalg.norm(vector))
    return vector / norm if norm else vector


def _sigmoid(z: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-np.clip(z, -30, 30)))


@dataclass
class RelevanceModel:
    """Logistic-regression weights over hashed features, and the decision threshold."""

    weights: np.ndarray
    bias: float
    threshold: float = 0.5

    def score(self, text: str) -> float:
        """Probability that a document with this text is about policy, governance or cities."""
        return float(_sigmoid(features(text) @ self.weights + self.bias))

    def save(self, directory: Path) -> None:
        """Write the weights (compressed) to ``directory``."""
        directory.mkdir(parents=True, exist_ok=True)
        np.savez_compressed(
            directory / WEIGHTS_FILE,
            weights=self.weights,
            bias=np.array([self.bias]),
            threshold=np.array([self.threshold]),
        )

    @classmethod
    def load(cls, directory: Path) -> RelevanceModel:
        """Read a saved model."""
        data = np.load(directory / WEIGHTS_FILE)
        return cls(data["weights"], float(data["bias"][0]), float(data["threshold"][0]))


def fit(
    matrix: np.ndarray, targets: np.ndarray, l2: float = 1e-3, steps: int = 400, rate: float = 2.0
) -> RelevanceModel:
    """Class-balanced logistic regression by full-batch gradient descent (deterministic),
    over the hash buckets that occur in the training documents."""
    used = np.flatnonzero(matrix.any(0))
    x = np.asarray(matrix[:, used], dtype=np.float64)
    positives = max(1.0, float(targets.sum()))
    negatives = max(1.0, float(len(targets) - targets.sum()))
    sample = np.where(targets > 0, len(targets) / (2 * positives), len(targets) / (2 * negatives))
    weights, bias = np.zeros(len(used), dtype=np.float64), 0.0
    for _ in range(steps):
        error = (_sigmoid(x @ weights + bias) - targets) * sample
        weights -= rate * (x.T @ error / len(targets) + l2 * weights)
        bias -= rate * float(error.mean())
    full = np.zeros(matrix.shape[1], dtype=np.float32)
    full[used] = weights
    return RelevanceModel(full, bias)


def substantive_ids(passages: list[Passage]) -> set[str]:
    """Ids of the passages that can carry a dimension: not fragments, not in language "other"."""
    return {p.id for p in passages if p.lang != "other" and p.text.strip() and not passage_is_fragment(p)}


def dimension_share(substantive: set[str], labelled: set[str]) -> float | None:
    """Share of the substantive passages that got a dimension; None when there are none."""
    return len(substantive & labelled) / len(substantive) if substantive else None


@dataclass
class ShareJudge:
    """Off topic when under ``threshold`` of a document's substantive passages got a
    dimension; documents with fewer than ``min_passages`` substantive passages are not
    judged (too little to go on)."""

    threshold: float
    min_passages: int = 5

    def judge(self, passages: list[Passage], labels: list[PassageLabel]) -> tuple[float | None, bool | None]:
        """(share, relevant) of a document from its passages and their labels."""
        substantive = substantive_ids(passages)
        if len(substantive) < self.min_passages:
            return None, None
        labelled = {lb.passage_id for lb in labels if lb.task == "dimension"}
        share = dimension_share(substantive, labelled) or 0.0
        return round(share, 4), share >= self.threshold

    def save(self, directory: Path) -> None:
        """Write the judge to ``directory``."""
        directory.mkdir(parents=True, exist_ok=True)
        record = {"kind": "dimension_share", "threshold": self.threshold, "min_passages": self.min_passages}
        (directory / SHARE_FILE).write_text(json.dumps(record, indent=1) + "\n")

    @classmethod
    def load(cls, directory: Path) -> ShareJudge:
        """Read a saved judge."""
        record = json.loads((directory / SHARE_FILE).read_text())
        return cls(float(record["threshold"]), int(record.get("min_passages", 5)))


_CACHE: dict[str, RelevanceModel | ShareJudge | None] = {}


def load_judge(directory: Path) -> RelevanceModel | ShareJudge | None:
    """The judge saved in a version folder (either kind); None when the folder holds neither."""
    if (directory / SHARE_FILE).is_file():
        return ShareJudge.load(directory)
    if (directory / WEIGHTS_FILE).is_file():
        return RelevanceModel.load(directory)
    return None


def production_model(models_dir: Path | None = None) -> RelevanceModel | ShareJudge | None:
    """The production relevance judge, loaded once; None when none is promoted."""
    version = production("relevance", models_dir)
    if version is None:
        return None
    directory = version_dir("relevance", version, models_dir)
    if str(directory) not in _CACHE:
        _CACHE[str(directory)] = load_judge(directory)
    return _CACHE[str(directory)]


def judge(
    passages: list[Passage], labels: list[PassageLabel] | None = None
) -> tuple[float | None, bool | None]:
    """(score, relevant) of a document from its passages and passage labels; (None, None)
    without a production judge. The score is a probability for a :class:`RelevanceModel`,
    the share of substantive passages with a dimension for a :class:`ShareJudge`."""
    model = production_model()
    if model is None:
        return None, None
    if isinstance(model, ShareJudge):
        return model.judge(passages, labels or [])
    score = model.score(document_text(passages))
    return round(score, 4), score >= model.threshold


def read_labels(path: Path) -> list[dict]:
    """Document relevance labels: ``{"file", "document", "relevant", "reason"}`` per line."""
    return [json.loads(line) for line in Path(path).read_text().splitlines() if line.strip()]
