"""Batches for a blind relabelling of one round's policy stage and diffusion under the
guideline's settled readings (``docs/annotation.md``).

Round 1 was labelled before the later rounds settled how stages are read in regulations;
an audit of 136 of its passages under the settled readings agreed with its stage labels
at only 0.598 (``pipeline/data/training/reports/passage_labels_round1_audit.json``). This
draws every passage of the round (items whose id starts with ``--prefix``) that the audit
did not relabel, reads its text from the PDF by its keys, and writes ``--batches`` seeded
batches ``batch_NN.jsonl`` (item id, file name, text: for the annotators, never
committed) and ``overlap_batch_NN.jsonl`` (the first ``--overlap`` items of the next
batch, for a second, independent annotation). No model is consulted, and the annotators
are not shown the round's own labels. Usage::

    .venv/bin/python scripts/labelling/make_relabel.py --out outputs/labelling_stage
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from pipeline.train.annotated import LABEL_FILE, load_annotated  # noqa: E402
from pipeline.train.dimensions import DEFAULT_PDF_DIRS  # noqa: E402

AUDIT = LABEL_FILE.parent / "reports" / "passage_labels_round1_audit.json"


def audited_items(path: Path = AUDIT) -> set[str]:
    """Items the round-1 audit already relabelled under the settled readings."""
    if not path.is_file():
        return set()
    return {row["item"] for row in json.loads(path.read_text(encoding="utf-8"))["items"]}


def write_jsonl(path: Path, rows: list[dict]) -> None:
    """Write rows as JSON Lines."""
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")


def main() -> None:
    """Write the batches and say how many items each holds."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--prefix", default="d", help="item id prefix of the round")
    parser.add_argument("--batches", type=int, default=8)
    parser.add_argument("--first-batch", type=int, default=50)
    parser.add_argument("--overlap", type=int, default=40)
    parser.add_argument("--seed", type=int, default=50)
    args = parser.parse_args()
    found, _ = load_annotated(list(DEFAULT_PDF_DIRS))
    skip = audited_items()
    rows = [
        {"item": a.record["item"], "file": a.record["file"], "text": a.text}
        for a in found
        if a.record["item"].startswith(args.prefix) and a.record["item"] not in skip
    ]
    random.Random(args.seed).shuffle(rows)
    args.out.mkdir(parents=True, exist_ok=True)
    batches = [rows[i :: args.batches] for i in range(args.batches)]
    for i, batch in enumerate(batches):
        number = args.first_batch + i
        write_jsonl(args.out / f"batch_{number:02d}.jsonl", batch)
        following = batches[(i + 1) % args.batches][: args.overlap]
        write_jsonl(args.out / f"overlap_batch_{number:02d}.jsonl", following)
        after = args.first_batch + (i + 1) % args.batches
        print(f"batch {number}: {len(batch)} items; overlap {len(following)} of batch {after}")
    print(f"{len(rows)} items of round '{args.prefix}' ({len(skip)} audited items left out)")


if __name__ == "__main__":
    main()
