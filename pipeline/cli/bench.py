"""``sandingan bench parse [DIR]``: this PDF reader against plain pdfplumber, in one run;
``sandingan bench review``: milliseconds per review decision on a large store.

Times :func:`pipeline.ingest.read_pdf` and pdfplumber ``page.extract_text()`` on the same
files, one fresh subprocess per (parser, document), and prints pages/s of each, their ratio
and the peak memory (peak RSS of each subprocess).
"""

from __future__ import annotations

from pathlib import Path

import typer

from pipeline.bench.parse import bench_parse, format_report
from pipeline.bench.review import bench_review
from pipeline.bench.review import format_report as format_review
from pipeline.cli.apps import bench_app
from pipeline.settings import Settings, shared_root

SHARED_CORPUS = shared_root() / "corpus"


def default_corpus() -> Path:
    """../shared/corpus when present, else the project's sample folder."""
    return SHARED_CORPUS if SHARED_CORPUS.is_dir() else Settings().samples_dir


@bench_app.command("parse")
def parse(
    directory: Path = typer.Argument(None, help="Folder of PDFs (default: ../shared/corpus)."),
    ocr: bool = typer.Option(False, "--ocr/--no-ocr", help="Let the reader OCR pages that need it."),
    limit: int = typer.Option(0, help="Only the first N files (0: all)."),
) -> None:
    """Pages/s of this reader and of pdfplumber extract_text on the same files, and peak memory."""
    folder = directory or default_corpus()
    files = sorted(p for p in folder.glob("*") if p.is_file() and p.suffix.lower() == ".pdf")
    if limit:
        files = files[:limit]
    if not files:
        typer.echo(f"no PDF files in {folder}", err=True)
        raise typer.Exit(1)
    typer.echo(f"benchmarking {len(files)} files in {folder} ...", err=True)
    report = bench_parse(files, ocr=ocr, isolate=True)
    typer.echo(format_report(report))


@bench_app.command("review")
def review(
    passages: int = typer.Option(10_000, help="Passages in the synthetic store."),
    decisions: int = typer.Option(30, help="Queue decisions timed."),
    page_decisions: int = typer.Option(5, help="Page-flow decisions timed (each rebuilds the tables)."),
) -> None:
    """Milliseconds per review decision on a large store: the queue's in-page decision against
    the page flow that rebuilds the tables, in one run."""
    report = bench_review(passages, decisions, page_decisions)
    typer.echo(format_review(report))
