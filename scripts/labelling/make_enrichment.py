"""A second, targeted draw: Indonesian passages that name a transport, education/skills or
environment topic (a fixed word list written for this draw, not a model), for the
dimensions a random draw of Indonesian regulations leaves with few positives. Passages of
the first draw and of gold documents are left out. Same reader, keys and batch format as
``make_batches.py``; items are numbered ``e0000``... Usage::

    .venv/bin/python scripts/labelling/make_enrichment.py --out outputs/labelling
"""

from __future__ import annotations

import argparse
import json
import random
import re
from pathlib import Path

from make_batches import SHARED, candidates, gold_files

from pipeline.fragments import classification_text
from pipeline.train.passage_keys import passage_key

TOPIC_WORDS = re.compile(
    r"\b(transportasi|angkutan|kendaraan|jalan raya|lalu lintas|perhubungan|pelabuhan|"
    r"bandar udara|logistik|telekomunikasi|jaringan internet|pendidikan|pelatihan|sekolah|"
    r"keterampilan|kompetensi|literasi|beasiswa|pemberdayaan masyarakat|sampah|limbah|"
    r"lingkungan hidup|energi|emisi|air bersih|banjir|pencemaran)\b",
    re.IGNORECASE,
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("outputs/labelling"))
    parser.add_argument("--total", type=int, default=200)
    parser.add_argument("--per-document", type=int, default=12)
    parser.add_argument("--seed", type=int, default=2027)
    args = parser.parse_args()
    done = {json.loads(line)["text_sha1"] for line in (args.out / "items.jsonl").open()}
    skip = gold_files()
    rng = random.Random(args.seed)
    chosen = []
    for path in sorted(
        p for d in ("corpus", "pool") for p in (SHARED / d).glob("id_*.pdf") if p.name not in skip
    ):
        _, kept = candidates(path)
        pool = [
            p
            for p in kept
            if p.lang == "id" and TOPIC_WORDS.search(p.text) and passage_key(p).text_sha1 not in done
        ]
        chosen += [(path.name, p) for p in rng.sample(pool, min(len(pool), args.per_document))]
    rng.shuffle(chosen)
    chosen = chosen[: args.total]
    with (
        (args.out / "items_enrichment.jsonl").open("w") as keys,
        (args.out / "batch_e.jsonl").open("w") as batch,
    ):
        for i, (name, p) in enumerate(chosen):
            item = f"e{i:04d}"
            keys.write(
                json.dumps(
                    {"item": item, "file": name, **passage_key(p).to_dict(), "lang": p.lang, "kind": p.kind}
                )
                + "\n"
            )
            batch.write(
                json.dumps({"item": item, "file": name, "text": classification_text(p)}, ensure_ascii=False)
                + "\n"
            )
    print(f"{len(chosen)} enrichment items -> {args.out}")


if __name__ == "__main__":
    main()
