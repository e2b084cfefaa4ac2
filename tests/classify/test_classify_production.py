"""The pipeline uses the production model of the registry, and falls back to the lexicon."""

from __future__ import annotations

import numpy as np
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


def _stage_gold(folder, tiny_gold):
    """The tiny gold with a policy stage per passage (mobility words: implementation)."""
    import json

    folder.mkdir()
    for path in tiny_gold.glob("*.json"):
        data = json.loads(path.read_text())
        for p in data["passages"]:
            p["policy_stage"] = ["implementation"] if "mobility" in p["dimensions"] else ["evaluation"]
        (folder / path.name).write_text(json.dumps(data))
    return folder


def test_a_frozen_stage_head_reads_the_dimension_models_frozen_layers(
    tmp_path, monkeypatch, tiny_base, tiny_gold
):
    from pipeline.classify import predictor
    from pipeline.classify.encoder import DTYPE_ENV

    monkeypatch.setenv(DTYPE_ENV, "float32")
    models = tmp_path / "models"
    monkeypatch.setenv("SANDINGAN_MODELS", str(models))
    predictor.clear_cache()
    tuned = ClassifierConfig(
        base_model=str(tiny_base),
        encoder_layers=None,
        train_layers=1,
        epochs=1,
        batch_size=8,
        quantize=False,
        prefix="",
    )
    frozen = ClassifierConfig(
        task="policy_stage",
        base_model=str(tiny_base),
        encoder_layers=1,
        train_layers=0,
        epochs=5,
        quantize=False,
        prefix="",
    )
    stage_gold = _stage_gold(tmp_path / "stage_gold", tiny_gold)
    for name, config, gold in (("dimensions", tuned, tiny_gold), ("policy_stage", frozen, stage_gold)):
        version = td.train_model(
            config,
            td.Sources(gold_dir=gold, seed_file=None, owned_dir=None),
            name,
            models_dir=models,
        )
        promote(name, version.name, force=True, models_dir=models)
    dimension, stage = predictor.production_model("dimensions"), predictor.production_model("policy_stage")
    assert dimension is not None and stage is not None and dimension.feeds(stage)
    assert not stage.feeds(dimension)
    passages = [
        Passage(
            id=f"p{i}",
            document_id="d",
            page=1,
            lang="en",
            text=f"bus road traffic plan number {i} for the city",
        )
        for i in range(5)
    ]
    ran: list[int] = []
    own_pool = stage.encoded._pool
    monkeypatch.setattr(stage.encoded, "_pool", lambda texts: ran.append(len(texts)) or own_pool(texts))
    shared = [lb for lb in label_passages(passages) if lb.task == "policy_stage"]
    assert not ran and stage.encoded.layers is None  # its own encoder never ran, nor loaded
    texts = [p.text for p in passages]
    fed = stage.scores_from_pooled(texts, dimension.scores_and_tapped(texts)[1])
    assert not ran and shared
    alone = stage.scores(texts)
    assert ran and stage.encoded.layers is not None  # ... but it could, with the same scores
    assert np.allclose(fed, alone, atol=1e-5)
    predictor.clear_cache()
