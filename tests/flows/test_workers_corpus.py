"""Two local worker processes over real PDFs store exactly what one worker stores.

By default the ten smallest files of ``../shared/corpus`` (broken, encrypted and scanned
ones among them); ``SANDINGAN_STRESS=all`` takes every PDF of ``../shared/corpus`` and
``../shared/pool`` (the full stress run, minutes). OCR is off: OCR output is not what is
compared, and it would dominate the time.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from pipeline.flows.ingest import run_ingest
from pipeline.settings import shared_root

pytestmark = pytest.mark.slow
POOL = shared_root() / "pool"


def stress_files(corpus_dir: Path) -> list[Path]:
    """The PDFs of the stress run (see the module docstring)."""
    files = sorted(corpus_dir.glob("*.pdf"))
    if os.environ.get("SANDINGAN_STRESS") == "all":
        return files + sorted(POOL.glob("*.pdf"))
    return sorted(files, key=lambda p: (p.stat().st_size, p.name))[:10]


def test_two_workers_store_what_one_worker_stores(
    corpus_dir: Path, results_of, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SANDINGAN_OCR", "0")
    monkeypatch.delenv("SANDINGAN_DB_URL", raising=False)
    folder = tmp_path / "corpus"
    folder.mkdir()
    files = stress_files(corpus_dir)
    for path in files:
        (folder / f"{path.parent.name}_{path.name}").symlink_to(path)
    one = run_ingest(folder, tmp_path / "one", workers=1)
    two = run_ingest(folder, tmp_path / "two", workers=2)
    assert one.found == two.found == len(files)
    assert (two.processed, len(two.failed)) == (one.processed, len(one.failed))
    assert results_of(tmp_path / "two") == results_of(tmp_path / "one")
