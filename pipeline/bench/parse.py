"""Benchmark: this reader against plain pdfplumber ``page.extract_text()`` on the same files.

Each (parser, file) runs in its own Python subprocess (``isolate=True``): the time is taken
inside the child around the parse alone (start-up and imports excluded) and the peak memory
is the child's peak resident set size (``VmHWM`` from /proc, else ``ru_maxrss``), so one
document's memory never hides in another's. ``isolate=False`` runs in this process and
measures no memory (for tests).
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.settings import peak_rss_mb

MEMORY_METHOD = "peak RSS (VmHWM) of a fresh subprocess per (parser, document)"


@dataclass
class Run:
    """One parser on one file."""

    pages: int = 0
    seconds: float = 0.0
    peak_mb: float | None = None
    status: str = "ok"
    error: str | None = None


@dataclass
class BenchRow:
    """Both parsers on one file."""

    file: str
    ours: Run
    plumber: Run


@dataclass
class BenchReport:
    """All rows and how memory was measured."""

    rows: list[BenchRow] = field(default_factory=list)
    memory_method: str = MEMORY_METHOD
    ocr: bool = False

    def pages_per_second(self, which: str) -> float:
        """Pages per second over the files both parsers read."""
        runs = [getattr(r, which) for r in self._comparable()]
        seconds = sum(x.seconds for x in runs)
        return sum(x.pages for x in runs) / seconds if seconds > 0 else 0.0

    def ratio(self) -> float:
        """How many times faster this reader is than pdfplumber (same files, same run)."""
        plumber = self.pages_per_second("plumber")
        return self.pages_per_second("ours") / plumber if plumber > 0 else 0.0

    def _comparable(self) -> list[BenchRow]:
        return [r for r in self.rows if r.ours.pages and r.plumber.pages and r.plumber.status == "ok"]


def time_ours(path: Path, ocr: bool = False) -> Run:
    """Parse with :func:`pipeline.ingest.read_pdf` and time it."""
    from pipeline.ingest import read_pdf  # lazy: pypdfium2; the pdfplumber subprocess never loads it

    start = time.perf_counter()
    result = read_pdf(path, ocr=ocr)
    seconds = time.perf_counter() - start
    doc = result.document
    return Run(doc.pages, seconds, None, doc.status, doc.error)


def time_plumber(path: Path) -> Run:
    """Plain pdfplumber text extraction, every page closed after use."""
    import pdfplumber

    start = time.perf_counter()
    pages = 0
    try:
        with pdfplumber.open(path) as pdf:
            for page in pdf.pages:
                page.extract_text()
                page.close()
                pages += 1
    except Exception as exc:  # noqa: BLE001 - a file pdfplumber cannot read is a result too
        return Run(pages, time.perf_counter() - start, None, "error", f"{type(exc).__name__}: {exc}"[:200])
    return Run(pages, time.perf_counter() - start)


def plumber_folder(folder: Path) -> dict[str, int]:
    """Plain pdfplumber ``extract_text`` over every PDF under ``folder`` (as ``sandingan
    run`` finds them), one after the other: the baseline of ``sandingan bench runs``."""
    files = sorted(p for p in Path(folder).rglob("*") if p.suffix.lower() == ".pdf" and p.is_file())
    runs = [time_plumber(path) for path in files]
    return {
        "files": len(files),
        "pages": sum(r.pages for r in runs),
        "errors": sum(r.status != "ok" for r in runs),
    }


def run_isolated(parser: str, path: Path, ocr: bool = False, timeout: float = 1800) -> Run:
    """Run one parser on one file in a fresh Python process; read its JSON answer."""
    cmd = [sys.executable, "-m", "pipeline.bench.parse", parser, str(path)] + (["--ocr"] if ocr else [])
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, check=False)
    except subprocess.TimeoutExpired:
        return Run(status="error", error=f"timed out after {timeout:.0f} s")
    lines = [ln for ln in proc.stdout.splitlines() if ln.startswith("{")]
    if proc.returncode != 0 or not lines:
        return Run(status="error", error=(proc.stderr.strip().splitlines() or ["no output"])[-1][:200])
    return Run(**json.loads(lines[-1]))


def bench_parse(paths: list[Path], ocr: bool = False, isolate: bool = True) -> BenchReport:
    """Time both parsers on every file, one file after the other."""
    report = BenchReport(ocr=ocr, memory_method=MEMORY_METHOD if isolate else "not measured")
    for path in paths:
        if isolate:
            ours, plumber = run_isolated("ours", path, ocr), run_isolated("plumber", path)
        else:
            ours, plumber = time_ours(path, ocr), time_plumber(path)
        report.rows.append(BenchRow(path.name, ours, plumber))
    return report


def format_report(report: BenchReport) -> str:
    """A plain-text table: per file pages, seconds, pages/s, peak memory; then totals."""
    head = f"{'file':48} {'pages':>5} {'ours s':>7} {'pdfplb s':>8} {'ours MB':>8} {'pdfplb MB':>9}  status"
    lines = [head, "-" * len(head)]
    for r in report.rows:
        lines.append(
            f"{r.file[:48]:48} {r.ours.pages:5d} {r.ours.seconds:7.2f} {r.plumber.seconds:8.2f} "
            f"{_mb(r.ours.peak_mb):>8} {_mb(r.plumber.peak_mb):>9}  {r.ours.status}"
        )
    ours, plumber = report.pages_per_second("ours"), report.pages_per_second("plumber")
    peaks = [r.ours.peak_mb for r in report.rows if r.ours.peak_mb is not None]
    lines += [
        "-" * len(head),
        f"this reader: {ours:.1f} pages/s   pdfplumber extract_text: {plumber:.1f} pages/s   "
        f"ratio: {report.ratio():.1f}x   (OCR {'on' if report.ocr else 'off'})",
        f"peak memory (this reader, largest document): {_mb(max(peaks) if peaks else None)} MB; "
        f"memory measured as {report.memory_method}",
    ]
    return "\n".join(lines)


def _mb(value: float | None) -> str:
    return "-" if value is None else f"{value:.0f}"


def _worker(argv: list[str]) -> None:
    parser, path = argv[0], Path(argv[1])
    if parser == "plumber-folder":
        print(json.dumps(plumber_folder(path) | {"peak_mb": round(peak_rss_mb(), 1)}))
        return
    run = time_ours(path, "--ocr" in argv) if parser == "ours" else time_plumber(path)
    run.peak_mb = round(peak_rss_mb(), 1)
    print(json.dumps(run.__dict__))


if __name__ == "__main__":
    _worker(sys.argv[1:])
