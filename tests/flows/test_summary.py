"""The run summary: counts, per-stage seconds, one-line failure reasons, JSON round trip."""

from __future__ import annotations

from pathlib import Path

from pipeline.flows.incremental import Plan, WorkItem
from pipeline.flows.summary import (
    DocumentOutcome,
    RunSummary,
    load_summary,
    one_line,
    save_summary,
    start_summary,
)


def test_one_line_keeps_the_first_line_and_shortens_it() -> None:
    assert one_line("ValueError: bad\n  traceback line") == "ValueError: bad"
    assert len(one_line("x" * 500, limit=50)) == 50


def test_summary_counts_processed_and_failed_and_sums_stage_seconds() -> None:
    summary = RunSummary(corpus="c", found=4, skipped=1)
    summary.add(DocumentOutcome("a.pdf", "1", "ok", stored=True, timings={"parse": 1.0}))
    summary.add(
        DocumentOutcome("b.pdf", "2", "needs_ocr", stored=True, timings={"parse": 2.0, "extract": 0.5})
    )
    summary.add(DocumentOutcome("c.pdf", "3", "encrypted", "needs a password", stored=True))
    summary.add(DocumentOutcome("d.pdf", "4", "failed", "TimeoutError: too slow\nmore"))
    assert summary.processed == 2
    assert summary.stage_seconds == {"parse": 3.0, "extract": 0.5}
    assert [(f.file, f.reason, f.stored) for f in summary.failed] == [
        ("c.pdf", "encrypted: needs a password", True),
        ("d.pdf", "failed: TimeoutError: too slow", False),
    ]
    lines = summary.lines()
    assert lines[-2:] == [
        "FAILED c.pdf: encrypted: needs a password (stored with this status)",
        "FAILED d.pdf: failed: TimeoutError: too slow "
        "(not stored; not retried until it changes, or --retry-failed)",
    ]


def test_summary_round_trips_through_json(tmp_path: Path) -> None:
    summary = RunSummary(corpus="c", found=1)
    summary.add(DocumentOutcome("d.pdf", "4", "failed", "boom"))
    save_summary(summary, tmp_path / "last_run.json")
    assert load_summary(tmp_path / "last_run.json") == summary


def test_start_summary_lists_documents_that_failed_before(tmp_path: Path) -> None:
    item = WorkItem(str(tmp_path / "x.pdf"), "id1", 10)
    plan = Plan(versions_key="k", skipped=[WorkItem("y.pdf", "id2", 5)], failed_before=[item])
    summary = start_summary(tmp_path, plan, {"id1": {"reason": "ValueError: bad table"}})
    assert (summary.found, summary.skipped) == (2, 1)
    [failure] = summary.failed
    assert (failure.reason, failure.earlier) == ("failed: ValueError: bad table", True)
    assert "earlier run" in summary.lines()[-1]
