"""A version's cross-validated figures on a subset of its scored passages: the passages of
earlier labelling rounds (by the first letter of their label-file item), so that a model
trained on more data is compared with an earlier one on the same passages.

    .venv/bin/python scripts/experiments/out_of_fold_subset.py dimensions v7 --rounds de

Reads ``models/<name>/<version>/out_of_fold.jsonl`` (keys and labels only). With
``--current-truth`` the passages' labels are taken from the label file as it is now
(after a relabelling), so a version trained on the earlier labels is scored against the
same truth as one trained on the new ones.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from pipeline.evaluate.dimensions import compute_metrics  # noqa: E402
from pipeline.labelled import TASK_FIELDS  # noqa: E402
from pipeline.records import TASK_LABELS  # noqa: E402
from pipeline.registry import OUT_OF_FOLD_FILE, version_dir  # noqa: E402
from pipeline.train.annotated import LABEL_FILE, read_label_records  # noqa: E402


def main() -> None:
    """Print macro-F1 with its CI, per language and per label, on the chosen passages."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("name")
    parser.add_argument("version")
    parser.add_argument("--rounds", default="de", help="first letters of the items to keep")
    parser.add_argument("--task", default="dimension")
    parser.add_argument("--current-truth", action="store_true", help="labels from the label file now")
    args = parser.parse_args()
    labels = list(TASK_LABELS[args.task])
    path = version_dir(args.name, args.version) / OUT_OF_FOLD_FILE
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    rows = [r for r in rows if r["item"][:1] in set(args.rounds)]
    if args.current_truth:
        now = {r["item"]: r.get(TASK_FIELDS[args.task]) or [] for r in read_label_records(LABEL_FILE)}
        rows = [{**r, "truth": now[r["item"]]} for r in rows if r["item"] in now]
    truth = np.array([[float(lb in r["truth"]) for lb in labels] for r in rows])
    predicted = np.array([[float(lb in r["predicted"]) for lb in labels] for r in rows])
    m = compute_metrics(truth, predicted, [r["language"] for r in rows], labels)
    low, high = m["macro"]["ci"]
    print(f"{args.name}/{args.version} on {len(rows)} passages (items {args.rounds}):")
    micro_low, micro_high = m["micro"]["ci"]
    print(f"  macro-F1 {m['macro']['f1']:.3f} ({low:.3f}-{high:.3f})")
    print(f"  micro-F1 {m['micro']['f1']:.3f} ({micro_low:.3f}-{micro_high:.3f})")
    print("  " + ", ".join(f"{k} {v['macro_f1']:.3f}" for k, v in m["per_language"].items()))
    print("  " + ", ".join(f"{k} {v['f1']:.3f}" for k, v in m["per_label"].items()))


if __name__ == "__main__":
    main()
