"""Malay or Indonesian: a small logistic model over hashed character n-grams, words and the
lexicon's Malay/Indonesian marker scores, trained on labelled Malaysian and Indonesian text
(``sandingan train langid-ms``).

The model file ``pipeline/data/langid/malay_model.npz`` holds the hashed weights, the bias
and the decision margin. :func:`malay_probability` is a pure function of the text (crc32
hashing, no randomness). Without a model file the lexicon rule decides, as before.
"""

from __future__ import annotations

import math
import zlib
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from pipeline.langid.lexicon import malay_indonesian_scores, words

MODEL_PATH = Path(__file__).resolve().parent.parent / "data" / "langid" / "malay_model.npz"
BUCKETS = 1 << 18
NGRAMS = (2, 3, 4)
MAX_CHARS = 1000
MARKER_FEATURES = 2  # malay score, indonesian score (after the hashed buckets)
NAME_WEIGHT = 0.2


@dataclass(frozen=True)
class MalayModel:
    """Weights over ``BUCKETS`` hashed features plus the marker features, and a bias.

    ``margin``: probabilities within ``0.5 ± margin`` are dialect-neutral (the document's
    variety decides); Malay alone needs ``0.5 + margin``."""

    weights: np.ndarray
    bias: float
    margin: float = 0.4

    def probability(self, text: str) -> float | None:
        """P(Malay) of a Malay-or-Indonesian text; None when it has no word to go by."""
        index, values = features(text)
        if index.size == 0:
            return None
        z = float(self.weights[index] @ values) + self.bias
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def _bucket(feature: str) -> int:
    return zlib.crc32(feature.encode("utf-8")) % BUCKETS


@lru_cache(maxsize=1 << 16)
def _token_buckets(lower: str) -> tuple[int, ...]:
    """The buckets of a lower-cased word's features: the word, then its padded character
    2-4-grams (cached: words repeat, and hashing them was a third of language ID's time)."""
    padded = f"<{lower}>"
    grams = [f"w:{lower}"] + [padded[i : i + n] for n in NGRAMS for i in range(len(padded) - n + 1)]
    return tuple(_bucket(g) for g in grams)


def features(text: str) -> tuple[np.ndarray, np.ndarray]:
    """Hashed, L2-normalised counts of words and their character 2-4-grams, then the two
    marker scores (log-scaled); empty when the text has no words.

    A capitalised word inside a sentence counts ``NAME_WEIGHT``: it is mostly part of a name
    (an Indonesian sentence naming "Kementerian Perumahan dan Kerajaan Tempatan" is still
    Indonesian). In text set all in capitals every word counts fully."""
    tokens = words(text[:MAX_CHARS])
    shouting = sum(t.isupper() for t in tokens) > 0.6 * len(tokens) if tokens else False
    counts: dict[int, float] = {}
    for k, token in enumerate(tokens):
        weight = 1.0 if shouting or k == 0 or not token[:1].isupper() else NAME_WEIGHT
        for b in _token_buckets(token.lower()):
            counts[b] = counts.get(b, 0.0) + weight
    if not counts:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)
    index = np.fromiter(counts.keys(), dtype=np.int64, count=len(counts))
    values = np.fromiter(counts.values(), dtype=np.float32, count=len(counts))
    values /= np.linalg.norm(values)
    malay, indonesian = malay_indonesian_scores(tokens)
    index = np.concatenate([index, [BUCKETS, BUCKETS + 1]])
    values = np.concatenate([values, np.log1p([malay, indonesian]).astype(np.float32)])
    return index, values


def save_model(model: MalayModel, path: Path = MODEL_PATH) -> None:
    """Write the model (float16 weights, compressed)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(
        path,
        weights=model.weights.astype(np.float16),
        bias=np.float64(model.bias),
        margin=np.float64(model.margin),
    )


@lru_cache(maxsize=1)
def _load(path: Path) -> MalayModel | None:
    if not path.is_file():
        return None
    data = np.load(path)
    return MalayModel(data["weights"].astype(np.float32), float(data["bias"]), float(data["margin"]))


_override: list[MalayModel | None] = []


def current_model() -> MalayModel | None:
    """The model in use: an evaluation's fold model if one is set, else the shipped file."""
    if _override:
        return _override[-1]
    return _load(MODEL_PATH)


@contextmanager
def using_model(model: MalayModel | None):
    """Use ``model`` (None: the lexicon rule) inside the block, e.g. a cross-validation fold."""
    _override.append(model)
    try:
        yield
    finally:
        _override.pop()


def malay_probability(text: str) -> float | None:
    """P(Malay) of a Malay-or-Indonesian text by the current model (None: no model, or no
    words)."""
    model = current_model()
    return None if model is None else model.probability(text)
