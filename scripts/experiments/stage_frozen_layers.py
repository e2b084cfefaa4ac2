"""Policy stage from a frozen layer of e5-small: what a stage head would score if it read
the hidden states the dimension model computes anyway (its bottom layers are frozen base
layers, shared by any head that reads them), against the lexicon production uses today.

Grouped 5-fold by document over the annotated passages (the project's written passages
have no stage labels); in each fold a logistic head is fitted on the training documents'
mean-pooled vectors, its thresholds come from one held-out group of those documents, and a
passage gets a label when its score passes the threshold or the lexicon names the label.
The encoder never saw any label, so nothing leaks across folds.

    .venv/bin/python scripts/experiments/stage_frozen_layers.py --layers 8 12
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from pipeline.classify import scores_to_labels  # noqa: E402
from pipeline.classify.fit import calibrate_thresholds  # noqa: E402
from pipeline.evaluate.dimensions import compute_metrics  # noqa: E402
from pipeline.labelled import label_matrix  # noqa: E402
from pipeline.records import TASK_LABELS  # noqa: E402
from pipeline.train.annotated import LABEL_FILE  # noqa: E402
from pipeline.train.crossval import evaluation_documents, grouped_folds  # noqa: E402
from pipeline.train.dimensions import Sources, collect_examples, lexicon_predictions  # noqa: E402

BASE = Path("models/base/multilingual-e5-small")
TASK = "policy_stage"


def layer_vectors(texts: list[str], layers: list[int], batch: int = 32) -> dict[int, np.ndarray]:
    """Mean-pooled hidden states of the texts at each of ``layers`` (0 = embeddings)."""
    import torch
    from transformers import AutoModel, AutoTokenizer

    torch.set_num_threads(1)
    tokenizer = AutoTokenizer.from_pretrained(BASE)
    model = AutoModel.from_pretrained(BASE).eval()
    out: dict[int, list[np.ndarray]] = {k: [] for k in layers}
    order = np.argsort([len(t) for t in texts])
    for start in range(0, len(texts), batch):
        chunk = [f"query: {texts[i]}" for i in order[start : start + batch]]
        encoded = tokenizer(chunk, padding=True, truncation=True, max_length=128, return_tensors="pt")
        with torch.inference_mode():
            hidden = model(**encoded, output_hidden_states=True).hidden_states
        mask = encoded["attention_mask"].unsqueeze(-1).float()
        for k in layers:
            out[k].append(((hidden[k] * mask).sum(1) / mask.sum(1)).numpy())
    inverse = np.argsort(order)
    return {k: np.concatenate(v)[inverse] for k, v in out.items()}


def fit_scores(train_x: np.ndarray, train_y: np.ndarray, test_x: np.ndarray, c: float) -> np.ndarray:
    """Per-label logistic regression (balanced classes) scores of ``test_x``."""
    from sklearn.linear_model import LogisticRegression

    scores = np.zeros((len(test_x), train_y.shape[1]))
    for j in range(train_y.shape[1]):
        if train_y[:, j].sum() == 0:
            continue
        model = LogisticRegression(C=c, class_weight="balanced", max_iter=2000)
        model.fit(train_x, train_y[:, j])
        scores[:, j] = model.predict_proba(test_x)[:, 1]
    return scores


def main() -> None:
    """Print micro- and macro-F1 (with CIs) of each layer's head and of the lexicon."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--layers", type=int, nargs="+", default=[8, 12])
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--c", type=float, default=0.1)
    args = parser.parse_args()
    labels = list(TASK_LABELS[TASK])
    examples, _ = collect_examples(
        Sources(folds=args.folds, gold_dir=None, seed_file=None, owned_dir=None, annotated=LABEL_FILE), TASK
    )
    examples = [e for e in examples if e.source == "annotated"]
    texts = [e.text for e in examples]
    truth = label_matrix(examples, labels)
    languages = [e.language for e in examples]
    vectors = layer_vectors(texts, args.layers)
    folds = grouped_folds(examples, evaluation_documents(examples), args.folds)
    arms = {f"layer {k}": vectors[k] for k in args.layers}
    arms["layers " + "+".join(map(str, args.layers))] = np.concatenate([vectors[k] for k in args.layers], 1)
    report = {"lexicon": lexicon_predictions(examples, TASK)}
    for name, x in arms.items():
        predicted = np.zeros_like(truth)
        for fold in folds:
            test = np.array([e.document in fold for e in examples])
            train_docs = sorted({e.document for e, t in zip(examples, test, strict=True) if not t})
            held = set(train_docs[:: args.folds])  # one group of the training documents
            inner = np.array([(not t) and e.document in held for e, t in zip(examples, test, strict=True)])
            fit_rows = ~test & ~inner
            cal = calibrate_thresholds(
                fit_scores(x[fit_rows], truth[fit_rows], x[inner], args.c), truth[inner], labels
            )
            scores = fit_scores(x[~test], truth[~test], x[test], args.c)
            chosen = [texts[i] for i in np.flatnonzero(test)]
            predicted[test] = scores_to_labels(chosen, scores, labels, cal, TASK)
        report[name] = predicted
    for name, predicted in report.items():
        m = compute_metrics(truth, predicted, languages, labels)
        tp, total = float((truth * predicted).sum()), float(truth.sum() + predicted.sum())
        per_lang = " ".join(f"{k} {v['macro_f1']:.3f}" for k, v in m["per_language"].items())
        print(
            f"{name}: micro-F1 {2 * tp / total:.3f}, macro-F1 {m['macro']['f1']:.3f} "
            f"({m['macro']['ci'][0]:.3f}-{m['macro']['ci'][1]:.3f}); {per_lang}; "
            + " ".join(f"{k} {v['f1']:.2f}" for k, v in m["per_label"].items())
        )
    print(f"{len(examples)} passages of {len({e.document for e in examples})} documents, {args.folds} folds")


if __name__ == "__main__":
    main()
