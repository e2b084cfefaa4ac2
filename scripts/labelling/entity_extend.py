"""Write the next pages of the ``dev`` documents for a round that extends their annotation.

The first two rounds annotated the first 20 pages of each document. An extension round gives
annotators the following pages (21-40 by default) of every ``dev`` document whose first
window ended at the window limit and whose PDF has text beyond it; each extension is its own
evaluation unit (a second ``document`` record of the same PDF with its own page window, its
entities marked with that window). Every such document is taken, so nothing here chooses
by what the extractor finds or misses; a seeded ``--overlap`` share is also given to a second
annotator. Writes ``<out>/documents.jsonl`` (file, sha256, window, characters, split,
second annotation or not) and ``<out>/docs/<file stem>.txt`` as
``entity_pages.py`` does. Usage::

    .venv/bin/python scripts/labelling/entity_extend.py --out outputs/entity_labelling_r6
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from entity_pages import order_key, write_round  # noqa: E402

from pipeline.filenames import find_file  # noqa: E402
from pipeline.settings import shared_root  # noqa: E402
from pipeline.train.annotated import document_texts  # noqa: E402
from pipeline.train.entity_labels import ENTITY_FILE, page_texts, read_records  # noqa: E402

SHARED = shared_root()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("outputs/entity_labelling_r6"))
    parser.add_argument("--after", type=int, default=20, help="the first window's last page")
    parser.add_argument("--pages", type=int, default=20, help="pages in the new window")
    parser.add_argument("--min-chars", type=int, default=1500)
    parser.add_argument("--overlap", type=float, default=0.22)
    parser.add_argument("--seed", type=int, default=2028)
    args = parser.parse_args()
    chosen = []
    for doc in read_records(ENTITY_FILE):
        if doc.get("kind") != "document" or doc.get("split") != "dev" or doc["pages"][1] != args.after:
            continue
        pdf = find_file(doc["file"], doc["document"], [SHARED / "corpus", SHARED / "pool"])
        if pdf is None:
            continue
        pages = page_texts(document_texts(pdf, doc["document"]))
        window = {p: t for p, t in pages.items() if args.after < p <= args.after + args.pages}
        chars = sum(len(t) for t in window.values())
        print(f"{doc['file']}: {chars} characters on pages {args.after + 1}-{args.after + args.pages}")
        if chars >= args.min_chars:
            chosen.append(
                {
                    "file": doc["file"],
                    "document": doc["document"],
                    "pages": [args.after + 1, max(window)],
                    "chars": chars,
                    "split": "dev",
                    "text": window,
                }
            )
    chosen.sort(key=lambda e: order_key(e["document"], args.seed))
    n_overlap = round(len(chosen) * args.overlap)
    second = {e["document"] for e in chosen[:n_overlap]}
    write_round(args.out, chosen, second)
    chars = sum(e["chars"] for e in chosen)
    print(f"{len(chosen)} windows ({len(second)} annotated twice), {chars} characters")


if __name__ == "__main__":
    main()
