"""One document through the text stages; the warm-up loads every stage's models."""

from __future__ import annotations

import pytest

from pipeline.classify import predictor
from pipeline.process import WARM_UP_TEXTS, warm_up


def test_the_warm_up_loads_the_stages_models_and_analyses_its_written_document(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(predictor, "_CACHE", {})
    result = warm_up()
    assert [p.lang for p in result.passages] == ["en", "id"]
    assert len(result.passages) == len(WARM_UP_TEXTS)
    assert {"langid", "extract", "classify"} <= set(result.timings)
    assert any(model is not None for model in predictor._CACHE.values())  # loaded, so cached
    assert any(label.task == "dimension" for label in result.labels)
