"""A further draw of passages to annotate, for a new round of labelling: passages of
../shared/corpus and ../shared/pool not labelled before (gold documents left out).

Per language, part of the draw is random (the same square-root-per-document quota as
``make_batches.py``) and part is targeted: passages naming a topic from a fixed word list
written for the dimension that language has fewest positives of (English: education,
skills, research, inclusion; Indonesian: transport, education, environment). No model is
consulted. Writes ``<out>/items_round.jsonl`` (keys only) and ``<out>/batch_NN.jsonl``
(item id, file name, text: for the annotators, never committed), batches numbered from
``--first-batch`` so their annotators get new ids. Usage::

    .venv/bin/python scripts/labelling/make_round.py --out outputs/labelling_r2 --prefix f
"""

from __future__ import annotations

import argparse
import json
import random
import re
from pathlib import Path

from make_batches import SHARED, candidates, gold_files, quotas

from pipeline.fragments import classification_text
from pipeline.train.annotated import LABEL_FILE
from pipeline.train.passage_keys import passage_key

TOPIC_WORDS = {
    "en": re.compile(
        r"\b(education|school|students?|teachers?|universit(y|ies)|skills?|training|literacy|"
        r"talent|human capital|workforce|research|scholarships?|inclusion|inclusive|"
        r"communit(y|ies)|citizens'? participation|capacity building|learning)\b",
        re.IGNORECASE,
    ),
    "id": re.compile(
        r"\b(transportasi|angkutan|kendaraan|lalu lintas|perhubungan|pendidikan|pelatihan|"
        r"sekolah|keterampilan|kompetensi|literasi|sampah|limbah|lingkungan hidup|energi|"
        r"emisi|air bersih|banjir)\b",
        re.IGNORECASE,
    ),
}


def labelled_hashes() -> set[str]:
    """Text hashes of every passage labelled before (never drawn again)."""
    lines = LABEL_FILE.read_text(encoding="utf-8").splitlines()
    return {json.loads(line)["text_sha1"] for line in lines if line.strip()}


def draw(pools: dict[str, list], random_n: int, topic_n: int, words: re.Pattern, rng: random.Random) -> list:
    """(file, passage) pairs: ``random_n`` by per-document quota, then ``topic_n`` more that
    name a topic word, at most 8 per document, none twice."""
    chosen = []
    for name, n in sorted(quotas(pools, random_n).items()):
        chosen += [(name, p) for p in rng.sample(pools[name], n)]
    taken = {id(p) for _, p in chosen}
    topical = []
    for name in sorted(pools):
        hits = [p for p in pools[name] if id(p) not in taken and words.search(p.text)]
        topical += [(name, p) for p in rng.sample(hits, min(len(hits), 8))]
    rng.shuffle(topical)
    return chosen + topical[:topic_n]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("outputs/labelling_r2"))
    parser.add_argument("--prefix", default="f", help="first letter of the new item ids")
    parser.add_argument("--random", type=int, nargs=2, default=(260, 220), metavar=("EN", "ID"))
    parser.add_argument("--topical", type=int, nargs=2, default=(140, 80), metavar=("EN", "ID"))
    parser.add_argument("--batches", type=int, default=8)
    parser.add_argument("--first-batch", type=int, default=10)
    parser.add_argument("--seed", type=int, default=2028)
    args = parser.parse_args()
    done, skip = labelled_hashes(), gold_files()
    files = sorted(p for d in ("corpus", "pool") for p in (SHARED / d).glob("*.pdf") if p.name not in skip)
    by_lang: dict[str, dict[str, list]] = {"en": {}, "id": {}}
    for path in files:
        _, kept = candidates(path)
        for p in kept:
            if p.lang in by_lang and passage_key(p).text_sha1 not in done:
                by_lang[p.lang].setdefault(path.name, []).append(p)
        print(f"{path.name}: {len(kept)} candidates", flush=True)
    rng = random.Random(args.seed)
    items = []
    for lang, random_n, topic_n in zip(("en", "id"), args.random, args.topical, strict=True):
        items += draw(by_lang[lang], random_n, topic_n, TOPIC_WORDS[lang], rng)
    rng.shuffle(items)
    args.out.mkdir(parents=True, exist_ok=True)
    ids = [f"{args.prefix}{i:04d}" for i in range(len(items))]
    with (args.out / "items_round.jsonl").open("w") as keys:
        for item, (name, p) in zip(ids, items, strict=True):
            record = {"item": item, "file": name, **passage_key(p).to_dict(), "lang": p.lang, "kind": p.kind}
            keys.write(json.dumps(record) + "\n")
    for b in range(args.batches):
        with (args.out / f"batch_{args.first_batch + b:02d}.jsonl").open("w") as out:
            for i, (item, (name, p)) in enumerate(zip(ids, items, strict=True)):
                if i % args.batches == b:
                    text = classification_text(p)
                    out.write(
                        json.dumps({"item": item, "file": name, "text": text}, ensure_ascii=False) + "\n"
                    )
    print(f"{len(items)} items in {args.batches} batches -> {args.out}")


if __name__ == "__main__":
    main()
