"""Frozen encoder vs fine-tuned top layers for the dimension classifier, one protocol.

Both arms use production ``dimensions/v4``'s data and recipe (the annotated passages of
``../shared/corpus`` and ``../shared/pool`` plus the project's written passages, which only
train) and the same grouped 5-fold split by document; in each fold the thresholds come from
one held-out group of the training documents (not the nested inner 5-fold of ``sandingan
train dimensions``, which would cost 30 fine-tunings), and a passage gets a label when its
score passes the threshold or the lexicon names the label. Every passage is scored by a
model that never saw its document.

    .venv/bin/python scripts/experiments/dimension_finetune.py frozen
    .venv/bin/python scripts/experiments/dimension_finetune.py finetune --layers 4 --epochs 4
    .venv/bin/python scripts/experiments/dimension_finetune.py finetune --encoder-layers 6
    .venv/bin/python scripts/experiments/dimension_finetune.py finetune --recipe v7 --layers 8 \
        --only 0,2 --threads 2 --compare models/dimensions/v7

The fine-tuned arm takes about 45 minutes on one core; the frozen one about 7. ``--only``
runs some of the five folds; ``--compare`` prints a version's out-of-fold figures on the
same passages beside (a version trained with ``--calibration group`` on the same data has
the same folds).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from pipeline.classify import scores_to_labels  # noqa: E402
from pipeline.classify.fit import Encoded, calibrate_thresholds, fit, predict  # noqa: E402
from pipeline.evaluate.dimensions import compute_metrics  # noqa: E402
from pipeline.labelled import label_matrix  # noqa: E402
from pipeline.train.crossval import evaluation_documents, grouped_folds  # noqa: E402
from pipeline.train.dimensions import Sources, collect_examples, recipe_of  # noqa: E402


def main() -> None:
    """Run one arm and print macro-F1 with its CI, per language and per label."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("arm", choices=["frozen", "finetune"])
    parser.add_argument("--layers", type=int, default=4)
    parser.add_argument("--epochs", type=int, default=4)
    parser.add_argument("--encoder-lr", type=float, default=5e-5)
    parser.add_argument(
        "--encoder-layers", type=int, default=None, help="keep the first N encoder layers (default: all)"
    )
    parser.add_argument("--recipe", default="v4", help="the dimensions version whose data and recipe to use")
    parser.add_argument("--only", default=None, help="fold numbers to run, e.g. 0,2 (default: all five)")
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--compare", type=Path, default=None, help="a version folder with out_of_fold.jsonl")
    args = parser.parse_args()
    import torch

    torch.set_num_threads(args.threads)
    config, sources = recipe_of("dimensions", args.recipe)
    config.quantize = False
    if args.encoder_layers:
        config.encoder_layers = args.encoder_layers
    if args.arm == "finetune":
        config.train_layers, config.epochs = args.layers, args.epochs
        config.learning_rate, config.encoder_learning_rate = 1e-3, args.encoder_lr
    examples, _ = collect_examples(Sources.from_dict(sources), "dimension")
    encoded, labels = Encoded(config), config.labels
    documents = evaluation_documents(examples)
    truth = label_matrix(examples, labels)
    predicted = np.zeros_like(truth)
    scored: list[int] = []
    started = time.time()
    only = {int(n) for n in args.only.split(",")} if args.only else set(range(5))
    for number, fold in enumerate(grouped_folds(examples, documents, 5)):
        if number not in only:
            continue
        calibration = grouped_folds(examples, [d for d in documents if d not in fold], 5)[0]
        train = [e for e in examples if e.document not in fold | calibration]
        held = [e for e in examples if e.document in calibration]
        head = fit(encoded, [e.text for e in train], label_matrix(train, labels))
        thresholds = calibrate_thresholds(
            predict(encoded, head, [e.text for e in held]), label_matrix(held, labels), labels
        )
        test = [i for i, e in enumerate(examples) if e.document in fold]
        texts = [examples[i].text for i in test]
        predicted[test] = scores_to_labels(texts, predict(encoded, head, texts), labels, thresholds)
        scored += test
        print(f"fold done after {time.time() - started:.0f} s", flush=True)
    runs = [(args.arm, predicted[scored])]
    if args.compare:
        lines = (args.compare / "out_of_fold.jsonl").read_text(encoding="utf-8").splitlines()
        theirs = {r["item"]: r["predicted"] for r in map(json.loads, lines)}
        rows = [theirs.get(examples[i].key) for i in scored]
        if None in rows:
            print(f"{rows.count(None)} passages not in {args.compare}: no comparison")
        else:
            runs.append((str(args.compare), np.array([[float(lb in r) for lb in labels] for r in rows])))
    for name, chosen in runs:
        metrics = compute_metrics(truth[scored], chosen, [examples[i].language for i in scored], labels)
        print(
            name,
            len(scored),
            "passages, macro-F1",
            metrics["macro"],
            {k: v["macro_f1"] for k, v in metrics["per_language"].items()},
            {k: v["f1"] for k, v in metrics["per_label"].items()},
            flush=True,
        )


if __name__ == "__main__":
    main()
