"""``sandingan langid``: language of texts, JSON Lines in (stdin) and out (stdout).

Input lines are ``{"id": ..., "text": "..."}``; output lines are
``{"id": ..., "lang": "en|id|ms|other", "confidence": 0.97}`` in input order.

The input lines are one sequence, like the passages of one document in reading order:
a short or ambiguous line (a heading, a table cell, a name) is decided from the lines
around it, so the same text can get a different answer in a different neighbourhood.
Use ``--independent`` to judge every line alone. A line that is not a JSON object with
a string ``text`` gets a one-line error on stderr (with its line number) and no output;
the others are still answered, and the exit code is 1.
"""

from __future__ import annotations

import json
import sys
from typing import Any, TextIO

import typer

from pipeline.cli.apps import app
from pipeline.model import Passage

EXIT_BAD_INPUT = 1


def parse_line(line: str, number: int) -> tuple[Any, str]:
    """(id, text) of one input line; ValueError with a short reason when it is unusable."""
    try:
        record = json.loads(line)
    except json.JSONDecodeError as error:
        raise ValueError(f"not JSON ({error.msg})") from None
    if not isinstance(record, dict):
        raise ValueError("not a JSON object")
    text = record.get("text")
    if not isinstance(text, str):
        raise ValueError('no string "text" field')
    return record.get("id", number), text


def read_records(stream: TextIO, errors: TextIO) -> tuple[list[tuple[Any, str]], int]:
    """The usable (id, text) records of a JSON Lines stream, and how many lines were bad."""
    records: list[tuple[Any, str]] = []
    bad = 0
    for number, line in enumerate(stream, start=1):
        if not line.strip():
            continue
        try:
            records.append(parse_line(line, number))
        except ValueError as error:
            bad += 1
            errors.write(f"sandingan langid: line {number}: {error}\n")
    return records, bad


def label_records(records: list[tuple[Any, str]], independent: bool,
                  document_hint: str | None) -> list[dict[str, Any]]:
    """Output records, in input order."""
    from pipeline.langid import assign_languages, detect_language

    if independent:
        results = [detect_language(text) for _, text in records]
    else:
        passages = [Passage(id=str(i), document_id="stdin", page=0, text=text)
                    for i, (_, text) in enumerate(records)]
        assign_languages(passages, document_hint=document_hint)
        results = [(p.lang, p.lang_confidence) for p in passages]
    return [{"id": rid, "lang": lang, "confidence": round(conf, 3)}
            for (rid, _), (lang, conf) in zip(records, results, strict=True)]


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
    records, bad = read_records(sys.stdin, sys.stderr)
    for record in label_records(records, independent, document_hint):
        sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
    if bad:
        raise typer.Exit(EXIT_BAD_INPUT)
