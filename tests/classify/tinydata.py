"""A tiny base model built by the tests (scratch WordPiece + 2-layer BERT) and tiny data.

Imported by the conftest files of tests/classify and tests/train (fixtures re-exported).
"""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from pipeline.classify.model import ClassifierConfig
from pipeline.train.scratch import build_scratch_base

WORDS = {
    "mobility": ["bus", "traffic", "road", "train", "transportasi", "jalan"],
    "environment": ["waste", "water", "sampah", "emission", "flood", "limbah"],
    "people": ["school", "skills", "training", "pendidikan", "literacy", "pelatihan"],
}
FILLER = ["the", "city", "plan", "kota", "program", "new", "and", "with", "for", "daerah"]


def make_texts(n: int, seed: int) -> list[tuple[str, list[str]]]:
    """n short passages; each draws words of one or two labels among filler words."""
    rng = random.Random(seed)
    labels = list(WORDS)
    out = []
    for i in range(n):
        chosen = [labels[i % 3]] + ([labels[(i + 1) % 3]] if i % 5 == 0 else [])
        words = [rng.choice(WORDS[lb]) for lb in chosen for _ in range(3)]
        words += rng.sample(FILLER, 5)
        rng.shuffle(words)
        out.append((" ".join(words), chosen))
    return out


def tiny_config(base: Path, **overrides) -> ClassifierConfig:
    """A two-label classifier config on ``base`` (all its layers, no prefix, batches of 4)."""
    values = {
        "labels": ["governance", "mobility"],
        "base_model": str(base),
        "encoder_layers": None,
        "prefix": "",
        "batch_size": 4,
    } | overrides
    return ClassifierConfig(**values)


@pytest.fixture(scope="session")
def tiny_base(tmp_path_factory) -> Path:
    """A 2-layer, 32-wide BERT with a WordPiece vocabulary of the tiny texts."""
    texts = [t for t, _ in make_texts(60, 0)] + [" ".join(w) for w in WORDS.values()]
    return build_scratch_base(
        tmp_path_factory.mktemp("tiny_base"), texts, hidden=32, layers=2, heads=2, vocab_size=200
    )


@pytest.fixture()
def tiny_gold(tmp_path) -> Path:
    """Three gold files (one Indonesian) of tiny labelled passages."""
    gold = tmp_path / "gold"
    gold.mkdir()
    for d, lang in enumerate(["en", "en", "id"]):
        passages = [
            {"text": t, "language": lang, "dimensions": labels} for t, labels in make_texts(12, d + 1)
        ]
        (gold / f"doc{d}.json").write_text(json.dumps({"file": f"doc{d}.pdf", "passages": passages}))
    return gold
