"""JSON Lines reading and writing shared by the text commands: one answer per line."""

from __future__ import annotations

import io
import json

import pytest

from pipeline.cli.jsonlines import clean_text, error_record, parse_line, read_lines, write_records


@pytest.mark.parametrize(
    "raw, reason",
    [
        (b"\xff\xfe", "not UTF-8 text"),
        (b"[" * 50_000 + b"]" * 50_000, "JSON nested too deeply"),
        (b"{oops", "not JSON (Expecting property name enclosed in double quotes)"),
        (b'"a string"', "not a JSON object"),
        (b'{"id": 1}', 'no string "text" field'),
        (b'{"id": NaN, "text": "x"}', "the id is not a string, a whole number or a finite number"),
        (b'{"id": [1], "text": "x"}', "the id is not a string, a whole number or a finite number"),
    ],
)
def test_unusable_lines_say_why(raw: bytes, reason: str) -> None:
    assert parse_line(raw, 3).error == reason


def test_ids_are_kept_or_the_line_number() -> None:
    assert parse_line(b'{"id": "a", "text": "x"}', 3).id == "a"
    assert parse_line(b'{"text": "x"}', 3).id == 3
    assert parse_line(b'{"id": Infinity, "text": "x"}', 9).id == 9


def test_field_types_are_checked_when_present() -> None:
    assert parse_line(b'{"text": "x", "page": 2}', 1, {"page": int}).error is None
    assert parse_line(b'{"text": "x", "page": null}', 1, {"page": int}).error is None
    assert parse_line(b'{"text": "x", "page": "2"}', 1, {"page": int}).error == '"page" must be int'


def test_lone_surrogates_become_replacement_characters() -> None:
    line = parse_line(b'{"text": "a\\ud800b"}', 1)
    assert line.record["text"] == "a\ufffdb" == clean_text("a\ud800b")


def test_blank_lines_are_skipped_and_numbers_kept() -> None:
    lines = list(read_lines(io.BytesIO(b'{"text": "a"}\n\n  \n{"text": "b"}\n')))
    assert [line.number for line in lines] == [1, 4]


def test_output_is_strict_json_and_errors_carry_their_line() -> None:
    out = io.StringIO()
    write_records([error_record(parse_line(b"{", 5)), {"id": "x", "lang": "id"}], out)
    records = [json.loads(x) for x in out.getvalue().splitlines()]
    assert records[0]["id"] == 5 and records[0]["line"] == 5
    assert records[1] == {"id": "x", "lang": "id"}
    with pytest.raises(ValueError):
        write_records([{"id": float("nan")}], io.StringIO())
