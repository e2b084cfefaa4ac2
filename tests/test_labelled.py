"""Labelled passages from gold-format files, and their label matrix."""

from __future__ import annotations

import json

from pipeline.labelled import Example, label_matrix, load_gold_examples


def test_gold_passages_with_the_task_field_become_examples(tmp_path):
    passages = [
        {"text": "Bus lanes.", "language": "en", "dimensions": ["mobility"]},
        {"text": "Bank sampah.", "language": "id", "dimensions": []},
        {"text": "No labels for this task.", "language": "en"},
        {"text": "", "dimensions": ["living"]},
    ]
    (tmp_path / "paper.json").write_text(json.dumps({"passages": passages}))
    examples = load_gold_examples(tmp_path)
    assert examples == [
        Example("Bus lanes.", "en", ("mobility",), "paper", "gold"),
        Example("Bank sampah.", "id", (), "paper", "gold"),
    ]
    owned = load_gold_examples(tmp_path, source="owned")
    assert {e.document for e in owned} == {"owned:paper"}
    assert load_gold_examples(tmp_path, task="diffusion") == []


def test_label_matrix_has_a_column_per_label():
    examples = [
        Example("a", "en", ("mobility",), "d", "gold"),
        Example("b", "en", ("living", "mobility"), "d", "gold"),
    ]
    assert label_matrix(examples, ["mobility", "living"]).tolist() == [[1, 0], [1, 1]]
    assert label_matrix([], ["mobility"]).shape == (0, 1)
