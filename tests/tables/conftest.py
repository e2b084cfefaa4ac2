"""Fixtures of the table tests: the small hand-made store of ``sample_store``."""

from __future__ import annotations

from pathlib import Path

import pytest
from sample_store import build_sample_store

from pipeline.store import Store


@pytest.fixture
def store(tmp_path: Path) -> Store:
    """Two documents (Indonesia, Malaysia) in a fresh SQLite store."""
    s = build_sample_store(tmp_path)
    yield s
    s.dispose()
