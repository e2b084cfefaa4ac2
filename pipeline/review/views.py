"""View models of the review pages: plain dicts and lists the templates render (escaped)."""

from __future__ import annotations

import math
from typing import Any
from urllib.parse import urlencode

import pandas as pd

from pipeline.review.data import ReviewData
from pipeline.tables.build import COUNT_COLUMNS
from pipeline.tables.names import TABLE_TITLES, label_name
from pipeline.tables.pivot import TASK_OF_TABLE, country_order, pivot_counts

HEAT_LEVELS = 5
PAGE_SIZE = 50
LIST_LIMIT = 300


def evidence_url(table: str, row: str, col: str) -> str:
    """The address of a cell's evidence list."""
    return "/evidence?" + urlencode({"table": table, "row": row, "col": col})


def heat_level(value: int, high: int) -> int:
    """A 0..5 shade for a count, relative to the table's highest count."""
    return 0 if value <= 0 or high <= 0 else max(1, math.ceil(HEAT_LEVELS * value / high))


def shared_countries(data: ReviewData) -> list[str]:
    """One country order for every matrix: by passages over all three, ``unknown`` last."""
    frames = [data.tables[name][["country", "passages"]] for name in TASK_OF_TABLE]
    return country_order(pd.concat(frames, ignore_index=True))


def matrix_view(data: ReviewData, name: str, countries: list[str] | None = None) -> dict:
    """A label x country table as rows of linked, shaded cells."""
    task = TASK_OF_TABLE[name]
    table = data.tables[name]
    countries = [c for c in countries or [] if c in set(table["country"])] or None
    counts = pivot_counts(table, task, columns=countries)
    docs = pivot_counts(table, task, "documents", countries) if not table.empty else counts
    high = int(counts.to_numpy().max()) if counts.size else 0
    rows = []
    for label in counts.index:
        cells = [
            {
                "country": c,
                "passages": int(counts.at[label, c]),
                "documents": int(docs.at[label, c]) if c in docs.columns else 0,
                "heat": heat_level(int(counts.at[label, c]), high),
                "url": evidence_url(name, label, c),
            }
            for c in counts.columns
        ]
        rows.append({"label": label, "name": label_name(label), "cells": cells})
    return {"name": name, "title": TABLE_TITLES[name], "countries": list(counts.columns), "rows": rows}


def records(table: pd.DataFrame) -> list[dict[str, Any]]:
    """Table rows as dicts, missing values as None."""
    return table.astype(object).where(table.notna(), None).to_dict("records")


def instrument_rows(data: ReviewData, country: str | None) -> list[dict[str, Any]]:
    """The instruments table rows, each with its evidence link (optionally one country)."""
    table = data.tables["instruments_by_country"]
    if country:
        table = table[table["country"] == country]
    rows = records(table)
    for r in rows:
        r["url"] = evidence_url("instruments_by_country", f"{r['type']}|{r['canonical_id']}", r["country"])
    return rows


def law_rows(data: ReviewData, country: str | None) -> list[dict[str, Any]]:
    """The law citation rows with evidence links (optionally one jurisdiction)."""
    table = data.tables["law_citations"]
    if country:
        table = table[table["jurisdiction"] == country]
    rows = records(table)
    for r in rows:
        r["url"] = evidence_url("law_citations", r["law_id"], r["document_id"])
    return rows


def document_rows(data: ReviewData) -> list[dict[str, Any]]:
    """The documents table rows with a linked count per mention label."""
    rows = records(data.tables["documents"])
    for r in rows:
        r["counts"] = [
            {
                "label": label,
                "column": column,
                "value": r[column],
                "url": evidence_url("documents", r["document_id"], label),
            }
            for label, column in COUNT_COLUMNS.items()
        ]
    return rows


def countries_of(data: ReviewData) -> list[str]:
    """Every country in the instruments table, for the filter."""
    return sorted(set(data.tables["instruments_by_country"]["country"]))


def index_view(data: ReviewData, country: str | None, show_all: bool = False) -> dict[str, Any]:
    """Everything the index page shows (long lists cut at :data:`LIST_LIMIT` rows unless
    ``show_all``)."""
    instruments, laws = instrument_rows(data, country), law_rows(data, country)
    limit = None if show_all else LIST_LIMIT
    order = shared_countries(data)
    return {
        "matrices": [matrix_view(data, name, order) for name in TASK_OF_TABLE],
        "instruments": instruments[:limit],
        "instruments_total": len(instruments),
        "laws": laws[:limit],
        "laws_total": len(laws),
        "documents": document_rows(data),
        "countries": countries_of(data),
        "country": country,
        "totals": {
            "documents": len(data.documents),
            "mentions": len(data.frames.mentions),
            "decisions": len(data.decisions),
            "orphans": len(data.frames.orphans),
        },
    }
