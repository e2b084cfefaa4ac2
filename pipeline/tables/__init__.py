"""Comparison tables built from the store, with review decisions applied, and their exports.

``build_tables(store)`` returns the six tables (see :mod:`pipeline.tables.build`);
``export_tables(tables, out_dir)`` writes them (see :mod:`pipeline.tables.export`);
``evidence_frame(frames)`` is the long-form cell -> evidence frame both are counted from
and the review page lists; ``passage_countries`` is the passage-country rule
(:mod:`pipeline.tables.country`).
"""

from __future__ import annotations

import pandas as pd

from pipeline.tables.build import TABLE_NAMES, build_tables, tables_from_frames
from pipeline.tables.country import UNKNOWN_COUNTRY, passage_countries
from pipeline.tables.decisions import apply_decisions
from pipeline.tables.evidence import evidence_frame
from pipeline.tables.export import export_tables
from pipeline.tables.frames import Frames, load_frames, load_orphans, make_frames

__all__ = [
    "TABLE_NAMES",
    "UNKNOWN_COUNTRY",
    "Frames",
    "apply_decisions",
    "build_tables",
    "evidence_frame",
    "export_tables",
    "load_frames",
    "load_orphans",
    "make_frames",
    "passage_countries",
    "table_records",
    "tables_from_frames",
]


def table_records(table: pd.DataFrame, limit: int = 500) -> list[dict]:
    """The first ``limit`` rows of a table as JSON-ready dicts (e.g. for a Prefect table
    artifact): missing values as None, numbers as Python numbers."""
    head = table.head(limit).astype(object)
    head = head.where(head.notna(), None)
    return head.to_dict("records")
