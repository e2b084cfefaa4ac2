"""Can what the encoder reads tell the extractor's wrong agencies and programmes from its
right ones? ``entity_filter.py`` found that how an entity was found and what its name looks
like cannot; this asks the multilingual encoder the classifiers use (e5-small), whose states
carry the words around a name.

Every annotated document is read as ``sandingan evaluate entities --blind-kb`` reads it
(each window from page 1, scored on its own pages), and each AGENCY and PROGRAMME entity the
extractor predicts becomes a row, right or wrong by the scorer's matching. Its features: the
encoder's hidden states at one layer, mean-pooled over the mention's tokens and over its
passage up to 300 characters either side, averaged over up to six mentions. A logistic
regression per label is trained grouped 5-fold by document over the project's documents
(the gold files are never trained on: they are scored by a model trained on all the
project's documents), and an entity is dropped below a threshold chosen on the other folds.
Printed: the out-of-fold AUC and the totals without and with the filter, per layer.

    .venv/bin/python scripts/experiments/entity_encoder_filter.py [LAYER ...]

About 5 minutes on two cores (layers 4, 6, 8 and 12 by default).
"""

from __future__ import annotations

import sys
from collections import defaultdict
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from pipeline.classify.model import resolve_base  # noqa: E402
from pipeline.evaluate.entities import (  # noqa: E402
    blind_kb,
    gold_items,
    in_window,
    match_items,
    predicted_entities,
    read_document,
)
from pipeline.extract import extractor  # noqa: E402
from pipeline.extract.kb import read_entries  # noqa: E402
from pipeline.settings import shared_root  # noqa: E402
from pipeline.train.entity_labels import ENTITY_FILE, load_entity_documents  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
from entity_filter import totals  # noqa: E402  (the same counts as the features filter)

LABELS = {"AGENCY": "agencies", "PROGRAMME": "programmes"}
BASE = "models/base/multilingual-e5-small"
CONTEXT = 300  # characters of the passage on either side of a mention
MENTIONS = 6  # mentions read per entity
FOLDS = 5


def entity_rows() -> tuple[list[dict], dict[str, dict]]:
    """One row per predicted AGENCY/PROGRAMME entity of each annotated window, with its
    mentions' passages, and each document's source and gold counts per label."""
    shared = shared_root()
    items = gold_items(shared / "gold", shared / "corpus", shared / "seeds")
    items += load_entity_documents([shared / "corpus", shared / "pool"], ENTITY_FILE)[0]
    entries = read_entries()
    rows: list[dict] = []
    documents: dict[str, dict] = {}
    for gold, path in items:
        document, passages = read_document(path)
        pages = gold.get("pages")
        later = bool(pages and pages[0] > 1)
        passages = in_window(passages, [1, pages[1]] if later else pages)
        mentions = extractor.extract(document, passages, blind_kb(gold, entries))
        if later:
            mentions = [m for m in mentions if m.page >= pages[0]]
        text = {p.id: p.text for p in passages}
        by_id = defaultdict(list)
        for m in mentions:
            by_id[m.canonical_id].append(m)
        name = gold.get("file") or path.name
        info = documents.setdefault(name, {"source": gold.get("source", "gold"), "gold": defaultdict(int)})
        predicted = predicted_entities(mentions)
        for label, key in LABELS.items():
            info["gold"][label] += len(gold.get(key) or [])
            pairs, _, _ = match_items(label, gold.get(key) or [], predicted[label])
            right = {p.canonical_id for _, p in pairs}
            for p in predicted[label]:
                found = [(text[m.passage_id], m.start, m.end) for m in by_id[p.canonical_id][:MENTIONS]]
                row = {"document": name, "label": label, "right": p.canonical_id in right, "found": found}
                rows.append(row)
        print(f"{name} {pages}: {len(rows)} entities so far", flush=True)
    return rows, documents


def encoded(rows: list[dict], layers: list[int]) -> dict[int, np.ndarray]:
    """Per layer, each row's mention and context vectors (mean-pooled, side by side)."""
    import torch  # lazy: torch
    from transformers import AutoModel, AutoTokenizer  # lazy: transformers

    base = resolve_base(BASE)
    tokenizer, model = AutoTokenizer.from_pretrained(base), AutoModel.from_pretrained(base).eval()
    width = model.config.hidden_size
    out = {k: np.zeros((len(rows), 2 * width), np.float32) for k in layers}
    counts = np.zeros(len(rows))
    jobs = []
    for i, row in enumerate(rows):
        for passage, start, end in row["found"]:
            a, b = max(0, start - CONTEXT), min(len(passage), end + CONTEXT)
            prefix = "query: "
            jobs.append((i, prefix + passage[a:b], start - a + len(prefix), end - a + len(prefix)))
    jobs.sort(key=lambda j: len(j[1]))
    with torch.no_grad():
        for k in range(0, len(jobs), 32):
            batch = jobs[k : k + 32]
            enc = tokenizer(
                [j[1] for j in batch],
                return_offsets_mapping=True,
                truncation=True,
                max_length=256,
                padding=True,
                return_tensors="pt",
            )
            offsets = enc.pop("offset_mapping").numpy()
            states = model(**enc, output_hidden_states=True).hidden_states
            mask = enc["attention_mask"].numpy().astype(bool)
            for n, (i, _, start, end) in enumerate(batch):
                o = offsets[n]
                inside = (o[:, 0] < end) & (o[:, 1] > start) & mask[n] & (o[:, 1] > o[:, 0])
                if not inside.any():
                    continue
                for layer in layers:
                    h = states[layer][n].numpy()
                    out[layer][i] += np.concatenate([h[inside].mean(0), h[mask[n]].mean(0)])
                counts[i] += 1
    return {layer: v / np.maximum(counts, 1)[:, None] for layer, v in out.items()}


def best_threshold(score: np.ndarray, right: np.ndarray, gold: int) -> float:
    """The threshold (0-0.8) under which dropping entities gives the best F1."""

    def f1_at(t: float) -> float:
        kept = score >= t
        p, r = right[kept].sum() / max(1, kept.sum()), right[kept].sum() / max(1, gold)
        return 2 * p * r / max(1e-9, p + r)

    return float(max(np.linspace(0, 0.8, 41), key=f1_at))


def main(layers: list[int]) -> None:
    """Print, per layer, the out-of-fold AUC and the counts without and with the filter."""
    rows, documents = entity_rows()
    vectors = encoded(rows, layers)
    y = np.array([r["right"] for r in rows]).astype(int)
    labels = np.array([r["label"] for r in rows])
    project = sorted(d for d, info in documents.items() if info["source"] != "gold")
    np.random.RandomState(0).shuffle(project)
    fold_of = {d: i % FOLDS for i, d in enumerate(project)}
    fold = np.array([fold_of.get(r["document"], -1) for r in rows])  # -1: a gold file
    everything = np.ones(len(rows), bool)
    for label in LABELS:
        print(f"{label}, no filter: {totals(rows, everything, documents, label)}")
    for layer in layers:
        x = vectors[layer]
        score = np.ones(len(rows))
        keep = everything.copy()
        for label in LABELS:
            for k in [*range(FOLDS), -1]:
                train = (fold != k) & (fold >= 0) & (labels == label)
                test = (fold == k) & (labels == label)
                model = make_pipeline(StandardScaler(), LogisticRegression(C=0.01, max_iter=3000))
                score[test] = model.fit(x[train], y[train]).predict_proba(x[test])[:, 1]
            for k in [*range(FOLDS), -1]:
                other = np.where((fold != k) & (fold >= 0) & (labels == label))[0]
                gold = sum(
                    v["gold"][label] for d, v in documents.items() if fold_of.get(d, -1) not in (k, -1)
                )
                chosen = (fold == k) & (labels == label)
                keep[chosen] = score[chosen] >= best_threshold(score[other], y[other], gold)
            auc = roc_auc_score(y[labels == label], score[labels == label])
            print(f"{label}, layer {layer}: AUC {auc:.3f}, filtered {totals(rows, keep, documents, label)}")


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [4, 6, 8, 12])
