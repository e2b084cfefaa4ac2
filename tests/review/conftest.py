"""Fixtures of the review tests: the sample store of tests/tables and an HTTP client."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from review_helpers import LOCAL, sample

from pipeline.review.app import create_app
from pipeline.store import Store


@pytest.fixture
def store(tmp_path: Path) -> Store:
    """Two documents (Indonesia, Malaysia) in a fresh SQLite store; A's PDF on disk."""
    s = sample.build_sample_store(tmp_path)
    yield s
    s.dispose()


@pytest.fixture
def client(store: Store) -> TestClient:
    """A browser-like client of the app, from a local address."""
    with TestClient(create_app(store), base_url=LOCAL) as c:
        yield c
