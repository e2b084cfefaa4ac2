"""The language-ID benchmark helper (counts only; no timing assertions)."""

from __future__ import annotations

from pipeline.bench.langid import bench_passages, bench_texts
from pipeline.records import Passage


def test_bench_counts_and_leaves_passages_untouched() -> None:
    passages = [
        Passage(id="1", document_id="a", page=1, text="Pemerintah daerah wajib menyusun laporan."),
        Passage(id="2", document_id="a", page=1, text="2019"),
        Passage(id="3", document_id="b", page=1, text="The city publishes an annual report."),
    ]
    report = bench_passages(passages, repeat=2)
    assert (report.passages, report.documents) == (3, 2)
    assert report.chars == sum(len(p.text) for p in passages)
    assert report.seconds > 0 and report.ms_per_passage > 0
    assert set(report.as_dict()) >= {"ms_per_passage", "passages_per_second"}
    assert all(p.lang == "other" and p.lang_confidence == 0.0 for p in passages)


def test_bench_of_nothing() -> None:
    report = bench_texts([])
    assert report.passages == 0 and report.ms_per_passage == 0.0
