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
    result = CliRunner().invoke(app, ["train", "relevance", "--folder", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert "leave-one-document-out: accuracy 1.0" in result.output
    assert (tmp_path / "models" / "relevance" / "v1" / METRICS_FILE).is_file()
