"""The model registry: version folders, production, promotion rules."""

from __future__ import annotations

import json

import pytest

from pipeline.registry import (
    METRICS_FILE,
    TRAINING_FILE,
    list_versions,
    production,
    read_registry,
    version_dir,
)
from pipeline.train import registry as reg


def metrics(macro: float, ci: tuple[float, float], **langs: float) -> dict:
    return {
        "macro": {"f1": macro, "ci": list(ci)},
        "per_language": {k: {"macro_f1": v} for k, v in langs.items()},
    }


def add_version(models, macro, ci, **langs) -> str:
    path = reg.new_version_dir("dimensions", models)
    (path / METRICS_FILE).write_text(json.dumps(metrics(macro, ci, **langs)))
    return path.name


def test_new_version_dirs_are_numbered_and_listed_in_order(tmp_path):
    names = [reg.new_version_dir("m", tmp_path).name for _ in range(11)]
    assert names[:2] == ["v1", "v2"] and names[-1] == "v11"
    assert list_versions("m", tmp_path) == names
    assert list_versions("absent", tmp_path) == []


def test_first_promotion_sets_production(tmp_path):
    v1 = add_version(tmp_path, 0.7, (0.6, 0.8), en=0.7, id=0.6)
    assert production("dimensions", tmp_path) is None
    result = reg.promote("dimensions", v1, models_dir=tmp_path)
    assert production("dimensions", tmp_path) == v1 and not result.forced


def test_promotion_refuses_a_clearly_worse_model(tmp_path):
    v1 = add_version(tmp_path, 0.80, (0.75, 0.85), en=0.8, id=0.8)
    v2 = add_version(tmp_path, 0.60, (0.55, 0.70), en=0.6, id=0.6)
    reg.promote("dimensions", v1, models_dir=tmp_path)
    with pytest.raises(reg.PromotionRefused, match="confidence interval"):
        reg.promote("dimensions", v2, models_dir=tmp_path)
    assert production("dimensions", tmp_path) == v1


def test_promotion_refuses_when_one_language_gets_worse(tmp_path):
    v1 = add_version(tmp_path, 0.75, (0.70, 0.80), en=0.75, id=0.70)
    v2 = add_version(tmp_path, 0.78, (0.72, 0.84), en=0.80, id=0.65)
    reg.promote("dimensions", v1, models_dir=tmp_path)
    with pytest.raises(reg.PromotionRefused, match="language id"):
        reg.promote("dimensions", v2, models_dir=tmp_path)


def test_promotion_accepts_a_slightly_lower_macro_inside_its_ci(tmp_path):
    v1 = add_version(tmp_path, 0.75, (0.70, 0.80), en=0.70, id=0.70)
    v2 = add_version(tmp_path, 0.74, (0.68, 0.80), en=0.72, id=0.71)
    reg.promote("dimensions", v1, models_dir=tmp_path)
    assert reg.promote("dimensions", v2, models_dir=tmp_path).reasons == []


def test_force_overrides_and_is_recorded(tmp_path):
    v1 = add_version(tmp_path, 0.80, (0.75, 0.85), en=0.8)
    v2 = add_version(tmp_path, 0.50, (0.40, 0.60), en=0.5)
    reg.promote("dimensions", v1, models_dir=tmp_path)
    result = reg.promote("dimensions", v2, force=True, models_dir=tmp_path)
    assert result.forced and result.reasons and result.previous == v1
    history = read_registry(tmp_path)["dimensions"]["history"]
    assert history[-1]["forced"] is True and history[-1]["overridden"]


def test_unknown_version_cannot_be_promoted(tmp_path):
    with pytest.raises(FileNotFoundError):
        reg.promote("dimensions", "v9", models_dir=tmp_path)


def test_code_version_is_reported():
    assert reg.code_version()


def test_promotion_refuses_a_candidate_missing_a_language(tmp_path):
    v1 = add_version(tmp_path, 0.75, (0.70, 0.80), en=0.75, id=0.70)
    v2 = add_version(tmp_path, 0.80, (0.75, 0.85), en=0.80)
    reg.promote("dimensions", v1, models_dir=tmp_path)
    with pytest.raises(reg.PromotionRefused, match="not for the candidate"):
        reg.promote("dimensions", v2, models_dir=tmp_path)


def test_reviewed_passages_counts_lines_and_versions_remember_them(tmp_path):
    path = tmp_path / "reviewed.jsonl"
    assert reg.reviewed_passages(None) == 0 and reg.reviewed_passages(path) == 0
    path.write_text('{"text": "a"}\n\n{"text": "b"}\n')
    assert reg.reviewed_passages(path) == 2
    target = reg.new_version_dir("toy", tmp_path)
    reg.write_json(target / TRAINING_FILE, {"reviewed_passages": 2})
    assert reg.trained_on_reviews("toy", target.name, tmp_path) == 2
    assert reg.trained_on_reviews("toy", None, tmp_path) == 0
    older = reg.new_version_dir("toy", tmp_path)
    reg.write_json(older / TRAINING_FILE, {})
    assert reg.trained_on_reviews("toy", older.name, tmp_path) == 0


def test_a_first_version_worse_than_no_model_is_refused(tmp_path):
    path = reg.new_version_dir("ner", tmp_path)
    rules = {"AGENCY": {"f1": 0.89}, "PROGRAMME": {"f1": 0.74}}
    added = {"AGENCY": {"f1": 0.89}, "PROGRAMME": {"f1": 0.69}}
    body = {**metrics(0.5, (0.45, 0.55)), "pipeline": {"rules": rules, "rules+model": added}}
    (path / METRICS_FILE).write_text(json.dumps(body))
    with pytest.raises(reg.PromotionRefused, match="PROGRAMME: extractor F1 0.690"):
        reg.promote("ner", path.name, models_dir=tmp_path)
    assert production("ner", tmp_path) is None
    assert reg.promote("ner", path.name, force=True, models_dir=tmp_path).forced


def test_a_classifier_below_the_lexicon_alone_is_refused():
    body = {**metrics(0.70, (0.6, 0.8)), "lexicon_baseline": metrics(0.75, (0.7, 0.8))}
    assert reg.baseline_problems(body) == ["macro-F1 0.700 is below the lexicon alone (0.750)"]
    body["lexicon_baseline"] = metrics(0.65, (0.6, 0.7))
    assert reg.baseline_problems(body) == []


def test_a_candidate_is_compared_with_production_scored_on_the_same_passages(tmp_path):
    # production's own metrics come from an easier test set; scored on the candidate's
    # passages (documents it never saw) it is worse than the candidate
    v1 = add_version(tmp_path, 0.76, (0.70, 0.81), en=0.76, id=0.67)
    reg.promote("dimensions", v1, models_dir=tmp_path)
    v2 = add_version(tmp_path, 0.58, (0.55, 0.60), en=0.55, id=0.52)
    path = version_dir("dimensions", v2, tmp_path) / METRICS_FILE
    data = json.loads(path.read_text())
    data["production_same_documents"] = metrics(0.47, (0.44, 0.50), en=0.44, id=0.45) | {"version": v1}
    path.write_text(json.dumps(data))
    result = reg.promote("dimensions", v2, models_dir=tmp_path)
    assert production("dimensions", tmp_path) == v2 and not result.forced
    assert any("scored on the candidate's own" in note for note in result.notes)


def test_a_same_passage_score_of_another_version_is_not_used(tmp_path):
    v1 = add_version(tmp_path, 0.76, (0.70, 0.81), en=0.76, id=0.67)
    reg.promote("dimensions", v1, models_dir=tmp_path)
    v2 = add_version(tmp_path, 0.58, (0.55, 0.60), en=0.55, id=0.52)
    path = version_dir("dimensions", v2, tmp_path) / METRICS_FILE
    data = json.loads(path.read_text())
    data["production_same_documents"] = metrics(0.47, (0.44, 0.50), en=0.44, id=0.45) | {"version": "v9"}
    path.write_text(json.dumps(data))
    with pytest.raises(reg.PromotionRefused):
        reg.promote("dimensions", v2, models_dir=tmp_path)


def test_reviewed_passages_count_only_what_can_teach_the_model(tmp_path):
    path = tmp_path / "reviewed.jsonl"
    path.write_text(
        '{"mentions": [{"start": 0}], "rejected": [], "machine_dimensions": ["people"]}\n'
        '{"mentions": [], "rejected": [], "dimensions": []}\n'
        '{"mentions": [], "rejected": [{"start": 1}], "diffusion": ["learning"]}\n'
        '{"mentions": [], "rejected": [], "passage_reviewed": {"reviewer": "a"}}\n'
    )
    assert reg.reviewed_passages(path) == 4
    assert reg.reviewed_passages(path, "dimensions") == 1  # an empty set is a label too
    assert reg.reviewed_passages(path, "ner") == 3  # a passage marked complete teaches too
    assert reg.reviewed_passages(path, "diffusion") == 1
    assert reg.reviewed_passages(path, "policy_stage") == 0
