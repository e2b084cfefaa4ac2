"""The review benchmark runs on a small synthetic store and reports both ways of deciding."""

from __future__ import annotations

from pipeline.bench.review import bench_review, format_report, synthetic_store


def test_the_synthetic_store_has_the_passages_asked_for(tmp_path):
    store = synthetic_store(tmp_path / "s.db", 120)
    assert len(store.frame("passages")) == 120 and len(store.frame("mentions")) == 360
    assert store.frame("passages")["id"].is_unique
    store.dispose()


def test_bench_review_times_queue_and_page_decisions():
    report = bench_review(passages=120, decisions=4, page_decisions=1)
    assert len(report["queue_ms"]) == 4 and len(report["page_ms"]) == 1
    assert all(ms > 0 for ms in report["queue_ms"] + report["page_ms"])
    text = format_report(report)
    assert "queue decision" in text and "page flow / queue" in text
