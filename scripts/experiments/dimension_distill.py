"""A smaller dimension classifier taught by the 12-layer one: does distillation keep the
accuracy at half the encoder cost?

Protocol (production ``dimensions/v5``'s data and recipe, grouped k-fold by document, as
``dimension_finetune.py``): in each fold a 12-layer teacher is fine-tuned on the training
documents; it scores unlabelled substantive passages of those same training documents
(never of the fold's documents, never of the calibration group's); a student that keeps
only the first ``--student-layers`` encoder layers is fine-tuned on the labelled training
passages (their 0/1 labels) plus the unlabelled ones (the teacher's probabilities as
targets). Both get thresholds from one held-out group of the training documents, and both
label the fold's passages, so teacher and student are compared on the same folds.

    .venv/bin/python scripts/experiments/dimension_distill.py run --folds 5 --only 0,2,4 --out A.npz
    .venv/bin/python scripts/experiments/dimension_distill.py run --folds 5 --only 1,3 --out B.npz
    .venv/bin/python scripts/experiments/dimension_distill.py report A.npz B.npz

Unlabelled passages are drawn with a fixed seed, up to ``--per-document`` from each
training document, from the passages the pipeline would classify (no fragments, 40-1,500
characters, not a labelled passage).
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from dataclasses import replace
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from pipeline.classify import scores_to_labels  # noqa: E402
from pipeline.classify.fit import Encoded, calibrate_thresholds, fit, predict  # noqa: E402
from pipeline.evaluate.dimensions import compute_metrics  # noqa: E402
from pipeline.fragments import is_fragment  # noqa: E402
from pipeline.labelled import label_matrix  # noqa: E402
from pipeline.train.annotated import document_texts, find_file, read_label_records  # noqa: E402
from pipeline.train.crossval import evaluation_documents, grouped_folds  # noqa: E402
from pipeline.train.dimensions import Sources, collect_examples, recipe_of  # noqa: E402


def unlabelled_by_document(sources: Sources, labelled: set[str]) -> dict[str, list[str]]:
    """Classifier texts of every annotated document's substantive passages that carry no
    label, by document (file stem, as the examples name documents)."""
    files = {(r["file"], r["document"]) for r in read_label_records(sources.annotated)}
    found: dict[str, list[str]] = {}
    for name, sha256 in sorted(files):
        pdf = find_file(name, sha256, sources.pdf_dirs)
        if pdf is None:
            continue
        texts = [
            row["classify"]
            for row in document_texts(pdf, sha256)
            if not is_fragment(row["text"], row.get("kind", "text"), row.get("table"))
            and 40 <= len(row["classify"]) <= 1500
            and row["classify"] not in labelled
        ]
        found[Path(name).stem] = list(dict.fromkeys(texts))
    return found


def draw(unlabelled: dict[str, list[str]], documents: set[str], per_document: int, seed: int) -> list[str]:
    """Up to ``per_document`` passages of each of ``documents``, drawn with ``seed``."""
    rng = random.Random(seed)
    drawn: list[str] = []
    for document in sorted(documents):
        texts = unlabelled.get(document, [])
        drawn += rng.sample(texts, min(per_document, len(texts)))
    return drawn


def run(args: argparse.Namespace) -> None:
    """Teacher and student of the chosen folds; their label decisions saved to ``--out``."""
    import torch

    torch.set_num_threads(1)
    config, source_dict = recipe_of("dimensions", "v5")
    config.quantize, config.serving = False, "float"
    student_config = replace(config, encoder_layers=args.student_layers, train_layers=args.train_layers)
    sources = Sources.from_dict(source_dict)
    examples, _ = collect_examples(sources, "dimension")
    labels = config.labels
    documents = evaluation_documents(examples)
    unlabelled = unlabelled_by_document(sources, {e.text for e in examples})
    teacher, student = Encoded(config), Encoded(student_config)
    truth = label_matrix(examples, labels)
    rows = {"teacher": np.zeros_like(truth), "student": np.zeros_like(truth)}
    scored: list[int] = []
    folds = grouped_folds(examples, documents, args.folds)
    started = time.time()
    for number, fold in enumerate(folds):
        if args.only and number not in args.only:
            continue
        calibration = grouped_folds(examples, [d for d in documents if d not in fold], 5)[0]
        train = [e for e in examples if e.document not in fold | calibration]
        held = [e for e in examples if e.document in calibration]
        test = [i for i, e in enumerate(examples) if e.document in fold]
        texts = [examples[i].text for i in test]
        train_texts, train_targets = [e.text for e in train], label_matrix(train, labels)
        extra = draw(unlabelled, {e.document for e in train}, args.per_document, config.seed + number)
        head = fit(teacher, train_texts, train_targets)
        soft = predict(teacher, head, extra)
        for name, encoded, fitted in (
            ("teacher", teacher, head),
            ("student", student, None),
        ):
            if fitted is None:
                targets = np.vstack([train_targets, soft]).astype(np.float32)
                fitted = fit(encoded, train_texts + extra, targets)
            held_scores = predict(encoded, fitted, [e.text for e in held])
            thresholds = calibrate_thresholds(held_scores, label_matrix(held, labels), labels)
            rows[name][test] = scores_to_labels(texts, predict(encoded, fitted, texts), labels, thresholds)
        scored += test
        done = f"{len(train)} labelled + {len(extra)} unlabelled, {time.time() - started:.0f} s"
        print(f"fold {number}: {done}", flush=True)
    np.savez(args.out, scored=np.array(scored), truth=truth, **rows)


def report(paths: list[Path]) -> None:
    """Macro-F1 with CI, per language and per label, of teacher and student over the saved
    folds."""
    config, source_dict = recipe_of("dimensions", "v5")
    examples, _ = collect_examples(Sources.from_dict(source_dict), "dimension")
    parts = [np.load(p) for p in paths]
    scored = np.concatenate([p["scored"] for p in parts])
    truth = parts[0]["truth"]
    for name in ("teacher", "student"):
        predicted = np.zeros_like(truth)
        for p in parts:
            predicted[p["scored"]] = p[name][p["scored"]]
        metrics = compute_metrics(
            truth[scored], predicted[scored], [examples[i].language for i in scored], config.labels
        )
        print(
            name,
            len(scored),
            "macro-F1",
            metrics["macro"],
            {k: v["macro_f1"] for k, v in metrics["per_language"].items()},
            {k: v["f1"] for k, v in metrics["per_label"].items()},
        )


def main() -> None:
    """Run folds, or report saved ones."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    fold_run = commands.add_parser("run")
    fold_run.add_argument("--folds", type=int, default=5)
    fold_run.add_argument("--only", type=lambda s: {int(x) for x in s.split(",")}, default=None)
    fold_run.add_argument("--student-layers", type=int, default=6)
    fold_run.add_argument("--train-layers", type=int, default=4)
    fold_run.add_argument("--per-document", type=int, default=20)
    fold_run.add_argument("--out", type=Path, required=True)
    saved = commands.add_parser("report")
    saved.add_argument("paths", type=Path, nargs="+")
    args = parser.parse_args()
    if args.command == "run":
        run(args)
    else:
        report(args.paths)


if __name__ == "__main__":
    main()
