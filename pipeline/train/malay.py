"""Train and measure the Malay/Indonesian model on the labelled items, grouped by document.

:func:`crossval` holds out whole documents (grouped k-fold): for every fold a model is fitted
on the other documents' Malay and Indonesian items, then the held-out documents are read the
way the pipeline reads them (every unit of the document in order through
:func:`pipeline.langid.assign_languages`, the fold's model in use) and each labelled item's
answer is compared with its label. Recall per language and kind (``passage``: 40+
characters; ``line``: shorter) comes with a 95% bootstrap interval over documents.

Training text: the labelled Malay and Indonesian items of the training documents, plus up to
``SILVER_PER_DOCUMENT`` further units (three words or more) of each training document,
labelled with the document's variety (the sources are single-variety documents; the human
labels of a held-out document are never among them).
"""

from __future__ import annotations

import random
from collections import defaultdict

import numpy as np

from pipeline.langid import assign_languages
from pipeline.langid.detect import detect_language
from pipeline.langid.malay import BUCKETS, MARKER_FEATURES, MalayModel, features, using_model
from pipeline.records import Passage
from pipeline.train.malay_data import Item, source_items

C = 4.0
N_BOOTSTRAP = 1000
SILVER_PER_DOCUMENT = 300


def design_matrix(texts: list[str]):
    """Sparse (texts x features) matrix of :func:`pipeline.langid.malay.features`."""
    from scipy.sparse import csr_matrix  # lazy: SciPy; the CLI imports this module

    rows, cols, vals = [], [], []
    for i, text in enumerate(texts):
        index, values = features(text)
        rows += [i] * len(index)
        cols += index.tolist()
        vals += values.tolist()
    return csr_matrix((vals, (rows, cols)), shape=(len(texts), BUCKETS + MARKER_FEATURES))


def fit_model(texts: list[str], labels: list[str], c: float = C) -> MalayModel:
    """Class-balanced L2 logistic regression, Malay = 1 (liblinear: deterministic)."""
    from sklearn.linear_model import LogisticRegression  # lazy: scikit-learn (~2 s)

    y = np.array([1 if lb == "ms" else 0 for lb in labels])
    clf = LogisticRegression(C=c, class_weight="balanced", solver="liblinear", max_iter=1000)
    clf.fit(design_matrix(texts), y)
    return MalayModel(clf.coef_[0].astype(np.float32), float(clf.intercept_[0]))


def training_pairs(found: list[tuple[dict, Item]]) -> tuple[list[str], list[str]]:
    """Texts and labels of the Malay and Indonesian items."""
    pairs = [(item.text, r["lang"]) for r, item in found if r["lang"] in ("ms", "id")]
    return [t for t, _ in pairs], [lb for _, lb in pairs]


def silver_pairs(
    units_of: dict[str, list[str]],
    variety: dict[str, str],
    exclude: set[str],
    per_document: int = SILVER_PER_DOCUMENT,
    seed: int = 0,
) -> tuple[list[str], list[str]]:
    """Up to ``per_document`` units of three words or more of each document not in
    ``exclude``, labelled with the document's variety (``ms`` or ``id``)."""
    rng = random.Random(seed)
    texts: list[str] = []
    labels: list[str] = []
    for source in sorted(units_of):
        if source in exclude or variety.get(source) not in ("ms", "id"):
            continue
        candidates = [u for u in units_of[source] if len(u.split()) >= 3]
        chosen = rng.sample(candidates, min(per_document, len(candidates)))
        texts += chosen
        labels += [variety[source]] * len(chosen)
    return texts, labels


def train_pairs(
    found: list[tuple[dict, Item]], units_of: dict[str, list[str]], variety: dict[str, str], exclude: set[str]
) -> tuple[list[str], list[str]]:
    """Labelled items and silver units of every document not in ``exclude``."""
    texts, labels = training_pairs([(r, it) for r, it in found if r["source"] not in exclude])
    more_texts, more_labels = silver_pairs(units_of, variety, exclude)
    return texts + more_texts, labels + more_labels


def grouped_folds(sources: list[str], k: int, seed: int = 0) -> list[list[str]]:
    """Sources dealt into ``k`` folds after a seeded shuffle."""
    order = sorted(set(sources))
    random.Random(seed).shuffle(order)
    return [order[i::k] for i in range(k)]


def pipeline_answers(units: list[str], model: MalayModel | None) -> list[str]:
    """The language the pipeline gives each unit of a document, read in order."""
    passages = [Passage(f"u{i}", "doc", 1, t) for i, t in enumerate(units)]
    with using_model(model):
        assign_languages(passages)
    return [p.lang for p in passages]


def alone_answer(text: str, model: MalayModel | None) -> str:
    """The language of a text judged alone, without its document (``detect_language``)."""
    with using_model(model):
        return detect_language(text)[0]


def crossval(
    found: list[tuple[dict, Item]],
    units_of: dict[str, list[str]],
    variety: dict[str, str],
    k: int = 5,
    seed: int = 0,
    c: float = C,
) -> list[dict]:
    """One row per labelled item: source, kind, label, evidence and the pipeline's answer with
    the model of the fold that held its document out."""
    folds = grouped_folds([r["source"] for r, _ in found], k, seed)
    out = []
    for held in folds:
        model = fit_model(*train_pairs(found, units_of, variety, set(held)), c=c)
        for source in held:
            if source not in units_of:
                continue
            items = source_items(_Src(source), units_of[source])
            answers = pipeline_answers([it.text for it in items], model)
            where = {(it.text, it.occurrence): a for it, a in zip(items, answers, strict=True)}
            for r, it in found:
                if r["source"] == source:
                    out.append(
                        {
                            "source": source,
                            "kind": it.kind,
                            "label": r["lang"],
                            "evidence": r.get("evidence", "text"),
                            "answer": where[(it.text, it.occurrence)],
                            "alone": alone_answer(it.text, model),
                        }
                    )
    return out


class _Src:
    """The bit of a Source that :func:`source_items` needs."""

    def __init__(self, source: str) -> None:
        self.source = source


def recall_table(rows: list[dict], seed: int = 0, answer: str = "answer") -> dict:
    """Recall of ``ms`` and ``id`` per kind, with a 95% bootstrap CI over documents;
    ``answer`` names the row field to score (``answer``: in the document; ``alone``)."""
    table = {}
    for lang in ("ms", "id"):
        for kind in ("passage", "line"):
            chosen = [r for r in rows if r["label"] == lang and r["kind"] == kind]
            table[f"{lang}/{kind}"] = _recall_ci(chosen, lang, seed, answer)
    return table


def _recall_ci(rows: list[dict], lang: str, seed: int, answer: str = "answer") -> dict:
    by_doc: dict[str, list[int]] = defaultdict(list)
    for r in rows:
        by_doc[r["source"]].append(int(r[answer] == lang))
    hits = [h for v in by_doc.values() for h in v]
    if not hits:
        return {"n": 0, "documents": 0, "recall": None, "ci": None}
    rng = np.random.default_rng(seed)
    docs = list(by_doc.values())
    stats = []
    for _ in range(N_BOOTSTRAP):
        sample = [docs[i] for i in rng.integers(0, len(docs), len(docs))]
        flat = [h for v in sample for h in v]
        stats.append(sum(flat) / len(flat))
    low, high = np.percentile(stats, [2.5, 97.5])
    return {
        "n": len(hits),
        "documents": len(docs),
        "recall": round(sum(hits) / len(hits), 4),
        "ci": [round(float(low), 4), round(float(high), 4)],
    }
