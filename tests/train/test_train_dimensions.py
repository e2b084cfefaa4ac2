"""Training data, document splits, and training runs into the registry."""

from __future__ import annotations

import json

import pytest

from pipeline.classify.model import ClassifierConfig
from pipeline.labelled import load_gold_examples
from pipeline.registry import METRICS_FILE, OUT_OF_FOLD_FILE, TRAINING_FILE
from pipeline.train import crossval
from pipeline.train import dimensions as td
from pipeline.train.passage_keys import text_sha1


def tiny_config(base, seed: int = 13) -> ClassifierConfig:
    return ClassifierConfig(
        labels=["governance", "economy", "mobility", "environment", "people", "living"],
        base_model=str(base),
        encoder_layers=None,
        quantize=False,
        seed=seed,
        epochs=5,
    )


def test_gold_examples_carry_document_and_language(tiny_gold):
    examples = load_gold_examples(tiny_gold)
    assert len(examples) == 36
    assert {e.document for e in examples} == {"doc0", "doc1", "doc2"}
    assert {e.language for e in examples if e.document == "doc2"} == {"id"}


def test_reviewed_jsonl_is_read_and_labels_kept(tmp_path):
    path = tmp_path / "reviewed.jsonl"
    path.write_text(
        '{"text": "bus lanes", "language": "en", "dimensions": ["mobility"], '
        '"document": "abc"}\n\n{"text": "no labels here"}\n'
    )
    examples = td.load_reviewed_examples(path)
    assert [(e.text, e.labels, e.document, e.source) for e in examples] == [
        ("bus lanes", ("mobility",), "abc", "reviewed")
    ]


def test_data_hash_ignores_order_but_not_content(tiny_gold):
    examples = load_gold_examples(tiny_gold)
    assert td.data_hash(examples) == td.data_hash(list(reversed(examples)))
    assert td.data_hash(examples) != td.data_hash(examples[1:])


def test_holdout_documents_are_kept_out_of_training(tiny_gold):
    pool, held = td.collect_examples(
        td.Sources(gold_dir=tiny_gold, seed_file=None, owned_dir=None, holdout=["doc1"])
    )
    assert {e.document for e in held} == {"doc1"}
    assert "doc1" not in {e.document for e in pool}


def test_nested_predictions_never_train_on_the_scored_document(tiny_gold, monkeypatch):
    import numpy as np

    examples, _ = td.collect_examples(td.Sources(gold_dir=tiny_gold, seed_file=None, owned_dir=None))
    document_of = {e.text: e.document for e in examples}
    calls: list[tuple[str, set[str]]] = []

    def fake_fit(encoded, texts, targets):
        calls.append(("fit", {document_of[t] for t in texts}))

    def fake_predict(encoded, head, texts):
        calls.append(("predict", {document_of[t] for t in texts}))
        return np.full((len(texts), 1), 0.5)

    monkeypatch.setattr(crossval, "fit", fake_fit)
    monkeypatch.setattr(crossval, "predict", fake_predict)

    class FakeEncoded:
        config = ClassifierConfig(labels=["mobility"])

    rows, predicted = crossval.nested_predictions(FakeEncoded(), examples)
    assert sorted(rows) == list(range(len(examples))) and predicted.shape == (36, 1)
    pairs = list(zip(calls[::2], calls[1::2], strict=True))
    assert pairs and all(f[0] == "fit" and p[0] == "predict" for f, p in pairs)
    assert all(not (trained & scored) for (_, trained), (_, scored) in pairs)


def test_training_run_writes_a_complete_version(tiny_base, tiny_gold, tmp_path):
    sources = td.Sources(gold_dir=tiny_gold, seed_file=None, owned_dir=None, holdout=["doc2"])
    target = td.train_model(tiny_config(tiny_base), sources, models_dir=tmp_path)
    assert target == tmp_path / "dimensions" / "v1"
    training = json.loads((target / TRAINING_FILE).read_text())
    assert training["documents"] == {"trained": ["doc0", "doc1"], "held_out": ["doc2"]}
    assert len(training["data_hash"]) == 64 and training["code_version"]
    metrics = json.loads((target / METRICS_FILE).read_text())
    assert metrics["protocol"] == "held-out documents"
    assert set(metrics["per_language"]) == {"id"}
    assert metrics["cross_validation"]["protocol"] == "nested leave-one-document-out"
    assert {"precision", "recall", "f1", "ci"} <= set(metrics["per_label"]["mobility"])


def test_training_run_keeps_its_out_of_fold_predictions_as_keys(tiny_base, tiny_gold, tmp_path):
    sources = td.Sources(gold_dir=tiny_gold, seed_file=None, owned_dir=None)
    examples, _ = td.collect_examples(sources)
    target = td.train_model(tiny_config(tiny_base), sources, models_dir=tmp_path)
    rows = [json.loads(line) for line in (target / OUT_OF_FOLD_FILE).read_text().splitlines()]
    metrics = json.loads((target / METRICS_FILE).read_text())
    assert len(rows) == metrics["n_passages"] == len(examples)
    texts = {e.text for e in examples}
    assert all(
        set(r) == {"document", "item", "text_sha1", "language", "source", "truth", "predicted"} for r in rows
    )
    assert not any(
        text in line for line in (target / OUT_OF_FOLD_FILE).read_text().splitlines() for text in texts
    )
    hashes = {text_sha1(e.text): sorted(e.labels) for e in examples}
    assert all(hashes[r["text_sha1"]] == r["truth"] for r in rows)
    truth = sum("mobility" in r["truth"] for r in rows)
    found = sum("mobility" in r["truth"] and "mobility" in r["predicted"] for r in rows)
    assert truth == metrics["per_label"]["mobility"]["support"]
    assert round(found / truth, 4) == metrics["per_label"]["mobility"]["recall"]


def test_same_data_and_seed_give_the_same_metrics(tiny_base, tiny_gold, tmp_path):
    sources = td.Sources(gold_dir=tiny_gold, seed_file=None, owned_dir=None)
    first = td.train_model(tiny_config(tiny_base), sources, models_dir=tmp_path)
    second = td.train_model(tiny_config(tiny_base), sources, models_dir=tmp_path)
    assert first != second
    assert (first / METRICS_FILE).read_text() == (second / METRICS_FILE).read_text()
    assert (first / "weights.safetensors").read_bytes() == (second / "weights.safetensors").read_bytes()


@pytest.mark.shared
def test_shared_gold_and_seed_give_examples_in_both_languages(gold_dir, seeds_dir):
    sources = td.Sources(gold_dir=gold_dir, seed_file=seeds_dir / "003_443ed6d8acc8a0e6.txt")
    examples, held = td.collect_examples(sources)
    assert not held
    assert {e.language for e in examples} >= {"en", "id"}
    assert len(crossval.evaluation_documents(examples)) >= 2
    assert any(e.source == "seed" for e in examples)


def test_project_passages_train_but_are_never_scored(tiny_gold):
    examples, _ = td.collect_examples(td.Sources(gold_dir=tiny_gold, seed_file=None))
    owned = [e for e in examples if e.source == "owned"]
    assert owned and all(e.document.startswith("owned:") for e in owned)
    assert {e.language for e in owned} == {"en", "id"}
    assert crossval.evaluation_documents(examples) == ["doc0", "doc1", "doc2"]


def test_project_passages_follow_the_gold_schema():
    from pipeline.records import DIMENSIONS

    files = sorted(td.DEFAULT_OWNED.glob("*.json"))
    assert files
    for path in files:
        for passage in json.loads(path.read_text(encoding="utf-8"))["passages"]:
            assert set(passage) == {"text", "language", "dimensions", "country"}
            assert set(passage["dimensions"]) <= set(DIMENSIONS)
            assert 100 <= len(passage["text"]) <= 700 and passage["language"] in ("en", "id")


def test_sources_saved_before_owned_data_existed_still_load():
    sources = td.Sources.from_dict({"gold_dir": None, "reviewed": None, "seed_file": None, "holdout": []})
    assert sources.owned_dir is None


def test_group_calibration_fits_once_per_fold_and_never_on_the_scored_documents(
    tiny_gold, monkeypatch, caplog
):
    import logging

    import numpy as np

    caplog.set_level(logging.INFO, logger="pipeline.train.crossval")

    examples, _ = td.collect_examples(td.Sources(gold_dir=tiny_gold, seed_file=None, owned_dir=None))
    document_of = {e.text: e.document for e in examples}
    fitted: list[set[str]] = []
    scored: list[set[str]] = []

    def fake_fit(encoded, texts, targets):
        fitted.append({document_of[t] for t in texts})
        return len(fitted)

    def fake_predict(encoded, head, texts):
        scored.append({document_of[t] for t in texts})
        return np.full((len(texts), 1), 0.7)

    monkeypatch.setattr(crossval, "fit", fake_fit)
    monkeypatch.setattr(crossval, "predict", fake_predict)

    class FakeEncoded:
        config = ClassifierConfig(labels=["mobility"])

    rows, predicted, scores = crossval.group_calibrated_predictions(FakeEncoded(), examples, 3)
    assert sorted(rows) == list(range(len(examples))) and predicted.shape == scores.shape == (36, 1)
    assert len(fitted) == 3 and len(scored) == 6  # one fit, a calibration and a test per fold
    assert [r.getMessage().split(":")[0] for r in caplog.records] == [f"fold {n} of 3" for n in (1, 2, 3)]
    for trained, calibration, test in zip(fitted, scored[::2], scored[1::2], strict=True):
        assert len(trained) == len(calibration) == len(test) == 1
        assert not trained & calibration and not trained & test and not calibration & test


def test_group_calibration_needs_folds_and_names_itself(tiny_gold):
    sources = td.Sources(gold_dir=tiny_gold, seed_file=None, owned_dir=None, calibration="group")
    assert td.Sources.from_dict(sources.to_dict()).calibration == "group"
    with pytest.raises(ValueError, match="needs grouped k-fold"):
        td.cross_validated_metrics(
            ClassifierConfig(labels=["mobility"]),
            sources,
            encoded=type("E", (), {"config": ClassifierConfig()})(),
        )
    sources.calibration = "inner"
    with pytest.raises(ValueError, match="calibration must be one of"):
        td.cross_validated_metrics(
            ClassifierConfig(labels=["mobility"]),
            sources,
            encoded=type("E", (), {"config": ClassifierConfig()})(),
        )


def test_a_fine_tuned_version_records_how_production_scoring_agrees(
    tiny_base, tiny_gold, tmp_path, monkeypatch
):
    from pipeline.classify.predictor import load_model

    loaded: list[str] = []
    monkeypatch.setattr(td, "load_model", lambda d: loaded.append(str(d)) or load_model(d))
    config = tiny_config(tiny_base)
    config.train_layers, config.quantize, config.epochs = 1, True, 2
    sources = td.Sources(gold_dir=tiny_gold, seed_file=None, owned_dir=None, folds=3, calibration="group")
    target = td.train_model(config, sources, models_dir=tmp_path)
    metrics = json.loads((target / METRICS_FILE).read_text())
    assert metrics["protocol"].startswith("grouped 3-fold by document, thresholds from one")
    agreement = metrics["scoring_agreement"]
    assert agreement["passages"] == 36
    assert 0 <= agreement["same_label_set"] <= agreement["decisions"] <= 1
    saved = json.loads((target / "classifier.json").read_text())
    assert set(saved["thresholds"]) == set(config.labels)
    assert type(load_model(target).encoded).__name__ == "LeanEncoder"
    # every fold was scored as served (saved, loaded lean and int8), then the agreement check
    assert len(loaded) == 3 + 1 and loaded[-1] == str(target)


def test_evaluate_annotated_scores_what_production_uses_with_micro_f1(monkeypatch, tmp_path):
    from pipeline.labelled import Example

    examples = [
        Example(
            "The ministry evaluates the programme's results every year.",
            "en",
            ("evaluation",),
            "d1",
            "annotated",
        ),
        Example("Bus lanes were built along the main road.", "en", (), "d2", "annotated"),
    ]
    monkeypatch.setattr(td, "load_annotated_examples", lambda sources, task: examples)
    metrics = td.evaluate_annotated("policy_stage", models_dir=tmp_path)  # no model: lexicon
    assert metrics["method"] == "lexicon" and metrics["n_passages"] == 2
    predicted = td.lexicon_predictions(examples, "policy_stage")
    truth = [[float(lb in e.labels) for lb in metrics["per_label"]] for e in examples]
    tp = sum(
        t * p
        for row_t, row_p in zip(truth, predicted, strict=True)
        for t, p in zip(row_t, row_p, strict=True)
    )
    assert metrics["micro_f1"] == round(2 * tp / max(1.0, sum(map(sum, truth)) + predicted.sum()), 4)


def test_evaluate_labels_says_where_the_figures_are_when_production_saw_every_document(monkeypatch):
    from typer.testing import CliRunner

    from pipeline.cli import app

    seen_all = {"n_passages": 0, "method": "model@policy_stage/v1", "documents": [], "micro_f1": 0.0}
    monkeypatch.setattr(td, "evaluate_annotated", lambda task: seen_all)
    result = CliRunner().invoke(app, ["evaluate", "labels", "--task", "policy_stage"])
    assert result.exit_code == 0
    assert result.output.strip().splitlines() == [
        "policy_stage/v1 trained on every annotated document, so none is left to score it on: "
        "its cross-document figures are in models/policy_stage/v1/metrics.json"
    ]


def test_out_of_fold_records_carry_scores_when_the_protocol_gives_them():
    import numpy as np

    from pipeline.labelled import Example

    examples = [
        Example("Bus lanes for the city.", "en", ("mobility",), "doc0", "annotated", "d0001"),
        Example("Rapat koordinasi.", "id", (), "doc1", "annotated", "d0002"),
    ]
    predicted = np.array([[1.0, 0.0], [0.0, 0.0]])
    scores = np.array([[0.91234, 0.1], [0.2, 0.05]])
    plain = td.out_of_fold_records(examples, predicted, ["mobility", "people"])
    scored = td.out_of_fold_records(examples, predicted, ["mobility", "people"], scores)
    assert "scores" not in plain[0] and plain[0]["predicted"] == ["mobility"]
    assert scored[0]["scores"] == {"mobility": 0.9123, "people": 0.1} and scored[1]["item"] == "d0002"
    assert scored[1]["truth"] == [] and scored[1]["text_sha1"] == text_sha1("Rapat koordinasi.")
