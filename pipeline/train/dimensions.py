"""Training the passage classifier (task ``dimension``, or another labelled task) into the registry.

Training data: the ``passages`` of the gold files (``../shared/gold`` format, read at run
time, never copied into the project), the project's own labelled passages in the same
format (``pipeline/data/training/``, written by the team, not taken from any document), the
government efforts listed per dimension in the seed paper's Tabel 4, and reviewed passages
exported as JSON Lines (``{"text", "language", "dimensions", "document"}``). The project's
passages and the seed table only ever train (they are never scored). Everything is split
by document:

* thresholds are calibrated on out-of-fold scores (each document scored by a model that did
  not see it), the final model is trained on all documents;
* the reported metrics are nested leave-one-document-out: every gold/reviewed document is
  scored by a model, with thresholds, that never saw it (the seed table is training-only);
* ``holdout`` documents are left out of everything and scored at the end.
"""

from __future__ import annotations

import hashlib
import json
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from pipeline.classify import MODEL_NAMES, score_texts, scores_to_labels
from pipeline.classify.encoder import serving_dtype
from pipeline.classify.fit import Encoded, calibrate_thresholds, fit, predict
from pipeline.classify.lexicon import load_lexicon
from pipeline.classify.model import ClassifierConfig, resolve_base, save_classifier
from pipeline.classify.predictor import load_model
from pipeline.evaluate.dimensions import compute_metrics
from pipeline.labelled import TASK_FIELDS, Example, label_matrix, load_gold_examples
from pipeline.records import TASK_LABELS
from pipeline.registry import (
    METRICS_FILE,
    OUT_OF_FOLD_FILE,
    TRAINING_FILE,
    production,
    trained_documents,
    version_dir,
)
from pipeline.settings import PACKAGE_DATA, shared_root
from pipeline.train.annotated import LABEL_FILE, load_annotated
from pipeline.train.crossval import (
    CALIBRATIONS,
    TRAIN_ONLY_SOURCES,
    Serve,
    calibrated_thresholds,
    evaluation_documents,
    group_calibrated_predictions,
    nested_predictions,
)
from pipeline.train.passage_keys import text_sha1
from pipeline.train.registry import (
    code_version,
    new_version_dir,
    path_for_recipe,
    path_from_recipe,
    reviewed_passages,
    rows_hash,
    write_json,
)
from pipeline.train.seed_table import parse_effort_table
from pipeline.train.whole_documents import WholeDocumentShares, substantive_texts

SHARED = shared_root()
DEFAULT_GOLD = SHARED / "gold"
DEFAULT_SEED = SHARED / "seeds" / "003_443ed6d8acc8a0e6.txt"
DEFAULT_OWNED = PACKAGE_DATA / "training"
DEFAULT_PDF_DIRS = (SHARED / "corpus", SHARED / "pool")


@dataclass
class Sources:
    """Where the training data is read from, and which documents are held out entirely."""

    gold_dir: Path | None = DEFAULT_GOLD
    reviewed: Path | None = None
    seed_file: Path | None = DEFAULT_SEED
    holdout: list[str] = field(default_factory=list)
    owned_dir: Path | None = DEFAULT_OWNED
    annotated: Path | None = None  # keyed label file (pipeline/data/training/passage_labels.jsonl)
    pdf_dirs: list[Path] = field(default_factory=lambda: list(DEFAULT_PDF_DIRS))
    test_gold: Path | None = None  # gold folder scored by the final model, never trained on
    folds: int | None = None  # grouped k-fold over documents; None = leave-one-document-out
    calibration: str = "nested"  # thresholds: "nested" inner k-fold, or one held-out "group"
    whole_documents: bool = False  # fold models also label their documents' every passage

    PATHS = ("gold_dir", "reviewed", "seed_file", "owned_dir", "annotated", "test_gold")

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form (paths as strings)."""
        return {
            **{key: path_for_recipe(getattr(self, key)) for key in self.PATHS},
            "holdout": list(self.holdout),
            "pdf_dirs": [path_for_recipe(p) for p in self.pdf_dirs],
            "folds": self.folds,
            "calibration": self.calibration,
            "whole_documents": self.whole_documents,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Sources:
        """Inverse of :meth:`to_dict` (older recipes lack the newer keys)."""
        dirs = [path_from_recipe(p) for p in data.get("pdf_dirs") or []] or list(DEFAULT_PDF_DIRS)
        return cls(
            **{key: path_from_recipe(data.get(key)) for key in cls.PATHS},
            holdout=list(data.get("holdout", [])),
            pdf_dirs=[d for d in dirs if d],
            folds=data.get("folds"),
            calibration=data.get("calibration", "nested"),
            whole_documents=bool(data.get("whole_documents", False)),
        )


def load_seed_examples(seed_file: Path) -> list[Example]:
    """Tabel 4 of the seed paper: each government effort, labelled with its dimension row."""
    text = Path(seed_file).read_text(encoding="utf-8")
    document = f"seed:{Path(seed_file).stem}"
    return [
        Example(effort, "id", (dimension,), document, "seed")
        for effort, dimension in parse_effort_table(text)
    ]


def load_reviewed_examples(path: Path, task: str = "dimension") -> list[Example]:
    """Reviewed passages from a JSON Lines export; lines without the task's labels are skipped."""
    key = TASK_FIELDS[task]
    examples: list[Example] = []
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        record = json.loads(line)
        if key in record and record.get("text"):
            examples.append(
                Example(
                    record["text"],
                    record.get("language", "en"),
                    tuple(record[key]),
                    str(record.get("document", "reviewed")),
                    "reviewed",
                )
            )
    return examples


def load_annotated_examples(sources: Sources, task: str = "dimension") -> list[Example]:
    """Passages labelled by reading real documents (keys only in the repo, texts read from
    the PDFs); passages whose language is ``other`` are left out, as the pipeline skips them."""
    if sources.annotated is None:  # no label file
        return []
    found, _ = load_annotated(sources.pdf_dirs, sources.annotated)
    key = TASK_FIELDS[task]
    return [
        Example(
            a.text,
            a.record.get("language") or "en",
            tuple(a.record.get(key) or ()),
            Path(a.record["file"]).stem,
            "annotated",
            str(a.record.get("item", "")),
        )
        for a in found
        if a.record.get("language") != "other"
    ]


def collect_examples(
    sources: Sources,
    task: str = "dimension",
) -> tuple[list[Example], list[Example]]:
    """(training pool, held-out examples) from all sources; held-out = ``sources.holdout``."""
    pool: list[Example] = []
    if sources.gold_dir and Path(sources.gold_dir).is_dir():
        pool += load_gold_examples(sources.gold_dir, task)
    if sources.owned_dir and Path(sources.owned_dir).is_dir():
        pool += load_gold_examples(sources.owned_dir, task, source="owned")
    if sources.seed_file and Path(sources.seed_file).is_file() and task == "dimension":
        pool += load_seed_examples(sources.seed_file)
    if sources.reviewed and Path(sources.reviewed).is_file():
        pool += load_reviewed_examples(sources.reviewed, task)
    if sources.annotated and Path(sources.annotated).is_file():
        pool += load_annotated_examples(sources, task)
    held = set(sources.holdout)
    return [e for e in pool if e.document not in held], [e for e in pool if e.document in held]


def data_hash(examples: list[Example]) -> str:
    """:func:`~pipeline.train.registry.rows_hash` of the (document, language, labels, text)
    of the training examples."""
    return rows_hash([e.document, e.language, sorted(e.labels), e.text] for e in examples)


def lexicon_predictions(examples: list[Example], task: str) -> np.ndarray:
    """0/1 predictions of the lexicon alone (the fallback when no model is trained)."""
    texts = [e.text for e in examples]
    _, labels, scores, thresholds = score_texts(texts, task=task)
    return scores_to_labels(texts, scores, labels, thresholds, task)


def _metrics(examples: list[Example], predicted: np.ndarray, labels: list[str]) -> dict[str, Any]:
    metrics = compute_metrics(
        label_matrix(examples, labels), predicted, [e.language for e in examples], labels
    )
    metrics["documents"] = sorted({e.document for e in examples})
    return metrics


def cross_validated_metrics(config, sources: Sources | dict, encoded=None) -> dict[str, Any]:
    """Document-grouped metrics of a recipe (thresholds as ``sources.calibration`` says),
    with the lexicon-only baseline."""
    sources = Sources.from_dict(sources) if isinstance(sources, dict) else sources
    examples, _ = collect_examples(sources, config.task)
    return _cross_validation(encoded or Encoded(config), examples, sources)[0]


def whole_document_hook(examples: list[Example], sources: Sources, config) -> WholeDocumentShares | None:
    """The fold hook that labels the annotated documents' every substantive passage, when
    the sources ask for it (group calibration only: one model per fold)."""
    if not sources.whole_documents:
        return None
    if sources.calibration != "group" or sources.annotated is None:
        raise ValueError("whole documents need the annotated label file and calibration 'group'")
    documents = {e.document for e in examples if e.source == "annotated"}
    texts = substantive_texts(sources.annotated, documents, sources.pdf_dirs)
    return WholeDocumentShares(texts, list(config.labels), config.task)


def _cross_validation(
    encoded,
    examples: list[Example],
    sources: Sources,
    whole: WholeDocumentShares | None = None,
) -> tuple[dict[str, Any], dict[str, float] | None, list[dict[str, Any]]]:
    """(metrics, thresholds calibrated on the out-of-fold scores, out-of-fold predictions
    as :func:`out_of_fold_records`) of the examples; the thresholds are None under the
    ``nested`` protocol (they cost their own fits there). ``whole`` (group calibration)
    also labels whole held-out documents with each fold model."""
    config = encoded.config
    if sources.calibration not in CALIBRATIONS:
        raise ValueError(f"calibration must be one of {', '.join(CALIBRATIONS)}")
    thresholds, scores = None, None
    if sources.calibration == "group":
        if not sources.folds:
            raise ValueError("calibration 'group' needs grouped k-fold (folds >= 2)")
        rows, predicted, scores = group_calibrated_predictions(
            encoded, examples, sources.folds, served_scorer(encoded), whole
        )
        thresholds = calibrate_thresholds(
            scores, label_matrix([examples[i] for i in rows], config.labels), config.labels
        )
        protocol = (
            f"grouped {sources.folds}-fold by document, thresholds from one held-out "
            "group of each fold's training documents"
        )
    else:
        rows, predicted = nested_predictions(encoded, examples, sources.folds)
        protocol = (
            f"nested grouped {sources.folds}-fold by document"
            if sources.folds
            else "nested leave-one-document-out"
        )
    scored = [examples[i] for i in rows]
    metrics = _metrics(scored, predicted, config.labels)
    metrics["protocol"] = protocol
    metrics["lexicon_baseline"] = _metrics(scored, lexicon_predictions(scored, config.task), config.labels)
    return metrics, thresholds, out_of_fold_records(scored, predicted, config.labels, scores)


def out_of_fold_records(
    examples: list[Example],
    predicted: np.ndarray,
    labels: list[str],
    scores: np.ndarray | None = None,
) -> list[dict[str, Any]]:
    """One record per scored passage, keys only (document, label-file item, sha1 of the text,
    language, source) with its true and its out-of-fold labels, and its out-of-fold scores
    per label where the protocol gives them: what a later version is compared with on the
    same passages, where errors are looked up, and what other threshold rules can be tried
    on without training again."""
    records = []
    for i, (e, row) in enumerate(zip(examples, predicted, strict=True)):
        record: dict[str, Any] = {
            "document": e.document,
            "item": e.key,
            "text_sha1": text_sha1(e.text),
            "language": e.language,
            "source": e.source,
            "truth": sorted(e.labels),
            "predicted": [label for label, on in zip(labels, row, strict=True) if on],
        }
        if scores is not None:
            record["scores"] = {label: round(float(v), 4) for label, v in zip(labels, scores[i], strict=True)}
        records.append(record)
    return records


def _base_fingerprint(base_model: str) -> dict[str, Any]:
    path = Path(resolve_base(base_model))
    info: dict[str, Any] = {"name_or_path": base_model}
    if (path / "config.json").is_file():
        digest = hashlib.sha256()
        for name in ("config.json", "model.safetensors", "tokenizer.json"):
            if (path / name).is_file():
                digest.update((path / name).read_bytes())
        info["sha256"] = digest.hexdigest()
    return info


def train_model(config, sources: Sources, name: str = "dimensions", models_dir: Path | None = None) -> Path:
    """Train, measure and save a new version ``models/<name>/v<N>/``; returns its folder."""
    started = time.time()
    config.labels = config.labels or list(TASK_LABELS[config.task])
    examples, held_out = collect_examples(sources, config.task)
    if not examples:
        raise ValueError("no training examples found in the given sources")
    encoded = Encoded(config)
    metrics: dict[str, Any] = {}
    thresholds: dict[str, float] | None = None
    out_of_fold: list[dict[str, Any]] = []
    whole = whole_document_hook(examples, sources, config)
    if len(evaluation_documents(examples)) >= 2:
        metrics, thresholds, out_of_fold = _cross_validation(encoded, examples, sources, whole)
    config.thresholds = thresholds or calibrated_thresholds(encoded, examples, sources.folds)
    head = fit(encoded, [e.text for e in examples], label_matrix(examples, config.labels))
    if held_out:
        metrics = _holdout_metrics(encoded, head, held_out, metrics)
    if sources.test_gold and Path(sources.test_gold).is_dir() and metrics:
        gold = load_gold_examples(sources.test_gold, config.task)
        if gold:
            metrics["gold_test"] = _holdout_metrics(encoded, head, gold, {})
            metrics["gold_test"].pop("cross_validation", None)
    if metrics:
        same = production_on_same_documents(name, examples, config, models_dir)
        if same:
            metrics["production_same_documents"] = same
    target = new_version_dir(name, models_dir)
    save_classifier(target, config, head, encoded.encoder)
    if metrics and served_differently(config):
        metrics["serving"] = serving_dtype(config)
        metrics["scoring_agreement"] = scoring_agreement(encoded, head, target, examples)
    write_json(
        target / TRAINING_FILE,
        {
            "name": name,
            "task": config.task,
            "config": config.to_dict(),
            "sources": sources.to_dict(),
            "data_hash": data_hash(examples),
            "n_examples": len(examples),
            "code_version": code_version(),
            "examples_by_source": _count_by(examples, "source"),
            "examples_by_language": _count_by(examples, "language"),
            "reviewed_passages": reviewed_passages(sources.reviewed, name),
            "lexicon_version": load_lexicon(config.task).get("version"),
            "base_model": _base_fingerprint(config.base_model),
            "documents": {
                "trained": sorted({e.document for e in examples}),
                "held_out": sorted({e.document for e in held_out}),
            },
            "duration_s": round(time.time() - started, 1),
        },
    )
    write_json(target / METRICS_FILE, metrics)
    if out_of_fold:
        lines = (json.dumps(r, ensure_ascii=False) + "\n" for r in out_of_fold)
        (target / OUT_OF_FOLD_FILE).write_text("".join(lines), encoding="utf-8")
    if whole is not None and whole.counts:
        whole.save(target)
    return target


def served_differently(config) -> bool:
    """Whether production scores this recipe's model otherwise than the trained model in
    memory does: fine-tuned layers over torch-int8 frozen ones, or layers served in int8
    through ONNX Runtime on this CPU."""
    return bool(config.train_layers and config.quantize) or serving_dtype(config) == "int8"


def served_scorer(encoded) -> Serve | None:
    """For a fine-tuned classifier that production loads quantised (int8, lean loader): a
    function giving a fitted fold model's scoring as served, so that its cross-validated
    figures and thresholds are those of the served model; None when the trained model in
    memory scores as production does."""
    if not served_differently(encoded.config):
        return None
    config = encoded.config

    def serve(head):
        with tempfile.TemporaryDirectory() as tmp:
            save_classifier(Path(tmp), config, head, encoded.encoder)
            return load_model(Path(tmp)).scores

    return serve


def scoring_agreement(encoded, head, target: Path, examples: list[Example]) -> dict[str, Any]:
    """How far the saved model as production loads it (int8 encoder, lean loader) agrees
    with the trained float model on the evaluation passages: the share of passages with the
    same label set and of (passage, label) decisions that agree. Fine-tuned layers are
    trained in float and quantised only when loaded, so the cross-validated figures hold
    for production only as far as these agree."""
    config = encoded.config
    scored = [e for e in examples if e.source not in TRAIN_ONLY_SOURCES]
    texts = [e.text for e in scored]
    trained = scores_to_labels(
        texts, predict(encoded, head, texts), config.labels, config.thresholds, config.task
    )
    loaded = load_model(target)
    served = scores_to_labels(texts, loaded.scores(texts), config.labels, config.thresholds, config.task)
    return {
        "passages": len(texts),
        "same_label_set": round(float((trained == served).all(1).mean()), 4),
        "decisions": round(float((trained == served).mean()), 4),
    }


def production_on_same_documents(
    name: str, examples: list[Example], config, models_dir: Path | None = None
) -> dict[str, Any]:
    """The production version's metrics on the candidate's evaluation passages, when it
    never trained on their documents (so the promotion guard compares like with like);
    empty when there is no production version or the documents overlap."""
    version = production(name, models_dir)
    scored = [e for e in examples if e.source not in TRAIN_ONLY_SOURCES]
    if version is None or not scored:
        return {}
    if trained_documents(name, version, models_dir) & {e.document for e in scored}:
        return {}
    texts = [e.text for e in scored]
    _, labels, scores, thresholds = score_texts(texts, name, version, models_dir, config.task)
    metrics = _metrics(scored, scores_to_labels(texts, scores, labels, thresholds, config.task), labels)
    metrics["version"] = version
    return metrics


def _count_by(examples: list[Example], attribute: str) -> dict[str, int]:
    counts: dict[str, int] = {}
    for e in examples:
        counts[getattr(e, attribute)] = counts.get(getattr(e, attribute), 0) + 1
    return dict(sorted(counts.items()))


def _holdout_metrics(encoded, head, held_out: list[Example], cv: dict) -> dict[str, Any]:
    config = encoded.config
    texts = [e.text for e in held_out]
    predicted = scores_to_labels(
        texts, predict(encoded, head, texts), config.labels, config.thresholds, config.task
    )
    metrics = _metrics(held_out, predicted, config.labels)
    metrics["protocol"] = "held-out documents"
    metrics["cross_validation"] = cv
    return metrics


def evaluate_annotated(task: str, models_dir: Path | None = None) -> dict[str, Any]:
    """What production labels ``task`` with (its production model, else the lexicon),
    scored on the annotated real passages of documents that model never trained on, with
    micro-F1 beside the usual metrics."""
    examples = load_annotated_examples(Sources(annotated=LABEL_FILE), task)
    name = MODEL_NAMES[task]
    version = production(name, models_dir)
    if version is not None:
        seen = trained_documents(name, version, models_dir)
        examples = [e for e in examples if e.document not in seen]
    texts = [e.text for e in examples]
    _, labels, scores, thresholds = score_texts(texts, name, version, models_dir, task)
    predicted = scores_to_labels(texts, scores, labels, thresholds, task)
    metrics = _metrics(examples, predicted, labels)
    truth = label_matrix(examples, labels)
    tp = float((truth * predicted).sum())
    metrics["micro_f1"] = round(2 * tp / max(1.0, float(truth.sum() + predicted.sum())), 4)
    metrics["method"] = f"model@{name}/{version}" if version else "lexicon"
    return metrics


def recipe_of(name: str, version: str | None, models_dir: Path | None = None):
    """(classifier config, sources dict) a version was trained with; defaults when None."""
    if version is None:
        config = ClassifierConfig(labels=list(TASK_LABELS["dimension"]))
        return config, Sources().to_dict()
    data = json.loads((version_dir(name, version, models_dir) / TRAINING_FILE).read_text())
    config = ClassifierConfig.from_dict(data["config"])
    config.thresholds = {}
    return config, data["sources"]


def evaluate_cv(
    gold_dir: Path,
    name: str = "dimensions",
    version: str | None = None,
    models_dir: Path | None = None,
    **overrides: Any,
) -> dict[str, Any]:
    """Leave-one-document-out metrics of a version's training recipe (default recipe: None)
    over the gold folder ``gold_dir``."""
    config, sources = recipe_of(name, version, models_dir)
    sources["gold_dir"] = gold_dir
    return cross_validated_metrics(config, sources, **overrides)
