"""The passage-country rule: mentions, else table column, else the document's country."""

from __future__ import annotations

import pytest

from pipeline.tables.country import (
    country_from_header,
    dominant_country,
    passage_countries,
    table_country,
)


@pytest.mark.parametrize(
    ("mentions", "table", "document", "expected"),
    [
        (["ID"], None, None, ("ID",)),
        (["MY", "ID", "ID", None], "TH", "SG", ("ID", "MY")),  # most frequent first
        (["MY", "ID"], None, None, ("ID", "MY")),  # ties: alphabetical
        ([None], "TH", "ID", ("TH",)),  # no attributed mention: the table column
        ([], None, "ID", ("ID",)),  # else the document's country
        ([], None, None, ()),
    ],
)
def test_passage_countries_follow_the_rule_order(mentions, table, document, expected):
    assert passage_countries(mentions, table, document) == expected


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("Malaysia", "MY"),
        ("  Negara   Indonesia ", "ID"),
        ("Thailand 4.0", "TH"),
        ("ASEAN", "INT"),
        ("Singapura", "SG"),
        ("Indonesia and Malaysia", None),  # two countries: no single column country
        ("Dimension", None),
        (None, None),
    ],
)
def test_country_from_header(header, expected):
    assert country_from_header(header) == expected


def test_table_country_prefers_the_column_header():
    assert table_country({"col_header": "Thailand", "row_header": "Malaysia"}) == "TH"
    assert table_country({"col_header": "Programme", "row_header": "Malaysia"}) == "MY"
    assert table_country(None) is None


def test_dominant_country_ties_break_alphabetically():
    assert dominant_country(["MY", "ID", None, "MY", "ID"]) == "ID"
    assert dominant_country(["MY", "MY", "ID"]) == "MY"
    assert dominant_country([None]) is None
