"""The Malay/Indonesian language-ID data: its source documents, their text units, and the
labelled items found again by key.

``pipeline/data/training/langid_sources.tsv`` lists the documents: Malay ones from public
GitHub repositories (read at a fixed commit) and from ``../shared/pool``, Indonesian ones
from ``../shared/corpus`` and ``../shared/pool``. ``langid_ms_id.jsonl`` holds one line per
labelled item: source, text hash, occurrence (which unit with that hash, in order), kind
(``passage``: 40+ characters, ``line``: shorter) and the labels. No text is stored; the
units are rebuilt from the documents (:func:`source_units`) and matched by hash.

Repository texts are looked up in ``outputs/langid_sources/`` (written there by
``scripts/labelling/langid_items.py --materialise MIRROR_DIR`` from git mirrors of the
listed repositories); a source that cannot be found is reported, never guessed.
"""

from __future__ import annotations

import csv
import hashlib
import json
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from pipeline.filenames import find_file
from pipeline.ingest import read_pdf
from pipeline.langid.units import SHORT_LINE, text_units
from pipeline.settings import PACKAGE_DATA, Settings
from pipeline.train.passage_keys import text_sha1

SOURCES_FILE = PACKAGE_DATA / "training" / "langid_sources.tsv"
LABELS_FILE = PACKAGE_DATA / "training" / "langid_ms_id.jsonl"


@dataclass(frozen=True)
class Source:
    """One document of the data."""

    source: str
    expected: str
    kind: str  # git | pdf
    repo: str
    commit: str  # git commit, or the PDF's sha256
    path: str  # path in the repository, or the PDF's file name
    format: str
    genre: str
    ship: str = "yes"  # "no": kept out of the shipped model (a document of an older test sample)

    @property
    def cache_name(self) -> str:
        """File name of the materialised text of a repository source."""
        digest = hashlib.sha1(f"{self.repo}@{self.commit}:{self.path}".encode()).hexdigest()[:16]
        return f"{self.source}-{digest}.{self.format}"


@dataclass(frozen=True)
class Item:
    """One unit of a source: its text and key."""

    source: str
    text: str
    occurrence: int

    @property
    def kind(self) -> str:
        """``passage`` (40+ characters) or ``line``."""
        return "passage" if len(self.text) >= SHORT_LINE else "line"

    @property
    def key(self) -> dict:
        """What the label file stores for it."""
        return {
            "source": self.source,
            "text_sha1": text_sha1(self.text),
            "occurrence": self.occurrence,
            "kind": self.kind,
        }


def read_sources(path: Path = SOURCES_FILE) -> list[Source]:
    """The listed documents."""
    with path.open(encoding="utf-8") as fh:
        rows = csv.DictReader((ln for ln in fh if not ln.startswith("#")), delimiter="\t")
        return [Source(**row) for row in rows]


def sources_dir() -> Path:
    """Where materialised repository texts live (never committed)."""
    return Settings().out_dir / "langid_sources"


def materialise(source: Source, mirror_root: Path, target: Path | None = None) -> Path | None:
    """Write a repository source's text from a git mirror (``<root>/<owner>+<name>/repo``)."""
    target = target or sources_dir()
    git_dir = mirror_root / source.repo.replace("/", "+") / "repo"
    if not git_dir.is_dir():
        return None
    shown = subprocess.run(
        ["git", "-C", str(git_dir), "show", f"{source.commit}:{source.path}"],
        capture_output=True,
        check=False,
    )
    if shown.returncode != 0:
        return None
    target.mkdir(parents=True, exist_ok=True)
    out = target / source.cache_name
    out.write_bytes(shown.stdout)
    return out


def source_units(
    source: Source,
    pdf_dirs: list[Path],
    texts_dir: Path | None = None,
) -> list[str] | None:
    """The text units of a source (None when its document is not on this machine)."""
    if source.kind == "git":
        path = (texts_dir or sources_dir()) / source.cache_name
        if not path.is_file():
            return None
        return text_units(path.read_text(encoding="utf-8", errors="replace"), source.format)
    pdf = find_file(source.path, source.commit, pdf_dirs)
    if pdf is None:
        return None
    return [" ".join(p.text.split()) for p in read_pdf(pdf, ocr=False).passages if p.text.strip()]


class Named(Protocol):
    """What :func:`source_items` reads of a source: its name (a :class:`Source`, or a stand-in
    holding only the name)."""

    @property
    def source(self) -> str: ...


def source_items(source: Named, units: list[str]) -> list[Item]:
    """Every unit of a source as an item with its occurrence number."""
    seen: dict[str, int] = {}
    items = []
    for text in units:
        key = text_sha1(text)
        items.append(Item(source.source, text, seen.get(key, 0)))
        seen[key] = seen.get(key, 0) + 1
    return items


def read_labels(path: Path = LABELS_FILE) -> list[dict]:
    """The labelled items (keys and labels)."""
    if not path.is_file():
        return []
    return [json.loads(ln) for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip()]


def labelled_items(
    pdf_dirs: list[Path], texts_dir: Path | None = None, labels: list[dict] | None = None
) -> tuple[list[tuple[dict, Item]], list[dict]]:
    """(record, item) for every labelled item found again, and the records not found."""
    records = read_labels() if labels is None else labels
    by_source: dict[str, list[dict]] = {}
    for r in records:
        by_source.setdefault(r["source"], []).append(r)
    found, missing = [], []
    for source in read_sources():
        group = by_source.get(source.source, [])
        if not group:
            continue
        units = source_units(source, pdf_dirs, texts_dir)
        if units is None:
            missing += group
            continue
        index = {(text_sha1(it.text), it.occurrence): it for it in source_items(source, units)}
        for r in group:
            item = index.get((r["text_sha1"], r["occurrence"]))
            if item is None:
                missing.append(r)
            else:
                found.append((r, item))
    return found, missing
