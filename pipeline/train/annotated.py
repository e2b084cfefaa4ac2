"""Passage labels made by reading real documents, stored as keys; texts read from the PDFs.

``pipeline/data/training/passage_labels.jsonl`` holds one line per labelled passage: the
key (:class:`~pipeline.train.passage_keys.PassageKey`), the PDF's file name, the adjudicated
labels per task and the record of who labelled it (see ``docs/annotation.md``). No document
text is stored: :func:`load_annotated` reads each PDF (found by file name under the given
folders and checked by sha256) with the pipeline's reader, finds every keyed passage and
rebuilds the text the classifier sees. Read texts are cached per document and pipeline
version in the output folder (never committed).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from pipeline import __version__
from pipeline.filenames import find_file
from pipeline.fragments import classification_text
from pipeline.ingest import read_pdf
from pipeline.records import Passage
from pipeline.settings import PACKAGE_DATA, Settings
from pipeline.train.passage_keys import PassageKey, find_passage, find_within

LABEL_FILE = PACKAGE_DATA / "training" / "passage_labels.jsonl"


@dataclass(frozen=True)
class AnnotatedPassage:
    """A labelled passage found again in its PDF."""

    record: dict
    text: str


def read_label_records(path: Path = LABEL_FILE) -> list[dict]:
    """The label file's records (one JSON object per line)."""
    lines = Path(path).read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def key_of(record: dict) -> PassageKey:
    """The passage key stored in a label record."""
    return PassageKey(
        record["document"], int(record["page"]), int(record["start"]), int(record["end"]), record["text_sha1"]
    )


def _cache_file(sha256: str) -> Path:
    return Settings().out_dir / "cache" / "passages" / f"{sha256[:24]}-{__version__}-v3.json"


def document_texts(path: Path, sha256: str) -> list[dict]:
    """``{"page", "start", "text", "kind", "table", "classify"}`` of every passage of a PDF
    (cached)."""
    cache = _cache_file(sha256)
    if cache.is_file():
        return json.loads(cache.read_text(encoding="utf-8"))
    result = read_pdf(path, ocr=False)
    rows = [
        {
            "page": p.page,
            "start": p.start,
            "text": p.text,
            "kind": p.kind,
            "table": p.table,
            "classify": classification_text(p),
        }
        for p in result.passages
    ]
    cache.parent.mkdir(parents=True, exist_ok=True)
    cache.write_text(json.dumps(rows, ensure_ascii=False), encoding="utf-8")
    return rows


def document_passages(path: Path, sha256: str) -> list:
    """The passages of a PDF as records (from :func:`document_texts`; ids are positions)."""
    return [
        Passage(
            str(i),
            sha256,
            r["page"],
            r["text"],
            start=r["start"],
            kind=r.get("kind", "text"),
            table=r.get("table"),
        )
        for i, r in enumerate(document_texts(path, sha256))
    ]


def load_annotated(
    folders: list[Path],
    path: Path = LABEL_FILE,
) -> tuple[list[AnnotatedPassage], list[dict]]:
    """(labelled passages found in their PDFs, records that could not be placed)."""
    records = read_label_records(path)
    found: list[AnnotatedPassage] = []
    orphans: list[dict] = []
    by_doc: dict[tuple[str, str], list[dict]] = {}
    for record in records:
        by_doc.setdefault((record["file"], record["document"]), []).append(record)
    for (name, sha256), group in sorted(by_doc.items()):
        pdf = find_file(name, sha256, folders)
        if pdf is None:
            orphans += group
            continue
        rows = document_texts(pdf, sha256)
        passages = document_passages(pdf, sha256)
        for record in group:
            text = _labelled_text(key_of(record), passages, rows)
            if text is None:
                orphans.append(record)
            else:
                found.append(AnnotatedPassage(record, text))
    return found, orphans


def _labelled_text(key: PassageKey, passages: list, rows: list[dict]) -> str | None:
    """The classifier text of a keyed passage: the whole passage, or the labelled stretch of
    a longer passage it is now part of; None for an orphan."""
    match = find_passage(key, passages)
    if match is not None:
        return rows[int(match.id)]["classify"]
    inside = find_within(key, passages)
    if inside is None:
        return None
    passage, a, b = inside
    return passage.text[a:b]
