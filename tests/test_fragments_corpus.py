"""On every real PDF of ../shared/corpus and ../shared/pool: no passage with fewer than three
words of three or more letters gets a passage label (the production labelling path, model
included). Skips when the folders are absent."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.classify import label_passages, labelled_passages
from pipeline.fragments import statement_words
from pipeline.ingest import read_pdf
from pipeline.langid import assign_languages
from pipeline.settings import shared_root

SHARED = shared_root()


def _real_pdfs() -> list[Path]:
    return sorted(p for d in ("corpus", "pool") for p in (SHARED / d).glob("*.pdf"))


@pytest.mark.skipif(not (SHARED / "corpus").is_dir(), reason="../shared/corpus is absent")
def test_no_label_on_a_passage_of_fewer_than_three_words_in_real_files():
    short, long_sample = [], []
    for path in _real_pdfs():
        result = read_pdf(path, ocr=False)
        if not result.passages:
            continue
        assign_languages(result.passages)
        for p in result.passages:
            if len(statement_words(p.text)) < 3:
                short.append(p)
        long_sample += [p for p in labelled_passages(result.passages)][:3]
    assert len(short) > 1000  # the real files are full of them
    assert labelled_passages(short) == []
    labelled = {label.passage_id for label in label_passages(short + long_sample)}
    assert not labelled & {p.id for p in short}
    assert labelled  # the substantive passages next to them still get labels
