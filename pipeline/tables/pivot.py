"""Label x country tables as matrices, for the heat map, the summary and the review page."""

from __future__ import annotations

import pandas as pd

from pipeline.records import TASK_LABELS
from pipeline.tables.country import UNKNOWN_COUNTRY

TASK_OF_TABLE = {
    "dimension_by_country": "dimension",
    "policy_stage_by_country": "policy_stage",
    "diffusion_by_country": "diffusion",
}


def country_order(table: pd.DataFrame, value: str = "passages") -> list[str]:
    """Countries by total ``value`` (largest first, then by code), ``unknown`` last."""
    if table.empty:
        return []
    totals = table.groupby("country")[value].sum()
    known = sorted((c for c in totals.index if c != UNKNOWN_COUNTRY), key=lambda c: (-totals[c], c))
    return known + ([UNKNOWN_COUNTRY] if UNKNOWN_COUNTRY in totals.index else [])


def pivot_counts(
    table: pd.DataFrame, task: str, value: str = "passages", columns: list[str] | None = None
) -> pd.DataFrame:
    """A ``<task>`` x country table as a matrix of ``value``: every label of the task as a
    row (zeros included), countries as columns (``columns``, else :func:`country_order`)."""
    rows = list(TASK_LABELS[task])
    extra = [x for x in table[task].unique() if x not in rows] if not table.empty else []
    columns = country_order(table, value) if columns is None else columns
    if table.empty:
        return pd.DataFrame(0, index=rows, columns=columns, dtype="int64")
    matrix = table.pivot_table(index=task, columns="country", values=value, aggfunc="sum")
    matrix = matrix.reindex(index=rows + sorted(extra), columns=columns)
    return matrix.fillna(0).astype("int64")


def pivot_values(table: pd.DataFrame, task: str, value: str, columns: list[str]) -> pd.DataFrame:
    """A ``<task>`` x country matrix of a float column (e.g. ``document_share``), zeros
    where a cell has no evidence, in the row order of :func:`pivot_counts`."""
    rows = list(TASK_LABELS[task])
    if table.empty or value not in table:
        return pd.DataFrame(0.0, index=rows, columns=columns)
    extra = [x for x in table[task].unique() if x not in rows]
    matrix = table.pivot_table(index=task, columns="country", values=value, aggfunc="sum")
    return matrix.reindex(index=rows + sorted(extra), columns=columns).fillna(0.0).astype(float)
