"""Sources of the Malay/Indonesian data: materialised from a git mirror, cut into units, and
labelled items found again by hash and occurrence."""

from __future__ import annotations

import subprocess
from pathlib import Path

from pipeline.train.malay_data import (
    Source,
    labelled_items,
    materialise,
    source_items,
    source_units,
)
from pipeline.train.passage_keys import text_sha1

TEXT = "# Akta\n\nSetiap orang hendaklah mematuhi seksyen ini.\n\nTafsiran\n\nTafsiran\n"


def mirror(root: Path) -> tuple[Source, Path]:
    """A one-commit git repository laid out as ``<root>/owner+name/repo``."""
    work = root / "work"
    work.mkdir()
    (work / "doc.md").write_text(TEXT, encoding="utf-8")
    git = ["git", "-C", str(work), "-c", "user.email=a@b", "-c", "user.name=t"]
    subprocess.run(["git", "init", "-q", str(work)], check=True)
    subprocess.run([*git, "add", "doc.md"], check=True)
    subprocess.run([*git, "commit", "-qm", "x"], check=True)
    commit = subprocess.run(
        [*git, "rev-parse", "HEAD"], capture_output=True, text=True, check=True
    ).stdout.strip()
    subprocess.run(
        ["git", "clone", "-q", "--bare", str(work), str(root / "m" / "own+name" / "repo")], check=True
    )
    return Source("s00", "ms", "git", "own/name", commit, "doc.md", "md", "bill"), root / "m"


def test_a_repository_source_is_materialised_and_cut(tmp_path):
    source, root = mirror(tmp_path)
    assert materialise(source, root, tmp_path / "texts") is not None
    units = source_units(source, [], tmp_path / "texts")
    assert units == ["Akta", "Setiap orang hendaklah mematuhi seksyen ini.", "Tafsiran", "Tafsiran"]
    items = source_items(source, units)
    assert [it.occurrence for it in items] == [0, 0, 0, 1]
    assert [it.kind for it in items] == ["line", "passage", "line", "line"]


def test_a_missing_document_is_reported_not_guessed(tmp_path):
    source, _ = mirror(tmp_path)
    assert source_units(source, [], tmp_path / "nothing") is None


def test_labelled_items_are_found_by_hash_and_occurrence(tmp_path, monkeypatch):
    source, root = mirror(tmp_path)
    materialise(source, root, tmp_path / "texts")
    monkeypatch.setattr("pipeline.train.malay_data.read_sources", lambda: [source])
    labels = [
        {"source": "s00", "text_sha1": text_sha1("Tafsiran"), "occurrence": 1, "lang": "ms"},
        {"source": "s00", "text_sha1": text_sha1("gone"), "occurrence": 0, "lang": "ms"},
    ]
    found, missing = labelled_items([], tmp_path / "texts", labels)
    assert [(r["occurrence"], it.text) for r, it in found] == [(1, "Tafsiran")]
    assert missing == [labels[1]]
