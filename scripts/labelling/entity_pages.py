"""Draw the documents whose agencies, programmes and laws are annotated by reading, and write
their page texts for the annotators (outside the repository).

Every PDF of ../shared/corpus and ../shared/pool without a gold file is read with the
pipeline's own reader (OCR off). A document is eligible when its first ``--pages`` pages
hold at least ``--min-chars`` characters of text. The eligible documents are ordered by a
seeded hash of their sha256 and the first ``--documents`` are taken; of those, a seeded
``--overlap`` share is also given to a second annotator. Nothing here looks at what the
extractor finds.

Writes ``<out>/documents.jsonl`` (file, sha256, pages annotated, characters, second
annotation or not) and ``<out>/docs/<file stem>.txt`` (the pages as
:func:`pipeline.train.entity_labels.page_texts` gives them, each under a ``=== page N ===``
line). Usage::

    .venv/bin/python scripts/labelling/entity_pages.py --out outputs/entity_labelling
"""

from __future__ import annotations

import argparse
import hashlib
import json
from pathlib import Path

from pipeline.filenames import file_sha256
from pipeline.settings import shared_root
from pipeline.train.annotated import document_texts
from pipeline.train.entity_labels import page_texts

SHARED = shared_root()


def gold_files() -> set[str]:
    """PDF names that have a gold annotation (scored as they are, never annotated again)."""
    return {p.stem + ".pdf" for p in (SHARED / "gold").glob("*.json")}


def order_key(sha256: str, seed: int) -> str:
    """The seeded draw order of a document."""
    return hashlib.sha256(f"{seed}:{sha256}".encode()).hexdigest()


def write_round(out: Path, chosen: list[dict], second: set[str]) -> None:
    """Write ``<out>/documents.jsonl`` (each chosen document without its text, with whether
    it is annotated twice) and ``<out>/docs/<file stem>.txt`` (its pages, each under a
    ``=== page N ===`` line)."""
    (out / "docs").mkdir(parents=True, exist_ok=True)
    with (out / "documents.jsonl").open("w", encoding="utf-8") as fh:
        for e in chosen:
            text = "\n".join(f"=== page {p} ===\n{t}" for p, t in sorted(e.pop("text").items()))
            (out / "docs" / (Path(e["file"]).stem + ".txt")).write_text(text + "\n", encoding="utf-8")
            e["second"] = e["document"] in second
            fh.write(json.dumps(e) + "\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("outputs/entity_labelling"))
    parser.add_argument("--documents", type=int, default=36)
    parser.add_argument("--pages", type=int, default=20)
    parser.add_argument("--min-chars", type=int, default=1500)
    parser.add_argument("--overlap", type=float, default=0.22)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()
    skip = gold_files()
    files = sorted(p for d in ("corpus", "pool") for p in (SHARED / d).glob("*.pdf") if p.name not in skip)
    eligible = []
    for path in files:
        sha = file_sha256(path)
        try:
            pages = page_texts(document_texts(path, sha))
        except Exception as exc:  # noqa: BLE001 - an unreadable PDF is simply not eligible
            print(f"{path.name}: unreadable ({type(exc).__name__})", flush=True)
            continue
        window = {p: t for p, t in pages.items() if p <= args.pages}
        chars = sum(len(t) for t in window.values())
        print(f"{path.name}: {len(pages)} pages with text, {chars} characters in the window", flush=True)
        if chars >= args.min_chars:
            last = max(window) if window else 0
            eligible.append(
                {
                    "file": path.name,
                    "folder": path.parent.name,
                    "document": sha,
                    "pages": [1, last],
                    "chars": chars,
                    "text": window,
                }
            )
    eligible.sort(key=lambda e: order_key(e["document"], args.seed))
    chosen = eligible[: args.documents]
    n_overlap = round(len(chosen) * args.overlap)
    second = {
        e["document"]
        for e in sorted(chosen, key=lambda e: order_key(e["document"], args.seed + 1))[:n_overlap]
    }
    write_round(args.out, chosen, second)
    print(
        f"{len(eligible)} eligible, {len(chosen)} chosen ({len(second)} annotated twice), "
        f"{sum(e['chars'] for e in chosen)} characters",
        flush=True,
    )


if __name__ == "__main__":
    main()
