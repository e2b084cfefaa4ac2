"""The document relevance judges: the dimension-share judge, loading either kind, judging."""

from __future__ import annotations

import json

import numpy as np

from pipeline import relevance
from pipeline.records import Passage, PassageLabel
from pipeline.relevance import RelevanceModel, ShareJudge, dimension_share, load_judge, substantive_ids

SENTENCE = "The regency government publishes its public service standards for residents, item {i}."


def document(substantive: int, fragments: int = 2, other: int = 1) -> list[Passage]:
    """Passages of one document: statements, fragments ("Pasal N") and a passage in "other"."""
    passages = [Passage(f"s{i}", "d", 1, SENTENCE.format(i=i), lang="en") for i in range(substantive)]
    passages += [Passage(f"f{i}", "d", 1, f"Pasal {i}", lang="id") for i in range(fragments)]
    passages += [Passage(f"o{i}", "d", 1, "x7 qq zzk 0099 kk", lang="other") for i in range(other)]
    return passages


def labels(ids: list[str], task: str = "dimension") -> list[PassageLabel]:
    return [PassageLabel(pid, "d", task, "governance", 0.9, "model@dimensions/v9") for pid in ids]


def test_only_statements_in_a_language_count_as_substantive():
    assert substantive_ids(document(4)) == {"s0", "s1", "s2", "s3"}
    assert dimension_share({"a", "b", "c", "d"}, {"a", "x"}) == 0.25
    assert dimension_share(set(), {"a"}) is None


def test_share_judge_compares_the_share_of_labelled_statements_with_its_threshold():
    passages = document(10)
    given = labels(["s0", "s1", "f0", "f1", "o0"]) + labels(["s2", "s3"], task="policy_stage")
    assert ShareJudge(0.25).judge(passages, given) == (0.2, False)
    assert ShareJudge(0.15).judge(passages, given) == (0.2, True)


def test_share_judge_leaves_a_document_with_too_few_statements_unjudged():
    assert ShareJudge(0.5, min_passages=5).judge(document(4), []) == (None, None)
    assert ShareJudge(0.5, min_passages=5).judge(document(5), []) == (0.0, False)


def test_either_kind_of_judge_is_loaded_from_its_version_folder(tmp_path):
    ShareJudge(0.12, 7).save(tmp_path / "share")
    assert load_judge(tmp_path / "share") == ShareJudge(0.12, 7)
    assert json.loads((tmp_path / "share" / "relevance.json").read_text())["kind"] == "dimension_share"
    RelevanceModel(np.zeros(relevance.BUCKETS, dtype=np.float32), 2.0).save(tmp_path / "words")
    assert isinstance(load_judge(tmp_path / "words"), RelevanceModel)
    assert load_judge(tmp_path / "empty") is None


def test_judge_uses_the_production_judge_of_either_kind(monkeypatch):
    passages, given = document(10), labels(["s0"])
    monkeypatch.setattr(relevance, "production_model", lambda: None)
    assert relevance.judge(passages, given) == (None, None)
    monkeypatch.setattr(relevance, "production_model", lambda: ShareJudge(0.3))
    assert relevance.judge(passages, given) == (0.1, False)
    always = RelevanceModel(np.zeros(relevance.BUCKETS, dtype=np.float32), 3.0)
    monkeypatch.setattr(relevance, "production_model", lambda: always)
    score, relevant = relevance.judge(passages, given)
    assert relevant is True and score is not None and score > 0.9
