"""On the real regulations of ../shared/corpus and ../shared/pool: no passage ends inside a
cross-reference ("... sebagaimana dimaksud pada ayat"), and paragraphs cut by a page break
are read as one passage. Skips when the folders are absent."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.ingest import read_pdf
from pipeline.ingest.references import ends_in_reference

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
pytestmark = [
    pytest.mark.shared,
    pytest.mark.slow,
    pytest.mark.skipif(not (SHARED / "corpus").is_dir(), reason="../shared/corpus is absent"),
]


def regulations() -> list[Path]:
    """The Indonesian and Malaysian regulations and laws of corpus and pool."""
    names = ("id_reg_", "en_law_", "ms_law_", "ms_reg_", "edge_id_reg")
    return sorted(
        p for d in ("corpus", "pool") for p in (SHARED / d).glob("*.pdf") if p.name.startswith(names)
    )


def test_no_passage_ends_inside_a_cross_reference():
    files = regulations()
    assert len(files) >= 20
    cut, joined = [], 0
    for path in files:
        result = read_pdf(path, ocr=False)
        cut += [
            (path.name, p.page, p.text[-60:])
            for p in result.passages
            if p.kind == "text" and ends_in_reference(p.text)
        ]
        joined += sum(1 for p in result.passages if p.parts)
    assert cut == []
    assert joined >= 50  # regulations run their clauses over page breaks all the time
