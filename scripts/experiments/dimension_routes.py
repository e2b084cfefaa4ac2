"""Three of issue #13's routes to better dimension labels, tried on one protocol without
fine-tuning again: label descriptions, a hierarchy that first decides "any dimension or
none", and a lexical model beside the encoder.

Reads ``out_of_fold.jsonl`` of a version trained with ``--calibration group`` and scores
kept (each passage scored by a fold model that never saw its document) and the same
version's passages (texts read from the PDFs by their keys). Every arm is scored by the
logistic stacker of ``dimension_document_context.py``: grouped 5-fold by document,
thresholds from inner folds, so the arms differ only in their features.

- frozen: e5-small's mean-pooled vector (no fine-tuning), a logistic model per label;
- label descriptions: cosine similarity of the passage to an English and an Indonesian
  description of each label (written from ``docs/annotation.md``), alone and added;
- hierarchy: a gate "any dimension" times a model per label trained on passages that have
  one, and the gate as a feature beside the fine-tuned scores;
- lexical: word and character n-gram TF-IDF, a logistic model per label, beside the
  fine-tuned scores.

    .venv/bin/python scripts/experiments/dimension_routes.py SCRATCH/dimensions/v7

About 3 minutes on two cores.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np
from dimension_document_context import LABELS, grouped_folds, logit, macro, stacked
from scipy.sparse import hstack
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from pipeline.classify.fit import Encoded  # noqa: E402
from pipeline.evaluate.dimensions import compute_metrics  # noqa: E402
from pipeline.train.dimensions import Sources, collect_examples, recipe_of  # noqa: E402

DESCRIPTIONS = {
    "governance": (
        "e-government, public services and their administration, transparency, participation in "
        "decision-making, data management, institutions, public finance and taxation, law-making",
        "pemerintahan berbasis elektronik, pelayanan publik, transparansi, partisipasi, pengelolaan "
        "data, kelembagaan, keuangan daerah dan pajak, pembentukan peraturan",
    ),
    "economy": (
        "business, trade, small enterprises, tourism economy, digital economy and innovation, jobs, "
        "investment, payments and financial services",
        "usaha, perdagangan, UMKM, pariwisata, ekonomi digital dan inovasi, tenaga kerja, investasi, "
        "pembayaran dan jasa keuangan",
    ),
    "mobility": (
        "transport, traffic, public transit, roads and vehicles, logistics, networks and "
        "telecommunications infrastructure",
        "transportasi, lalu lintas, angkutan umum, jalan dan kendaraan, logistik, jaringan dan "
        "infrastruktur telekomunikasi",
    ),
    "environment": (
        "waste, energy, pollution, green space, water, climate, environmental disaster risk",
        "sampah, energi, pencemaran, ruang terbuka hijau, air, iklim, risiko bencana lingkungan",
    ),
    "people": (
        "education, skills, digital literacy, human capital, social inclusion, community capacity, "
        "research and science",
        "pendidikan, keterampilan, literasi digital, sumber daya manusia, inklusi sosial, kapasitas "
        "masyarakat, penelitian",
    ),
    "living": (
        "health, safety and security, policing, citizens' cyber-security, housing, culture, quality "
        "of life, social services, personal data protection",
        "kesehatan, keamanan dan ketertiban, kepolisian, keamanan siber warga, perumahan, "
        "kebudayaan, kualitas hidup, layanan sosial, pelindungan data pribadi",
    ),
}


def out_of_fold(features, target: np.ndarray, fold: np.ndarray, train_mask: np.ndarray | None = None):
    """Out-of-fold probabilities of a logistic model (``C=4``), trained where ``train_mask``."""
    scores = np.zeros(len(target))
    for k in sorted(set(fold)):
        train = fold != k if train_mask is None else (fold != k) & train_mask
        model = LogisticRegression(C=4.0, max_iter=3000).fit(features[train], target[train])
        scores[fold == k] = model.predict_proba(features[fold == k])[:, 1]
    return scores


def tfidf_scores(texts: list[str], truth: np.ndarray, fold: np.ndarray) -> np.ndarray:
    """Out-of-fold scores of word (1-2) and character (3-5) n-gram logistic models."""
    scores = np.zeros(truth.shape, dtype=float)
    for k in sorted(set(fold)):
        train, test = np.where(fold != k)[0], np.where(fold == k)[0]
        words = TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True)
        chars = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), min_df=3, sublinear_tf=True)
        fit_texts, test_texts = [texts[i] for i in train], [texts[i] for i in test]
        x_train = hstack([words.fit_transform(fit_texts), chars.fit_transform(fit_texts)]).tocsr()
        x_test = hstack([words.transform(test_texts), chars.transform(test_texts)]).tocsr()
        for j in range(truth.shape[1]):
            model = LogisticRegression(C=4.0, max_iter=3000, class_weight="balanced")
            scores[test, j] = model.fit(x_train, truth[train, j]).predict_proba(x_test)[:, 1]
    return scores


def main() -> None:
    """Print macro-F1 (all, en, id) and per-label F1 of each arm."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("version", type=Path, help="a version folder whose out_of_fold.jsonl has scores")
    args = parser.parse_args()
    import torch

    torch.set_num_threads(2)
    rows = [json.loads(line) for line in (args.version / "out_of_fold.jsonl").open(encoding="utf-8")]
    kept = {(r["document"], r["item"]): r for r in rows if r.get("scores")}
    config, sources = recipe_of("dimensions", args.version.name, args.version.parent.parent)
    examples, _ = collect_examples(Sources.from_dict(sources), "dimension")
    pairs = [(e, kept[(e.document, e.key)]) for e in examples if (e.document, e.key) in kept]
    print(f"{len(pairs)} of {len(kept)} scored passages found in the PDFs", flush=True)
    texts = [e.text for e, _ in pairs]
    truth = np.array([[k in r["truth"] for k in LABELS] for _, r in pairs]).astype(int)
    tuned = logit(np.array([[r["scores"][k] for k in LABELS] for _, r in pairs]))
    documents = np.array([e.document for e, _ in pairs])
    languages = np.array([e.language for e, _ in pairs])
    fold = grouped_folds(documents)

    frozen_config, _ = recipe_of("dimensions", None)
    encoded = Encoded(frozen_config)
    vectors = encoded.pooled(texts)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    described = encoded.pooled([d for k in LABELS for d in DESCRIPTIONS[k]])
    described /= np.linalg.norm(described, axis=1, keepdims=True)
    similarity = 10 * vectors @ described.T

    def per_label(features: np.ndarray, mask: np.ndarray | None = None) -> np.ndarray:
        return np.stack([out_of_fold(features, truth[:, j], fold, mask) for j in range(len(LABELS))], 1)

    frozen = per_label(vectors)
    frozen_described = per_label(np.hstack([vectors, similarity]))
    has_any = truth.max(1)
    gate = out_of_fold(vectors, has_any, fold)
    conditional = per_label(vectors, has_any == 1)
    lexical = tfidf_scores(texts, truth, fold)
    arms = {
        "fine-tuned scores (the version)": tuned,
        "label descriptions alone": similarity,
        "frozen": logit(frozen),
        "frozen + label descriptions": logit(frozen_described),
        "frozen hierarchy (gate x label)": logit(gate[:, None] * conditional),
        "fine-tuned + label descriptions": np.hstack([tuned, similarity]),
        "fine-tuned + gate": np.hstack([tuned, logit(gate[:, None])]),
        "lexical alone": logit(lexical),
        "fine-tuned + lexical": np.hstack([tuned, logit(lexical)]),
    }
    for name, features in arms.items():
        chosen = stacked(features, truth, fold)
        labels = {k: round(float(f1_score(truth[:, j], chosen[:, j])), 3) for j, k in enumerate(LABELS)}
        low, high = compute_metrics(truth, chosen, list(languages), list(LABELS))["macro"]["ci"]
        print(
            f"{name}: macro-F1 {macro(truth, chosen):.3f} ({low:.3f}-{high:.3f}; "
            f"en {macro(truth, chosen, languages == 'en'):.3f}, "
            f"id {macro(truth, chosen, languages == 'id'):.3f}) {labels}",
            flush=True,
        )


if __name__ == "__main__":
    main()
