"""Draw the Malay/Indonesian language-ID items and write annotator batches (outside the repo).

For every source of ``pipeline/data/training/langid_sources.tsv`` (repository texts first
written to ``outputs/langid_sources/`` with ``--materialise MIRROR_ROOT``), a seeded draw
takes up to ``--passages`` units of 40+ characters and ``--lines`` shorter units that hold at
least three letters. Nothing here looks at any language decision: the annotators see only the
text. Writes ``<out>/items.jsonl`` (keys) and ``<out>/batch_NN.jsonl`` (item id and text, for
the annotators; the second annotation draws 20% of the items into ``overlap_NN.jsonl``).

    .venv/bin/python scripts/labelling/langid_items.py --materialise /work/.mirror \
        --out outputs/labelling/langid
"""

from __future__ import annotations

import argparse
import json
import random
import re
from pathlib import Path

from pipeline.settings import shared_root
from pipeline.train.malay_data import materialise, read_sources, source_items, source_units

SHARED = shared_root()
_LETTER = re.compile(r"[^\W\d_]")
COUNTRY = {"ms": "Malaysian", "id": "Indonesian"}  # where the document comes from (context)


def main() -> None:
    """Draw items per source and write the batches."""
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", type=Path, default=Path("outputs/labelling/langid"))
    ap.add_argument("--materialise", type=Path, default=None, help="root of git mirrors")
    ap.add_argument("--passages", type=int, default=22)
    ap.add_argument("--lines", type=int, default=8)
    ap.add_argument("--batches", type=int, default=4)
    ap.add_argument("--seed", type=int, default=16)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    drawn = []
    for source in read_sources():
        if source.kind == "git" and args.materialise:
            materialise(source, args.materialise)
        units = source_units(source, [SHARED / "corpus", SHARED / "pool"])
        if units is None:
            print(f"{source.source}: document not found, skipped")
            continue
        items = [it for it in source_items(source, units) if len(_LETTER.findall(it.text)) >= 3]
        long = [it for it in items if it.kind == "passage"]
        short = [it for it in items if it.kind == "line"]
        pick = rng.sample(long, min(args.passages, len(long)))
        pick += rng.sample(short, min(args.lines, len(short)))
        drawn += pick
        print(
            f"{source.source} {source.path[-50:]}: {len(long)} passages, {len(short)} lines; drew {len(pick)}"
        )
    rng.shuffle(drawn)
    args.out.mkdir(parents=True, exist_ok=True)
    with (args.out / "items.jsonl").open("w", encoding="utf-8") as fh:
        for k, it in enumerate(drawn):
            fh.write(json.dumps({"item": f"L{k:04d}", **it.key}) + "\n")
    origin = {s.source: f"{COUNTRY[s.expected]} {s.genre}" for s in read_sources()}
    rows = [
        {"item": f"L{k:04d}", "document": origin[it.source], "text": it.text} for k, it in enumerate(drawn)
    ]
    for b in range(args.batches):
        _write(args.out / f"batch_{b:02d}.jsonl", rows[b :: args.batches])
    overlap = rng.sample(rows, len(rows) // 5)
    half = len(overlap) // 2
    _write(args.out / "overlap_00.jsonl", overlap[:half])
    _write(args.out / "overlap_01.jsonl", overlap[half:])
    print(f"{len(drawn)} items, {len(overlap)} in the second annotation")


def _write(path: Path, rows: list[dict]) -> None:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")


if __name__ == "__main__":
    main()
