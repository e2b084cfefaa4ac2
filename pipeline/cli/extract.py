"""``sandingan extract FILE.pdf``: one document to JSON on stdout, no Prefect involved."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import typer

from pipeline.cli.apps import app
from pipeline.records import DocumentResult
from pipeline.settings import Settings

EXIT_UNREADABLE = 3
EXIT_USAGE = 2


def _error_line(result: DocumentResult) -> str:
    """The one-line message for a document that could not be read."""
    doc = result.document
    return f"sandingan: {doc.file}: {doc.status}: {doc.error or 'unreadable'}"


@app.command("extract")
def extract_command(
    file: Path = typer.Argument(..., help="A PDF file.", dir_okay=False),
    password: str = typer.Option(None, help="User password of an encrypted PDF."),
    ocr: bool = typer.Option(
        None,
        "--ocr/--no-ocr",
        help="OCR pages without a usable text layer (Tesseract). Default: on, unless SANDINGAN_OCR=0.",
    ),
    indent: int = typer.Option(None, help="Pretty-print with this indent."),
) -> None:
    """Parse, extract and classify one PDF; print the JSON contract on stdout.

    A file that cannot be read still prints its JSON (status and error), writes one
    line on stderr and exits with code 3.
    """
    from pipeline.process import process_pdf, to_contract  # lazy: spaCy, torch (~2.6 s)

    ocr = Settings().ocr if ocr is None else ocr
    if not file.is_file():
        typer.echo(f"sandingan: {file}: no such file", err=True)
        raise typer.Exit(EXIT_USAGE)
    try:
        result = process_pdf(file, password=password, ocr=ocr)
    except Exception as exc:  # a bug, not a bad file: still one line, never a traceback
        typer.echo(f"sandingan: {file.name}: internal error: {type(exc).__name__}: {exc}", err=True)
        raise typer.Exit(1) from None
    json.dump(to_contract(result), sys.stdout, ensure_ascii=False, indent=indent)
    sys.stdout.write("\n")
    if result.document.status not in ("ok", "needs_ocr", "no_text"):
        typer.echo(_error_line(result), err=True)
        raise typer.Exit(EXIT_UNREADABLE)
