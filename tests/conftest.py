"""Shared fixtures: the ../shared folder (skip when absent) and small generated PDFs."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.settings import shared_root

SHARED = shared_root()
CORPUS = SHARED / "corpus"
GOLD = SHARED / "gold"
SEEDS = SHARED / "seeds"


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    """The shared corpus of real PDFs; tests using it skip when it is absent."""
    if not CORPUS.is_dir():
        pytest.skip("../shared/corpus is absent")
    return CORPUS


@pytest.fixture(scope="session")
def gold_dir() -> Path:
    """The shared gold annotations; tests using it skip when they are absent."""
    if not GOLD.is_dir():
        pytest.skip("../shared/gold is absent")
    return GOLD


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    """The two seed papers; tests using them skip when they are absent."""
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds is absent")
    return SEEDS
