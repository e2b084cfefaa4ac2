"""``sandingan langid``: language of texts, JSON Lines in (stdin) and out (stdout).

Input lines are ``{"id": ..., "text": "..."}``; output lines are
``{"id": ..., "lang": "en|id|ms|other", "confidence": 0.97}`` in input order.

The input lines are one sequence, like the passages of one document in reading order:
a short or ambiguous line (a heading, a table cell, a name) is decided from the lines
around it, so the same text can get a different answer in a different neighbourhood.
Use ``--independent`` to judge every line alone. A line that cannot be used (not UTF-8,
not JSON, not an object with a string ``text``) gets ``{"id", "line", "error"}`` in its place
and a line on stderr; the others are still answered, and the exit code is 1.
"""

from __future__ import annotations

import sys
from typing import Any

import typer

from pipeline.cli.apps import app
from pipeline.cli.jsonlines import Line, error_record, read_lines, report, write_records
from pipeline.langid import assign_languages, detect_language
from pipeline.records import Passage

EXIT_BAD_INPUT = 1


def label_records(
    records: list[tuple[Any, str]], independent: bool, document_hint: str | None
) -> list[dict[str, Any]]:
    """Output records, in input order."""
    if independent:
        results = [detect_language(text) for _, text in records]
    else:
        passages = [
            Passage(id=str(i), document_id="stdin", page=0, text=text) for i, (_, text) in enumerate(records)
        ]
        assign_languages(passages, document_hint=document_hint)
        results = [(p.lang, p.lang_confidence) for p in passages]
    return [
        {"id": rid, "lang": lang, "confidence": round(conf, 3)}
        for (rid, _), (lang, conf) in zip(records, results, strict=True)
    ]


def answer(
    lines: list[Line],
    independent: bool,
    document_hint: str | None,
) -> list[dict[str, Any]]:
    """One output record per input line, in order: a language or an error."""
    good = [line for line in lines if line.error is None]
    labelled = iter(
        label_records([(line.id, line.usable_record["text"]) for line in good], independent, document_hint)
    )
    return [next(labelled) if line.error is None else error_record(line) for line in lines]


@app.command("langid")
def langid_command(
    independent: bool = typer.Option(
        False, "--independent", help="Judge every line alone instead of as one sequence."
    ),
    document_hint: str = typer.Option(
        None, "--document-hint", help="Language of the whole input (en, id, ms, other), if known."
    ),
) -> None:
    """Language of each JSON line on stdin ({"id", "text"}), as JSON lines on stdout.

    Lines are one sequence (a document in reading order): short lines take their
    neighbours' language, with a confidence of at most 0.6.
    """
    lines = list(read_lines(sys.stdin.buffer))
    for line in lines:
        if line.error:
            report("langid", line, sys.stderr)
    write_records(answer(lines, independent, document_hint), sys.stdout)
    if any(line.error for line in lines):
        raise typer.Exit(EXIT_BAD_INPUT)
