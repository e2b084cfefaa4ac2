"""``sandingan classify``: passage labels for JSON Lines; ``sandingan bench classify``: speed."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TextIO

import typer

from pipeline.bench.classify import (
    bench_classify,
    bench_first_line,
    bench_serving,
    generated_passages,
    pdf_passages,
)
from pipeline.classify import classify_texts
from pipeline.cli.apps import app, bench_app
from pipeline.cli.jsonlines import Line, error_record, read_lines, report, write_records

BATCH = 64


FIELDS = {"lang": str, "language": str, "document_id": str, "page": int}
EXIT_BAD_INPUT = 1


def _flush(batch: list[Line], out: TextIO) -> None:
    """Label a batch of usable lines and write their results (ids: the line's id)."""
    if not batch:
        return
    results = classify_texts([line.usable_record for line in batch])
    write_records(({**result, "id": line.id} for line, result in zip(batch, results, strict=True)), out)
    batch.clear()


@app.command("classify")
def classify_command(
    input: Path = typer.Argument(
        None,
        help='JSON Lines file ({"id", "text", "lang"?} per line); standard input when omitted.',
        dir_okay=False,
    ),
    output: Path = typer.Option(None, "--output", "-o", help="Write here instead of stdout."),
) -> None:
    """Label passages: smart-city dimensions, policy-cycle stage, diffusion mechanism.

    Each output line is {"id", "fragment", "dimensions": [{"label", "score", "method"}],
    "policy_stage": [...], "diffusion": [...]}, one per input line and in input order; a
    record without an id gets its line number. A line that cannot be used gets
    {"id", "line", "error"} in its place and a line on stderr, and the exit code is 1.
    """
    source = input.open("rb") if input else sys.stdin.buffer
    out = output.open("w", encoding="utf-8") if output else sys.stdout
    batch: list[Line] = []
    bad = False
    try:
        for line in read_lines(source, FIELDS):
            if line.error:
                bad = True
                _flush(batch, out)  # keep the output in input order
                report("classify", line, sys.stderr)
                write_records([error_record(line)], out)
                continue
            batch.append(line)
            if len(batch) >= BATCH:
                _flush(batch, out)
        _flush(batch, out)
    finally:
        if input:
            source.close()
        if output:
            out.close()
    if bad:
        raise typer.Exit(EXIT_BAD_INPUT)


@bench_app.command("classify")
def bench_classify_command(
    passages: int = typer.Option(200, help="How many passages to label."),
    gold: Path = typer.Option(
        None, help="Gold folder whose passages are used (default: generated passages)."
    ),
    quantize: bool = typer.Option(True, help="int8 encoder (as in production)."),
    first_line: bool = typer.Option(
        True, help="Also time a fresh `sandingan classify` to its first line, lean loader vs transformers."
    ),
    pdfs: Path = typer.Option(
        None, help="Take the passages from the PDFs of this folder (substantive ones, evenly spaced)."
    ),
    dtypes: str = typer.Option(
        "",
        help="Comma-separated serving types (float32, bfloat16, int8) of the production model to "
        "time alternately on the same passages, with the decisions each changes against the first.",
    ),
    rounds: int = typer.Option(2, help="Timed rounds of each serving type (with --dtypes)."),
) -> None:
    """Passages per second of the production dimension model on one core (inference only),
    and the time a fresh `sandingan classify` takes to answer its first line."""
    if dtypes:
        chosen = [d.strip() for d in dtypes.split(",") if d.strip()]
        texts = pdf_passages(pdfs, passages) if pdfs else generated_passages(passages)
        report = bench_serving(texts, chosen, rounds)
        if first_line:
            report["first_line"] = bench_first_line()
        typer.echo(json.dumps(report, indent=2))
        return
    report = bench_classify(passages, gold, quantize, pdf_dir=pdfs)
    if first_line:
        report["first_line"] = bench_first_line()
    typer.echo(json.dumps(report, indent=2))
