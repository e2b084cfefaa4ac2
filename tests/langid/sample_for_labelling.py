"""Print a seeded sample of shared passages to label by hand (a maintainer's tool).

    .venv/bin/python -m tests.langid.sample_for_labelling > /tmp/to_label.txt
    .venv/bin/python -m tests.langid.sample_for_labelling --heldout > /tmp/heldout.txt

Each block shows the file, the key, the occurrence, the length class and the passage index,
then the text (with its neighbours for short lines). The person labelling reads each
passage and writes ``file<TAB>key<TAB>occurrence<TAB>length<TAB>gold`` rows into
``tests/langid/data/labels_sample.tsv`` (or ``labels_heldout.tsv``: a second draw,
labelled after the rules were tuned, that leaves out the first sample's passages). The
text itself is never stored in the project.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

from tests.conftest import CORPUS, SEEDS
from tests.langid.langid_corpus import SHORT, document_passages, passage_key, shared_documents

LONG_PER_DOC, SHORT_PER_DOC = 12, 8
MIXED_LONG_PER_DOC, MIXED_SHORT_PER_DOC = 24, 14
HELDOUT_LONG, HELDOUT_SHORT = 5, 4
DATA = Path(__file__).resolve().parent / "data"


def is_mixed(path: Path) -> bool:
    """Papers and seed texts: where English and Indonesian meet in one document."""
    return "_paper_" in path.name or "_thesis_" in path.name or path.suffix == ".txt"


def _draw(rng: random.Random, candidates: list[int], n: int) -> list[int]:
    return rng.sample(candidates, min(n, len(candidates)))


def sample(path: Path) -> list[int]:
    """Indexes of the first sample's long and short passages of one document."""
    passages = [text for _, text in document_passages(path)]
    rng = random.Random(f"labels:{path.name}")
    long_idx = [i for i, t in enumerate(passages) if len(t) >= SHORT]
    short_idx = [i for i, t in enumerate(passages) if len(t) < SHORT]
    mixed = is_mixed(path)
    chosen = _draw(rng, long_idx, MIXED_LONG_PER_DOC if mixed else LONG_PER_DOC)
    chosen += _draw(rng, short_idx, MIXED_SHORT_PER_DOC if mixed else SHORT_PER_DOC)
    return sorted(chosen)


def heldout_sample(path: Path, labelled: set[tuple[str, str]]) -> list[int]:
    """Indexes of the held-out draw: other passages of the same pages."""
    passages = [text for _, text in document_passages(path)]
    keys = [passage_key(t) for t in passages]
    fresh = [i for i in range(len(passages)) if (path.name, keys[i]) not in labelled]
    rng = random.Random(f"heldout:{path.name}")
    chosen = _draw(rng, [i for i in fresh if len(passages[i]) >= SHORT], HELDOUT_LONG)
    chosen += _draw(rng, [i for i in fresh if len(passages[i]) < SHORT], HELDOUT_SHORT)
    return sorted(chosen)


def _labelled_keys() -> set[tuple[str, str]]:
    rows = (DATA / "labels_sample.tsv").read_text(encoding="utf-8").splitlines()
    return {tuple(r.split("\t")[:2]) for r in rows if not r.startswith(("#", "file\t"))}


def main(heldout: bool) -> None:
    """Print the sample with neighbours, one block per passage."""
    labelled = _labelled_keys() if heldout else set()
    for path in shared_documents(CORPUS, SEEDS):
        passages = [text for _, text in document_passages(path)]
        keys = [passage_key(t) for t in passages]
        chosen = heldout_sample(path, labelled) if heldout else sample(path)
        for i in chosen:
            text, cls = passages[i], "long" if len(passages[i]) >= SHORT else "short"
            print(f"## {path.name}\t{keys[i]}\t{keys[:i].count(keys[i])}\t{cls}\t#{i}")
            if cls == "short":
                prev = passages[i - 1][-120:] if i else ""
                nxt = passages[i + 1][:120] if i + 1 < len(passages) else ""
                print(f"   prev: {prev}\n   next: {nxt}")
            print(f"   TEXT: {text[:400]}")
    sys.stdout.flush()


if __name__ == "__main__":
    main("--heldout" in sys.argv[1:])
