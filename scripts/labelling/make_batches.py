"""Draw the passages to annotate from ../shared/corpus and ../shared/pool (gold documents and
seeds left out) and write annotator batches outside the repository.

Each PDF is read with the pipeline's own reader (OCR off) and language ID. Candidates are
passages that are not fragments (:func:`pipeline.fragments.is_fragment`) with 40 to
1,500 characters. A seeded draw takes a per-document quota proportional to the square root
of the document's candidates (so a long report does not dominate), per language until the
language's target is met. Nothing here looks at a model's prediction.

Writes ``<out>/items.jsonl`` (keys only: document sha256, file, page, passage start/end,
sha1 of the normalised text, language, kind) and ``<out>/batch_NN.jsonl`` (item id, file
name, text: for the annotators, never committed). Usage::

    .venv/bin/python scripts/labelling/make_batches.py --out outputs/labelling
"""

from __future__ import annotations

import argparse
import json
import math
import random
from pathlib import Path

from pipeline.fragments import classification_text, passage_is_fragment
from pipeline.ingest import read_pdf
from pipeline.langid import assign_languages
from pipeline.settings import shared_root
from pipeline.train.passage_keys import passage_key

SHARED = shared_root()
TARGETS = {"id": 820, "en": 640, "ms": 100}
MIN_CHARS, MAX_CHARS = 40, 1500


def gold_files() -> set[str]:
    """PDF names that have a gold annotation (never labelled for training)."""
    return {p.stem + ".pdf" for p in (SHARED / "gold").glob("*.json")}


def candidates(path: Path) -> tuple[str, list]:
    """(document sha256, substantive passages with their language) of one PDF."""
    result = read_pdf(path, ocr=False)
    if result.document.status not in ("ok", "needs_ocr") or not result.passages:
        return result.document.id, []
    assign_languages(result.passages)
    kept = [
        p
        for p in result.passages
        if not passage_is_fragment(p) and MIN_CHARS <= len(p.text) <= MAX_CHARS and p.lang in TARGETS
    ]
    return result.document.id, kept


def quotas(pools: dict[str, list], total: int) -> dict[str, int]:
    """Per-document sample sizes proportional to sqrt(candidates), capped by what there is."""
    weights = {f: math.sqrt(len(c)) for f, c in pools.items() if c}
    scale = total / sum(weights.values()) if weights else 0
    return {f: min(len(pools[f]), max(3, round(w * scale))) for f, w in weights.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("outputs/labelling"))
    parser.add_argument("--batches", type=int, default=8)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()
    skip = gold_files()
    files = sorted(p for d in ("corpus", "pool") for p in (SHARED / d).glob("*.pdf") if p.name not in skip)
    by_lang: dict[str, dict[str, list]] = {lang: {} for lang in TARGETS}
    shas: dict[str, str] = {}
    for path in files:
        sha, kept = candidates(path)
        shas[path.name] = sha
        for p in kept:
            by_lang[p.lang].setdefault(path.name, []).append(p)
        print(f"{path.name}: {len(kept)} candidates", flush=True)
    rng = random.Random(args.seed)
    items = []
    for lang, pools in by_lang.items():
        for name, n in sorted(quotas(pools, TARGETS[lang]).items()):
            for p in rng.sample(pools[name], n):
                items.append((name, p))
    rng.shuffle(items)
    args.out.mkdir(parents=True, exist_ok=True)
    with (args.out / "items.jsonl").open("w") as keys:
        for i, (name, p) in enumerate(items):
            record = {
                "item": f"d{i:04d}",
                "file": name,
                **passage_key(p).to_dict(),
                "lang": p.lang,
                "kind": p.kind,
            }
            keys.write(json.dumps(record) + "\n")
    for b in range(args.batches):
        with (args.out / f"batch_{b:02d}.jsonl").open("w") as out:
            for i, (name, p) in enumerate(items):
                if i % args.batches == b:
                    out.write(
                        json.dumps(
                            {"item": f"d{i:04d}", "file": name, "text": classification_text(p)},
                            ensure_ascii=False,
                        )
                        + "\n"
                    )
    print(f"{len(items)} items in {args.batches} batches -> {args.out}")


if __name__ == "__main__":
    main()
