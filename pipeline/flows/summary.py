"""What a run did, per document and in total: the records the flows return and the CLI prints."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path

from pipeline.flows.incremental import Plan, write_atomic

USABLE_STATUSES = ("ok", "needs_ocr")
REASON_CHARS = 200
SUMMARY_NAME = "last_run.json"  # in the output folder


def one_line(text: str, limit: int = REASON_CHARS) -> str:
    """The first line of ``text``, shortened to ``limit`` characters."""
    lines = str(text).strip().splitlines()
    line = lines[0].strip() if lines else ""
    return line if len(line) <= limit else line[: limit - 3] + "..."


@dataclass
class DocumentOutcome:
    """What happened to one document in a run."""

    file: str
    doc_id: str
    status: str  # a Document status, or "failed" when the task itself failed
    error: str | None = None
    stored: bool = False
    pages: int = 0
    passages: int = 0
    mentions: int = 0
    seconds: float = 0.0
    timings: dict[str, float] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        """True when the document was read and analysed."""
        return self.stored and self.status in USABLE_STATUSES


@dataclass
class Failure:
    """A document that could not be processed, with a one-line reason."""

    file: str
    reason: str
    stored: bool = False  # True: stored with its status (e.g. encrypted), skipped next time
    earlier: bool = False  # True: failed in an earlier run, not tried again this time

    def note(self) -> str:
        """What happens to this document next."""
        if self.stored:
            return "stored with this status"
        if self.reason.startswith(("unreadable", "pending")):
            return "tried again on the next run"
        if self.earlier:
            return "failed in an earlier run; not retried until it changes, or --retry-failed"
        return "not stored; not retried until it changes, or --retry-failed"


@dataclass
class RunSummary:
    """Totals of an ingest run: processed, skipped, failed, and where the time went."""

    corpus: str
    found: int = 0
    processed: int = 0
    skipped: int = 0
    duplicates: int = 0
    failed: list[Failure] = field(default_factory=list)
    seconds: float = 0.0
    processing_seconds: float = 0.0  # wall time of the per-document phase
    stage_seconds: dict[str, float] = field(default_factory=dict)
    task_runner: str = "local"
    workers: int = 1
    document_seconds: dict[str, float] = field(default_factory=dict)  # file -> seconds
    renamed: list[str] = field(default_factory=list)  # stored documents found under a new path
    gone: list[str] = field(default_factory=list)  # stored documents whose file is gone
    peak_mb: float = 0.0  # peak resident memory of the run's own process (worker processes not included)
    reader_peak_mb: float = 0.0  # peak memory of the reader process (one local worker; 0: none ran)

    def add(self, outcome: DocumentOutcome) -> None:
        """Count one document's outcome."""
        for stage, secs in outcome.timings.items():
            self.stage_seconds[stage] = self.stage_seconds.get(stage, 0.0) + secs
        self.document_seconds[Path(outcome.file).name] = round(outcome.seconds, 3)
        if outcome.ok:
            self.processed += 1
            return
        reason = outcome.status if not outcome.error else f"{outcome.status}: {outcome.error}"
        self.failed.append(Failure(outcome.file, one_line(reason), outcome.stored))

    def to_dict(self) -> dict:
        """A JSON-ready dict."""
        return asdict(self)

    def lines(self) -> list[str]:
        """Human-readable lines: totals, per-stage seconds, then each failure."""
        out = [
            f"{self.found} PDF(s) in {self.corpus}: {self.processed} processed, "
            f"{self.skipped} unchanged (skipped), {len(self.failed)} failed"
            + (f", {self.duplicates} duplicate file(s)" if self.duplicates else ""),
            f"{self.seconds:.1f} s in all, {self.processing_seconds:.1f} s processing documents "
            f"({self.task_runner}, {self.workers} worker(s))"
            + (f"; peak memory {self.peak_mb:.0f} MB" if self.peak_mb else "")
            + (f" (reader process {self.reader_peak_mb:.0f} MB)" if self.reader_peak_mb else ""),
        ]
        if self.renamed:
            out.append(f"{len(self.renamed)} renamed file(s) followed (path updated)")
        out += [
            f"GONE {Path(p).name}: the file is gone; kept in the store, left out of the tables"
            for p in self.gone
        ]
        if self.stage_seconds:
            stages = ", ".join(f"{k} {v:.1f} s" for k, v in sorted(self.stage_seconds.items()))
            out.append(f"stage time summed over documents: {stages}")
        for failure in self.failed:
            out.append(f"FAILED {Path(failure.file).name}: {failure.reason} ({failure.note()})")
        return out


def start_summary(corpus: Path, plan: Plan, ledger: dict[str, dict[str, str]]) -> RunSummary:
    """The summary of a run before any document is processed: what was found and skipped,
    and the documents that failed in an earlier run and are not tried again."""
    summary = RunSummary(
        corpus=str(corpus), found=plan.total, skipped=len(plan.skipped), duplicates=len(plan.duplicates)
    )
    for item in plan.failed_before:
        reason = ledger.get(item.doc_id, {}).get("reason", "")
        summary.failed.append(Failure(item.path, one_line(f"failed: {reason}"), earlier=True))
    for path, reason in plan.unreadable:
        summary.failed.append(Failure(path, one_line(reason)))
    return summary


def save_summary(summary: RunSummary, path: Path) -> None:
    """Write the summary as JSON, atomically."""
    write_atomic(path, json.dumps(summary.to_dict(), indent=2, sort_keys=True))


def load_summary(path: Path) -> RunSummary:
    """Read a summary written by :func:`save_summary`."""
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    data["failed"] = [Failure(**f) for f in data.get("failed", [])]
    return RunSummary(**data)
