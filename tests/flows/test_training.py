"""The retrain and evaluate flows: wiring over a trainer, the registry's promotion rules."""

from __future__ import annotations

import sys
import types
from dataclasses import dataclass
from pathlib import Path

import pytest

from pipeline.flows import training
from pipeline.flows.training import StepUnavailable, evaluate_flow, retrain_flow
from pipeline.registry import production
from pipeline.train.registry import new_version_dir, reviewed_passages, write_json

pytestmark = pytest.mark.slow


def macro(f1: float, low: float, high: float) -> dict:
    """A metrics.json body with a macro F1 and its confidence interval."""
    return {"macro": {"f1": f1, "ci": [low, high]}}


@pytest.fixture
def fake_trainer(monkeypatch: pytest.MonkeyPatch) -> list[dict]:
    """A trainer module ``toy`` whose next versions get the metrics pushed onto the list."""
    queue: list[dict] = []

    @dataclass
    class Sources:
        reviewed: Path | None = None

        @classmethod
        def from_dict(cls, data: dict) -> Sources:
            return cls(**data)

    def recipe_of(name: str, version: str | None, models_dir: Path | None = None):
        return {"seed": 1}, {"reviewed": None}

    def train_model(config, sources, name, models_dir=None) -> Path:
        target = new_version_dir(name, models_dir)
        write_json(target / "metrics.json", queue.pop(0))
        write_json(
            target / "training.json",
            {"reviewed": str(sources.reviewed), "reviewed_passages": reviewed_passages(sources.reviewed)},
        )
        return target

    module = types.ModuleType("toy_trainer")
    module.Sources, module.recipe_of, module.train_model = Sources, recipe_of, train_model
    monkeypatch.setitem(sys.modules, "toy_trainer", module)
    monkeypatch.setitem(training.TRAINERS, "toy", "toy_trainer")
    return queue


def test_retrain_promotes_a_better_version_and_keeps_production_otherwise(
    fake_trainer: list[dict], tmp_path: Path
) -> None:
    models = str(tmp_path / "models")
    fake_trainer += [macro(0.6, 0.5, 0.7), macro(0.3, 0.2, 0.4)]
    [first] = retrain_flow(models=["toy"], models_dir=models, reviewed="reviewed.jsonl")
    assert (first["version"], first["promoted"]) == ("v1", True)
    [second] = retrain_flow(models=["toy"], models_dir=models)
    assert (second["version"], second["promoted"]) == ("v2", False)
    assert "macro-F1" in second["reason"]
    assert production("toy", Path(models)) == "v1"
    assert "reviewed.jsonl" in (Path(models) / "toy" / "v1" / "training.json").read_text()


def test_retrain_waits_for_enough_new_reviews(fake_trainer: list[dict], tmp_path: Path) -> None:
    models = str(tmp_path / "models")
    reviewed = tmp_path / "reviewed.jsonl"
    reviewed.write_text('{"text": "a"}\n{"text": "b"}\n{"text": "c"}\n\n')
    fake_trainer += [macro(0.6, 0.5, 0.7), macro(0.7, 0.65, 0.75)]
    [first] = retrain_flow(models=["toy"], models_dir=models, reviewed=str(reviewed), min_new_reviews=2)
    assert (first["version"], first["promoted"]) == ("v1", True)
    [skipped] = retrain_flow(models=["toy"], models_dir=models, reviewed=str(reviewed), min_new_reviews=2)
    assert skipped["version"] is None and not skipped["promoted"]
    assert "0 new reviewed passages" in skipped["reason"]
    with reviewed.open("a") as handle:
        handle.write('{"text": "d"}\n{"text": "e"}\n')
    [second] = retrain_flow(models=["toy"], models_dir=models, reviewed=str(reviewed), min_new_reviews=2)
    assert (second["version"], second["promoted"]) == ("v2", True)
    assert production("toy", Path(models)) == "v2"


def test_retrain_exports_the_stores_reviews_first(
    fake_trainer: list[dict], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SANDINGAN_OUT", str(tmp_path / "out"))
    monkeypatch.delenv("SANDINGAN_DB_URL", raising=False)
    [outcome] = retrain_flow(
        models=["toy"], models_dir=str(tmp_path / "models"), reviews_from_store=True, min_new_reviews=1
    )
    assert outcome["version"] is None and "fewer than 1" in outcome["reason"]
    export = tmp_path / "out" / "reviewed_annotations.jsonl"
    assert export.is_file() and reviewed_passages(export) == 0


def test_retrain_names_an_unknown_model_clearly(tmp_path: Path) -> None:
    with pytest.raises(StepUnavailable, match="no trainer for nope"):
        retrain_flow(models=["nope"], models_dir=str(tmp_path))


def test_a_missing_trainer_module_is_a_clear_error() -> None:
    with pytest.raises(StepUnavailable, match="not available"):
        training.load_step("pipeline.train.no_such_trainer", "train_model")


def test_evaluate_runs_each_evaluator_on_the_gold_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen = []
    monkeypatch.setitem(training.EVALUATORS, "toy", lambda gold: seen.append(gold) or macro(0.5, 0.4, 0.6))
    results = evaluate_flow(gold_dir=str(tmp_path), evaluations=["toy"])
    assert results == {"toy": macro(0.5, 0.4, 0.6)} and seen == [tmp_path]
    with pytest.raises(FileNotFoundError):
        evaluate_flow(gold_dir=str(tmp_path / "absent"))


@pytest.mark.parametrize("name", sorted(training.TRAINERS))
def test_every_wired_trainer_has_the_interface_the_flow_calls(name: str) -> None:
    module = training.load_step(training.TRAINERS[name], "recipe_of", "train_model", "Sources")
    config, sources = module.recipe_of(name, None)
    assert config is not None and isinstance(sources, dict)
