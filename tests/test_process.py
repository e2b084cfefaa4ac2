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


def test_relevance_is_judged_from_the_documents_own_passage_labels(monkeypatch: pytest.MonkeyPatch) -> None:
    from pipeline import relevance
    from pipeline.process import analyse
    from pipeline.records import Document, DocumentResult, Passage

    seen: list[int] = []

    def judge(passages, labels):
        seen.append(len(labels))
        return 0.5, True

    monkeypatch.setattr("pipeline.process.judge_relevance", judge)
    monkeypatch.setattr(relevance, "production_model", lambda: None)
    text = "The city government runs a smart mobility programme with new bus lanes for residents."
    result = DocumentResult(document=Document(id="d", file="d.pdf"), passages=[Passage("p", "d", 1, text)])
    analyse(result)
    assert seen and seen[0] == len(result.labels) > 0
    assert (result.document.relevance, result.document.relevant) == (0.5, True)
