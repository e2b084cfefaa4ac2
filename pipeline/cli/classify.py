"""``sandingan classify``: passage labels for JSON Lines; ``sandingan bench classify``: speed."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TextIO

import typer

from pipeline.cli.apps import app, bench_app

BATCH = 64


def _records(stream: TextIO):
    """(line number, record or None, error message or None) for each non-empty input line."""
    for number, line in enumerate(stream, start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            if not isinstance(record, dict) or not isinstance(record.get("text"), str):
                raise ValueError('expected an object with a "text" string')
            yield number, record, None
        except ValueError as exc:
            yield number, None, str(exc).splitlines()[0]


def _flush(batch: list[dict], out: TextIO) -> None:
    from pipeline.classify import classify_texts

    for result in classify_texts(batch):
        out.write(json.dumps(result, ensure_ascii=False) + "\n")
    out.flush()
    batch.clear()


@app.command("classify")
def classify_command(
    input: Path = typer.Argument(None, help="JSON Lines file ({\"id\", \"text\", \"lang\"?} per "
                                             "line); standard input when omitted.",
                                 dir_okay=False),
    output: Path = typer.Option(None, "--output", "-o", help="Write here instead of stdout."),
) -> None:
    """Label passages: smart-city dimensions, policy-cycle stage, diffusion mechanism.

    Each output line is {"id", "dimensions": [{"label", "score", "method"}], "policy_stage":
    [...], "diffusion": [...]}. A bad input line gives one line on stderr and is skipped.
    """
    source = input.open(encoding="utf-8") if input else sys.stdin
    out = output.open("w", encoding="utf-8") if output else sys.stdout
    batch: list[dict] = []
    try:
        for number, record, error in _records(source):
            if error:
                typer.echo(f"sandingan classify: line {number}: {error}", err=True)
                continue
            batch.append(record)
            if len(batch) >= BATCH:
                _flush(batch, out)
        _flush(batch, out)
    finally:
        if input:
            source.close()
        if output:
            out.close()


@bench_app.command("classify")
def bench_classify_command(
    passages: int = typer.Option(200, help="How many passages to label."),
    gold: Path = typer.Option(None, help="Gold folder whose passages are used (default: "
                                         "generated passages)."),
    quantize: bool = typer.Option(True, help="int8 encoder (as in production)."),
    first_line: bool = typer.Option(True, help="Also time a fresh `sandingan classify` to "
                                    "its first line, lean loader vs transformers."),
) -> None:
    """Passages per second of the production dimension model on one core (inference only),
    and the time a fresh `sandingan classify` takes to answer its first line."""
    from pipeline.classify.bench import bench_classify, bench_first_line

    report = bench_classify(passages, gold, quantize)
    if first_line:
        report["first_line"] = bench_first_line()
    typer.echo(json.dumps(report, indent=2))
