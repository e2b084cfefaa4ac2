"""The pipeline uses the production model of the registry, and falls back to the lexicon."""

from __future__ import annotations

import pytest

from pipeline.bench.classify import bench_classify, generated_passages
from pipeline.classify import label_passages
from pipeline.classify.model import ClassifierConfig
from pipeline.records import Passage
from pipeline.train import dimensions as td
from pipeline.train.registry import promote


@pytest.fixture()
def registry(tmp_path, monkeypatch, tiny_base, tiny_gold):
    from pipeline.classify.predictor import clear_cache

    models = tmp_path / "models"
    monkeypatch.setenv("SANDINGAN_MODELS", str(models))
    clear_cache()
    config = ClassifierConfig(
        labels=["governance", "economy", "mobility", "environment", "people", "living"],
        base_model=str(tiny_base),
        encoder_layers=None,
        epochs=5,
        head="lbfgs",
    )
    version = td.train_model(
        config, td.Sources(gold_dir=tiny_gold, seed_file=None, owned_dir=None), models_dir=models
    )
    yield models, version.name
    clear_cache()


def test_labels_record_the_production_model_version(registry):
    models, version = registry
    passages = [
        Passage(id="p", document_id="d", page=1, lang="en", text="bus traffic road train the city plan")
    ]
    assert all(lb.method == "lexicon" for lb in label_passages(passages))
    promote("dimensions", version, models_dir=models)
    from pipeline.classify.predictor import clear_cache

    clear_cache()
    dims = [lb for lb in label_passages(passages) if lb.task == "dimension"]
    assert dims and {lb.method for lb in dims} <= {f"model@dimensions/{version}", "lexicon"}
    assert any(lb.method == f"model@dimensions/{version}" for lb in dims)


def test_missing_base_model_falls_back_to_the_lexicon(registry, tmp_path):
    import json

    models, version = registry
    config_path = models / "dimensions" / version / "classifier.json"
    config = json.loads(config_path.read_text())
    config["base_model"] = str(tmp_path / "not-built")
    config_path.write_text(json.dumps(config))
    promote("dimensions", version, models_dir=models)
    labels = label_passages(
        [Passage(id="p", document_id="d", page=1, lang="id", text="Mobilitas cerdas dan transportasi umum.")]
    )
    assert labels and all(lb.method == "lexicon" for lb in labels)


def test_benchmark_reports_throughput(registry):
    models, version = registry
    promote("dimensions", version, models_dir=models)
    report = bench_classify(12, models_dir=models)
    assert report["model"] == f"dimensions/{version}"
    assert report["model_passages_per_s"] > 0 and report["label_passages_per_s"] > 0


def test_generated_passages_are_bilingual_and_passage_sized():
    passages = generated_passages(10)
    assert {p.lang for p in passages} == {"en", "id"}
    assert all(80 <= len(p.text) <= 900 for p in passages)
