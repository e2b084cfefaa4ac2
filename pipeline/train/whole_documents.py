"""Whole held-out documents labelled during cross-validation.

The annotated passages are a sample of each document (short and very long passages left
out), so a figure of a whole document, such as the share of its substantive passages that
get a dimension (what the relevance judge reads), differs from the same figure on the
sample. Here each fold model, right after its fold is scored, labels every substantive
passage of the fold's documents as a run would (read from the PDF, language-identified,
fragments and language "other" left out, table cells with their headers), with the fold's
own thresholds: every document's figure comes from a model that never saw the document.
Only counts are kept (``whole_document_shares.json`` in the version folder).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from pipeline.classify import labelled_passages, scores_to_labels
from pipeline.filenames import find_file
from pipeline.fragments import classification_text
from pipeline.langid import assign_languages
from pipeline.train.annotated import document_passages, read_label_records

WHOLE_FILE = "whole_document_shares.json"
Scorer = Callable[[list[str]], np.ndarray]


def substantive_texts(label_file: Path, documents: set[str], pdf_dirs: list[Path]) -> dict[str, list[str]]:
    """Per document (file stem, of those in ``documents`` the label file names and whose PDF
    is found): the classifier texts of its substantive passages, in reading order."""
    files: dict[str, tuple[str, str]] = {}
    for record in read_label_records(label_file):
        stem = Path(record["file"]).stem
        if stem in documents:
            files[stem] = (record["file"], record["document"])
    texts: dict[str, list[str]] = {}
    for stem, (name, sha256) in sorted(files.items()):
        pdf = find_file(name, sha256, pdf_dirs)
        if pdf is None:
            continue
        passages = document_passages(pdf, sha256)
        assign_languages(passages)
        texts[stem] = [classification_text(p) for p in labelled_passages(passages)]
    return texts


@dataclass
class WholeDocumentShares:
    """The fold hook: labels every substantive passage of the fold's documents with the fold
    model and counts the passages that got any label."""

    texts: dict[str, list[str]]
    labels: list[str]
    task: str = "dimension"
    counts: dict[str, dict[str, int]] = field(default_factory=dict)

    def __call__(self, fold: set[str], score: Scorer, thresholds: dict[str, float]) -> None:
        """Label the fold's documents with its model (``score``) and thresholds."""
        for document in sorted(fold & set(self.texts)):
            texts = self.texts[document]
            given = 0
            if texts:
                predicted = scores_to_labels(texts, score(texts), self.labels, thresholds, self.task)
                given = int(predicted.any(1).sum())
            self.counts[document] = {"substantive": len(texts), "labelled": given}

    def save(self, directory: Path) -> Path:
        """Write the counts and shares to ``directory/whole_document_shares.json``."""
        rows = {
            doc: {**c, "share": round(c["labelled"] / c["substantive"], 4) if c["substantive"] else None}
            for doc, c in sorted(self.counts.items())
        }
        path = Path(directory) / WHOLE_FILE
        path.write_text(json.dumps(rows, indent=2, sort_keys=True) + "\n", encoding="utf-8")
        return path


def read_whole_shares(path: Path, min_passages: int) -> dict[str, float]:
    """Per document, its share from a ``whole_document_shares.json``; documents with fewer
    than ``min_passages`` substantive passages are left out."""
    rows = json.loads(Path(path).read_text(encoding="utf-8"))
    return {
        doc: row["labelled"] / row["substantive"]
        for doc, row in rows.items()
        if row["substantive"] >= min_passages
    }


__all__ = ["WHOLE_FILE", "WholeDocumentShares", "read_whole_shares", "substantive_texts"]
