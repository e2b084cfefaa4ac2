"""Can a small learned filter tell the extractor's wrong agencies and programmes from its
right ones? Issue #14 asks for "a tested rule or a small classifier" against systems,
headers and merged rows; this measures the classifier.

Every annotated document (the 8 gold files and the project's keyed ones) is read with a
knowledge base blind to its own entities, as ``sandingan evaluate entities --blind-kb``
reads it, and each AGENCY and PROGRAMME entity the extractor predicts becomes a row: right
or wrong by the scorer's matching, and 27 features of how it was found (mentions,
passages, method, passage kinds, confidence) and of its name (tokens, capitals, lower-case
words, digits, head words, line breaks). Entities that a knowledge-base line names are
kept as they are; for the others a logistic regression and a gradient-boosted tree are
trained grouped 5-fold by document over the project's documents (the gold files are
never trained on: they are scored by a model trained on all the project's documents),
and an entity is dropped below a threshold per label chosen on the other folds.

    .venv/bin/python scripts/experiments/entity_filter.py

About 3 minutes on one core.
"""

from __future__ import annotations

import re
import sys
from collections import defaultdict
from pathlib import Path

import numpy as np
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

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

LABELS = {"AGENCY": "agencies", "PROGRAMME": "programmes"}
JOINERS = {"of", "and", "for", "the", "on", "dan", "untuk", "di", "&", "bagi", "pada", "ke", "dari", "yang"}
HEADS = {
    *("ministry", "department", "agency", "authority", "office", "council", "commission", "board"),
    *("bureau", "centre", "center", "corporation", "institute", "unit", "secretariat", "jabatan"),
    *("kementerian", "badan", "dinas", "lembaga", "komisi", "dewan", "direktorat", "biro"),
    *("pemerintah", "sekretariat", "kerajaan", "majlis", "program", "programme", "project"),
    *("initiative", "plan", "strategy", "framework", "platform", "system", "sistem", "rencana", "gerakan"),
}
FOLDS = 5


def entity_rows() -> tuple[list[dict], dict[str, dict]]:
    """One row per predicted AGENCY/PROGRAMME entity of each annotated document, and each
    document's source and gold counts."""
    shared = shared_root()
    items = gold_items(shared / "gold", shared / "corpus", shared / "seeds")
    items += load_entity_documents([shared / "corpus", shared / "pool"], ENTITY_FILE)[0]
    entries = read_entries()
    rows, documents = [], {}
    for gold, path in items:
        document, passages = read_document(path)
        passages = in_window(passages, gold.get("pages"))
        kb = blind_kb(gold, entries)
        mentions = extractor.extract(document, passages, kb)
        kinds = {p.id: p.kind for p in passages}
        by_id = defaultdict(list)
        for m in mentions:
            by_id[m.canonical_id].append(m)
        name = gold.get("file") or path.name
        documents[name] = {"source": gold.get("source", "gold"), "gold": {}}
        predicted = predicted_entities(mentions)
        for label, key in LABELS.items():
            documents[name]["gold"][label] = len(gold.get(key) or [])
            pairs, _, _ = match_items(label, gold.get(key) or [], predicted[label])
            right = {p.canonical_id for _, p in pairs}
            for p in predicted[label]:
                found = by_id[p.canonical_id]
                rows.append(
                    {
                        "document": name,
                        "label": label,
                        "right": p.canonical_id in right,
                        "known": p.canonical_id in kb.entries,
                        "features": features(found, kinds, label, gold.get("language"), p.canonical_id),
                    }
                )
        print(f"{name}: {len(rows)} entities so far", flush=True)
    return rows, documents


def features(
    found: list, kinds: dict[str, str], label: str, language: str | None, entity_id: str
) -> list[float]:
    """How an entity was found and what its name looks like."""
    name = found[0].canonical_name or found[0].text
    tokens = re.findall(r"[\w'-]+", name)
    n = len(found)
    share = [sum(m.method == method for m in found) / n for method in ("pattern", "kb", "rule")]
    kind = [sum(kinds.get(m.passage_id) == k for m in found) / n for k in ("text", "heading", "table_cell")]
    return [
        np.log1p(n),
        np.log1p(len({m.passage_id for m in found})),
        np.log1p(len({m.page for m in found})),
        *share,
        float(np.mean([m.confidence for m in found])),
        *kind,
        len(tokens),
        np.log1p(len(name)),
        float(any(c.isdigit() for c in name)),
        sum(t[:1].isupper() for t in tokens) / max(1, len(tokens)),
        sum(t[:1].islower() and t.lower() not in JOINERS for t in tokens),
        float(name.isupper()),
        float(bool(tokens) and tokens[0].lower() in HEADS),
        float(bool(tokens) and tokens[-1].lower() in HEADS),
        float(label == "AGENCY"),
        float(language == "id"),
        float(language == "en"),
        sum(m.country is not None for m in found) / n,
        float("/_/" in entity_id),
        len({m.text for m in found}),
        float(len(tokens) > 8),
        sum("\n" in m.text for m in found) / n,
        float(n == 1),
    ]


def totals(rows: list[dict], keep: np.ndarray, documents: dict[str, dict], label: str) -> str:
    """tp/fp/fn, precision, recall, F1 of one label with the kept entities."""
    tp = sum(1 for r, k in zip(rows, keep, strict=True) if k and r["right"] and r["label"] == label)
    fp = sum(1 for r, k in zip(rows, keep, strict=True) if k and not r["right"] and r["label"] == label)
    gold = sum(d["gold"][label] for d in documents.values())
    precision, recall = tp / max(1, tp + fp), tp / max(1, gold)
    f1 = 2 * precision * recall / max(1e-9, precision + recall)
    return f"{tp}/{fp}/{gold - tp} P {precision:.3f} R {recall:.3f} F1 {f1:.3f}"


def best_threshold(score: np.ndarray, right: np.ndarray, unknown: np.ndarray, gold: int) -> float:
    """The threshold (0-0.8) under which dropping unknown entities gives the best F1."""

    def f1_at(t: float) -> float:
        kept = ~(unknown & (score < t))
        p, r = right[kept].sum() / max(1, kept.sum()), right[kept].sum() / max(1, gold)
        return 2 * p * r / max(1e-9, p + r)

    return float(max(np.linspace(0, 0.8, 41), key=f1_at))


def main() -> None:
    """Print the counts without and with each filter."""
    rows, documents = entity_rows()
    x = np.array([r["features"] for r in rows])
    y = np.array([r["right"] for r in rows]).astype(int)
    unknown = np.array([not r["known"] for r in rows])
    labels = np.array([r["label"] for r in rows])
    project = sorted(d for d, info in documents.items() if info["source"] != "gold")
    np.random.RandomState(0).shuffle(project)
    fold_of = {d: i % FOLDS for i, d in enumerate(project)}
    fold = np.array([fold_of.get(r["document"], -1) for r in rows])  # -1: a gold file
    models = {
        "logistic regression": lambda: make_pipeline(
            StandardScaler(), LogisticRegression(C=0.5, max_iter=2000)
        ),
        "gradient-boosted trees": lambda: HistGradientBoostingClassifier(
            max_depth=3, learning_rate=0.05, max_iter=200, min_samples_leaf=10
        ),
    }
    everything = np.ones(len(rows), bool)
    for label in LABELS:
        print(f"{label}, no filter: {totals(rows, everything, documents, label)}")
    for name, make in models.items():
        score = np.ones(len(rows))
        for k in [*range(FOLDS), -1]:
            train = (fold != k) & (fold >= 0) & unknown
            test = (fold == k) & unknown
            score[test] = make().fit(x[train], y[train]).predict_proba(x[test])[:, 1]
        keep = everything.copy()
        for k in [*range(FOLDS), -1]:
            for label in LABELS:
                other = np.where((fold != k) & (fold >= 0) & (labels == label))[0]
                gold = sum(
                    v["gold"][label] for d, v in documents.items() if fold_of.get(d, -1) not in (k, -1)
                )
                best = best_threshold(score[other], y[other], unknown[other], gold)
                chosen = (fold == k) & (labels == label) & unknown
                keep[chosen] = score[chosen] >= best
        for label in LABELS:
            print(f"{label}, {name}: {totals(rows, keep, documents, label)}")


if __name__ == "__main__":
    main()
