"""JSON Lines in and out for the text commands (``langid``, ``classify``).

Every non-empty input line gets exactly one output line, in input order: the command's
result, or ``{"id", "line", "error"}`` for a line it cannot use (not UTF-8, not JSON, too
deeply nested, not an object with a string ``text``). A record without an ``id`` gets its
line number; an id that JSON cannot carry (NaN, infinity) gets its line number too, with
an error. Lone surrogates in a text become U+FFFD. Output is always valid UTF-8 JSON.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any, BinaryIO, TextIO

_SURROGATE = re.compile("[\ud800-\udfff]")
MAX_REASON = 120


@dataclass
class Line:
    """One input line: its number, and either a usable record or the reason it is not."""

    number: int
    record: dict[str, Any] | None = None
    error: str | None = None

    @property
    def id(self) -> Any:
        """The id the output line carries: the record's own, else the line number."""
        if self.record is not None and "id" in self.record and _carriable(self.record["id"]):
            return self.record["id"]
        return self.number

    @property
    def usable_record(self) -> dict[str, Any]:
        """The record of a line that can be used (``error`` None: it always has one)."""
        if self.record is None:
            raise ValueError(f"line {self.number} has no record ({self.error})")
        return self.record


def _carriable(value: Any) -> bool:
    """Whether a value can be written as an id in strict JSON."""
    if isinstance(value, float):
        return math.isfinite(value)
    return isinstance(value, str | int | bool) or value is None


def clean_text(text: str) -> str:
    """The text with lone surrogates (not encodable as UTF-8) replaced by U+FFFD."""
    return _SURROGATE.sub("\ufffd", text)


def parse_line(raw: bytes, number: int, fields: dict[str, type] | None = None) -> Line:
    """One input line as a :class:`Line`; ``fields`` are optional keys and the types they
    must have when present (``text`` must always be a string)."""
    try:
        record = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        return Line(number, error="not UTF-8 text")
    except RecursionError:
        return Line(number, error="JSON nested too deeply")
    except ValueError as error:
        return Line(number, error=f"not JSON ({getattr(error, 'msg', error)})")
    if not isinstance(record, dict):
        return Line(number, error="not a JSON object")
    if not isinstance(record.get("text"), str):
        return Line(number, record, 'no string "text" field')
    if "id" in record and not _carriable(record["id"]):
        return Line(number, record, "the id is not a string, a whole number or a finite number")
    for key, kind in (fields or {}).items():
        if record.get(key) is not None and not isinstance(record[key], kind):
            return Line(number, record, f'"{key}" must be {kind.__name__}')
    record["text"] = clean_text(record["text"])
    return Line(number, record)


def read_lines(stream: BinaryIO, fields: dict[str, type] | None = None) -> Iterator[Line]:
    """The non-empty lines of a byte stream, parsed (see :func:`parse_line`)."""
    for number, raw in enumerate(stream, start=1):
        if raw.strip():
            yield parse_line(raw, number, fields)


def error_record(line: Line) -> dict[str, Any]:
    """The output line of an unusable input line."""
    return {"id": line.id, "line": line.number, "error": (line.error or "")[:MAX_REASON]}


def write_records(records: Iterable[dict[str, Any]], out: TextIO) -> None:
    """Write records as JSON lines (strict JSON, UTF-8 safe)."""
    for record in records:
        out.write(json.dumps(record, ensure_ascii=False, allow_nan=False) + "\n")
    out.flush()


def report(command: str, line: Line, errors: TextIO) -> None:
    """One line on stderr for an unusable input line."""
    errors.write(f"sandingan {command}: line {line.number}: {line.error}\n")
