"""Reading the model registry: versions in order, production, a version's JSON files."""

from __future__ import annotations

import json

from pipeline.registry import (
    METRICS_FILE,
    REGISTRY_FILE,
    TRAINING_FILE,
    list_versions,
    production,
    read_metrics,
    read_training,
    trained_documents,
    version_dir,
)


def test_versions_are_listed_by_number_and_other_folders_ignored(tmp_path):
    for name in ("v10", "v2", "v1", "draft"):
        (tmp_path / "m" / name).mkdir(parents=True)
    (tmp_path / "m" / "v3").write_text("a file, not a version")
    assert list_versions("m", tmp_path) == ["v1", "v2", "v10"]
    assert list_versions("absent", tmp_path) == []


def test_no_registry_file_means_no_production_version(tmp_path):
    assert production("m", tmp_path) is None
    (tmp_path / REGISTRY_FILE).write_text(json.dumps({"m": {"production": "v2"}}))
    assert production("m", tmp_path) == "v2" and production("other", tmp_path) is None


def test_a_version_without_its_json_files_reads_as_empty(tmp_path):
    assert read_metrics("m", "v1", tmp_path) == {} and read_training("m", "v1", tmp_path) == {}
    assert trained_documents("m", "v1", tmp_path) == set()


def test_a_version_tells_its_metrics_and_trained_documents(tmp_path):
    folder = version_dir("m", "v1", tmp_path)
    folder.mkdir(parents=True)
    (folder / METRICS_FILE).write_text(json.dumps({"macro": {"f1": 0.5}}))
    (folder / TRAINING_FILE).write_text(json.dumps({"documents": {"trained": ["b", "a"]}}))
    assert read_metrics("m", "v1", tmp_path)["macro"]["f1"] == 0.5
    assert trained_documents("m", "v1", tmp_path) == {"a", "b"}
