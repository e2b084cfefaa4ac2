"""How much extraction adds to parsing, measured on the same documents in the same run.

``python -m pipeline.bench.extract [CORPUS_DIR]`` prints, per document and in total, the
parse time (the project's PDF reader), the extraction time and their ratio. The target is an
extraction time under 20% of the parse time over a corpus.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from pipeline.extract import extract_mentions, get_nlp
from pipeline.ingest import read_pdf
from pipeline.langid import assign_languages
from pipeline.records import Document, Passage
from pipeline.settings import shared_root

Reader = Callable[[Path], tuple[Document, list[Passage]]]


@dataclass
class Timing:
    """Parse and extraction seconds of one document."""

    file: str
    pages: int
    chars: int
    parse_s: float
    extract_s: float
    mentions: int


def _ingest_reader(path: Path) -> tuple[Document, list[Passage]]:
    """The project's PDF reader."""
    result = read_pdf(path)
    return result.document, result.passages


def time_document(path: Path, reader: Reader | None = None) -> Timing:
    """Parse one PDF (timed), assign languages (not timed), extract its mentions (timed)."""
    started = time.perf_counter()
    document, passages = (reader or _ingest_reader)(path)
    parse_s = time.perf_counter() - started
    if all(p.lang == "other" for p in passages):
        assign_languages(passages)
    started = time.perf_counter()
    mentions = extract_mentions(document, passages)
    extract_s = time.perf_counter() - started
    return Timing(
        path.name, document.pages, sum(len(p.text) for p in passages), parse_s, extract_s, len(mentions)
    )


def time_corpus(folder: Path, reader: Reader | None = None) -> tuple[list[Timing], dict[str, float]]:
    """Timings of every PDF under ``folder`` and the totals (the extractor is loaded first)."""
    get_nlp()
    timings = [time_document(p, reader) for p in sorted(folder.glob("*.pdf"))]
    parse = sum(t.parse_s for t in timings)
    extract = sum(t.extract_s for t in timings)
    totals = {
        "documents": len(timings),
        "pages": sum(t.pages for t in timings),
        "chars": sum(t.chars for t in timings),
        "parse_s": round(parse, 3),
        "extract_s": round(extract, 3),
        "ratio": round(extract / parse, 4) if parse else 0.0,
    }
    return timings, totals


def main(argv: list[str]) -> None:
    """Print per-document timings and the total ratio for a corpus folder."""
    folder = Path(argv[0]) if argv else shared_root() / "corpus"
    timings, totals = time_corpus(folder)
    for t in timings:
        ratio = t.extract_s / t.parse_s if t.parse_s else 0.0
        print(
            f"{t.file[:60]:60} {t.pages:4d}p {t.parse_s:7.3f}s {t.extract_s:7.3f}s "
            f"{ratio:6.1%} {t.mentions:5d}"
        )
    print(totals)


if __name__ == "__main__":
    main(sys.argv[1:])
