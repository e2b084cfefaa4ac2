"""The document relevance trainer: leave-one-document-out scores, metrics, a saved version."""

from __future__ import annotations

import json

import numpy as np

from pipeline.registry import METRICS_FILE, TRAINING_FILE
from pipeline.relevance import RelevanceModel, features
from pipeline.train import relevance as tr

POLICY = [
    "The city government adopts a smart city regulation for public services and "
    "governance of the regency, with a budget for the mayor's programme {i}.",
    "Peraturan daerah tentang kota cerdas mengatur pelayanan publik dan tata kelola "
    "pemerintahan kabupaten, program {i} walikota.",
]
OFF = [
    "We benchmark the compiler's register allocation on loop kernels; speed-up {i} of "
    "the instruction scheduler over the baseline GCC passes.",
    "The protein folding network reaches a lower loss on the held-out sequences {i}; "
    "gradient descent with momentum on the GPU.",
]


def synthetic(n: int = 6) -> tuple[np.ndarray, np.ndarray, list[str]]:
    texts = [POLICY[i % 2].format(i=i) for i in range(n)] + [OFF[i % 2].format(i=i) for i in range(n)]
    targets = np.array([1.0] * n + [0.0] * n)
    return np.array([features(t) for t in texts]), targets, [f"doc{i}.pdf" for i in range(2 * n)]


def test_leave_one_out_scores_each_document_without_it():
    matrix, targets, _ = synthetic()
    scores = tr.leave_one_out(matrix, targets)
    assert ((scores >= 0.5) == (targets == 1)).all()


def test_metrics_name_the_errors():
    targets = np.array([1.0, 1.0, 0.0, 0.0])
    metrics = tr.relevance_metrics(targets, np.array([1.0, 0.0, 0.0, 0.0]), ["a", "b", "c", "d"])
    assert metrics["errors"] == ["b"] and metrics["accuracy"] == 0.75
    assert metrics["protocol"] == "leave-one-document-out" and "macro" in metrics


def test_train_relevance_writes_a_complete_version(tmp_path, monkeypatch):
    monkeypatch.setattr(tr, "labelled_matrix", lambda folders, skip: synthetic())
    target = tr.train_relevance([tmp_path], {"gold.pdf"}, models_dir=tmp_path / "models")
    training = json.loads((target / TRAINING_FILE).read_text())
    assert (training["n_on_topic"], training["n_off_topic"]) == (6, 6)
    assert training["documents"]["held_out"] == ["gold.pdf"]
    assert json.loads((target / METRICS_FILE).read_text())["accuracy"] == 1.0
    model = RelevanceModel.load(target)
    assert model.score(POLICY[0].format(i=99)) > 0.5 > model.score(OFF[0].format(i=99))


def test_the_train_relevance_command_reports_its_figures(tmp_path, monkeypatch):
    from typer.testing import CliRunner

    from pipeline.cli import app

    monkeypatch.setenv("SANDINGAN_MODELS", str(tmp_path / "models"))
    monkeypatch.setattr(tr, "labelled_matrix", lambda folders, skip: synthetic())
    result = CliRunner().invoke(app, ["train", "relevance", "--kind", "words", "--folder", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert "leave-one-document-out: accuracy 1.0" in result.output
    assert (tmp_path / "models" / "relevance" / "v1" / METRICS_FILE).is_file()
    missing = CliRunner().invoke(app, ["train", "relevance"])
    assert missing.exit_code == 1 and "no out-of-fold predictions" in missing.output
    assert len(missing.output.strip().splitlines()) == 1


def write_out_of_fold(path, documents: dict[str, tuple[int, int]]) -> None:
    """An out_of_fold.jsonl: per document (passages scored, passages given a dimension)."""
    rows = []
    for doc, (n, hit) in documents.items():
        for i in range(n):
            predicted = ["economy"] if i < hit else []
            rows.append({"document": doc, "item": f"{doc}{i}", "text_sha1": "0", "language": "en"})
            rows[-1].update({"source": "annotated", "truth": [], "predicted": predicted})
    rows.append({"document": "owned", "language": "en", "source": "owned", "truth": [], "predicted": []})
    rows.append({"document": "a0", "language": "other", "source": "annotated", "truth": [], "predicted": []})
    path.write_text("".join(json.dumps(r) + "\n" for r in rows))


def test_out_of_fold_shares_count_scored_passages_per_document(tmp_path):
    write_out_of_fold(tmp_path / "oof.jsonl", {"a0": (10, 6), "b1": (4, 0), "c2": (5, 1)})
    assert tr.out_of_fold_shares(tmp_path / "oof.jsonl", min_passages=5) == {"a0": 0.6, "c2": 0.2}


def test_best_threshold_separates_the_classes_and_prefers_the_lower_cut():
    shares, targets = np.array([0.0, 0.05, 0.1, 0.4, 0.6, 0.8]), np.array([0.0, 0.0, 0.0, 1.0, 1.0, 1.0])
    assert tr.best_threshold(shares, targets) == 0.25
    assert tr.best_threshold(np.array([0.5, 0.7]), np.array([1.0, 1.0])) == 0.0


def test_train_share_judge_learns_a_threshold_from_out_of_fold_shares(tmp_path):
    from pipeline.registry import OUT_OF_FOLD_FILE, REGISTRY_FILE
    from pipeline.relevance import ShareJudge, load_judge

    models = tmp_path / "models"
    (models / "dimensions" / "v3").mkdir(parents=True)
    (models / REGISTRY_FILE).write_text(json.dumps({"dimensions": {"production": "v3"}}))
    on = {f"on{i}": (20, 8 + i) for i in range(6)}
    off = {f"off{i}": (20, i % 2) for i in range(3)}
    write_out_of_fold(models / "dimensions" / "v3" / OUT_OF_FOLD_FILE, {**on, **off, "tiny": (2, 0)})
    labels = tmp_path / "labels.jsonl"
    records = [
        {"file": f"{d}.pdf", "document": d, "relevant": d.startswith("on")} for d in [*on, *off, "tiny"]
    ]
    records.append({"file": "gold.pdf", "document": "g", "relevant": True})
    labels.write_text("".join(json.dumps(r) + "\n" for r in records))
    target = tr.train_share_judge({"gold.pdf"}, models_dir=models, labels=labels)
    judge = load_judge(target)
    assert isinstance(judge, ShareJudge) and 0.05 <= judge.threshold <= 0.4
    metrics = json.loads((target / METRICS_FILE).read_text())
    assert metrics["accuracy"] == 1.0 and len(metrics["documents"]) == 9  # "tiny" has too few passages
    training = json.loads((target / TRAINING_FILE).read_text())
    assert training["dimension_model"] == "dimensions/v3" and training["n_off_topic"] == 3


def test_train_share_judge_needs_out_of_fold_predictions(tmp_path):
    import pytest

    with pytest.raises(FileNotFoundError, match="out-of-fold"):
        tr.train_share_judge(set(), models_dir=tmp_path)
    with pytest.raises(FileNotFoundError, match="v2 has no out-of-fold"):
        tr.train_share_judge(set(), models_dir=tmp_path, dimensions="v2")


def test_train_share_judge_prefers_shares_of_whole_held_out_documents(tmp_path):
    from pipeline.registry import OUT_OF_FOLD_FILE, REGISTRY_FILE
    from pipeline.train.whole_documents import WHOLE_FILE

    models = tmp_path / "models"
    folder = models / "dimensions" / "v3"
    folder.mkdir(parents=True)
    (models / REGISTRY_FILE).write_text(json.dumps({"dimensions": {"production": "v3"}}))
    names = [f"on{i}" for i in range(4)] + [f"off{i}" for i in range(2)]
    # the annotated sample says every document is on topic; the whole documents do not
    write_out_of_fold(folder / OUT_OF_FOLD_FILE, dict.fromkeys(names, (10, 8)))
    whole = {d: {"substantive": 100, "labelled": 60 if d.startswith("on") else 5} for d in names}
    (folder / WHOLE_FILE).write_text(json.dumps(whole))
    labels = tmp_path / "labels.jsonl"
    records = [{"file": f"{d}.pdf", "relevant": d.startswith("on")} for d in names]
    labels.write_text("".join(json.dumps(r) + "\n" for r in records))
    target = tr.train_share_judge(set(), models_dir=models, labels=labels)
    metrics = json.loads((target / METRICS_FILE).read_text())
    assert metrics["accuracy"] == 1.0 and metrics["shares"]["off0"] == 0.05
    assert "whole held-out documents" in metrics["protocol"]
    assert json.loads((target / TRAINING_FILE).read_text())["shares_from"] == "whole held-out documents"
