"""The Markdown summary of the tables: matrices of counts and the main instruments."""

from __future__ import annotations

import pandas as pd

from pipeline.tables.names import HEADERS, TABLE_TITLES, label_name
from pipeline.tables.pivot import TASK_OF_TABLE, pivot_counts

TOP_INSTRUMENTS = 10


def md_cell(value: object) -> str:
    """A value as one Markdown table cell: one line, pipes escaped."""
    if value is None or value is pd.NA or (isinstance(value, float) and value != value):
        return ""
    return " ".join(str(value).split()).replace("|", "\\|")


def md_table(frame: pd.DataFrame) -> str:
    """A DataFrame as a Markdown table with readable headers."""
    head = "| " + " | ".join(md_cell(HEADERS.get(str(c), c)) for c in frame.columns) + " |"
    rule = "|" + "|".join("---" for _ in frame.columns) + "|"
    body = ["| " + " | ".join(md_cell(v) for v in row) + " |" for row in frame.itertuples(index=False)]
    return "\n".join([head, rule, *body])


def matrix_section(table: pd.DataFrame, name: str) -> str:
    """A label x country table as a Markdown matrix of passage counts."""
    task = TASK_OF_TABLE[name]
    matrix = pivot_counts(table, task)
    if matrix.shape[1] == 0:
        return f"## {TABLE_TITLES[name]}\n\nNo evidence yet.\n"
    frame = matrix.reset_index(names=task)
    frame[task] = frame[task].map(label_name)
    return f"## {TABLE_TITLES[name]} (passages)\n\n{md_table(frame)}\n"


def instruments_section(table: pd.DataFrame) -> str:
    """The most mentioned instruments of each country."""
    lines = [f"## {TABLE_TITLES['instruments_by_country']}\n"]
    if table.empty:
        return lines[0] + "\nNo instruments yet.\n"
    for country, group in table.groupby("country", sort=False):
        top = group.sort_values("mentions", ascending=False).head(TOP_INSTRUMENTS)
        lines.append(f"### {country} ({len(group)} instruments)\n")
        lines.append(md_table(top[["type", "name", "canonical_id", "documents", "mentions"]]) + "\n")
    return "\n".join(lines)


def overview(tables: dict[str, pd.DataFrame]) -> str:
    """One paragraph of totals."""
    docs = tables.get("documents", pd.DataFrame())
    instruments = tables.get("instruments_by_country", pd.DataFrame())
    laws = tables.get("law_citations", pd.DataFrame())
    usable = int((docs["status"] == "ok").sum()) if "status" in docs else 0
    reviewed = int(instruments["reviewed"].sum()) if "reviewed" in instruments else 0
    fragments = int(docs["fragments"].sum()) if "fragments" in docs else 0
    off_topic = int((~docs["relevant"].astype(bool)).sum()) if "relevant" in docs else 0
    return (
        f"{len(docs)} documents ({usable} read without problems), "
        f"{len(instruments)} instrument-country rows ({reviewed} reviewed mentions), "
        f"{laws['law_id'].nunique() if 'law_id' in laws else 0} distinct laws cited.\n\n"
        f"Left out of the label tables: {fragments} fragments (passages that state "
        f"nothing: numbers, single words, headings, header cells) and the passages of "
        f"{off_topic} off-topic documents (listed in `documents`, column `relevant`).\n"
    )


def summary_markdown(tables: dict[str, pd.DataFrame]) -> str:
    """The whole summary: totals, the three matrices and the instruments per country."""
    parts = ["# Sandingan comparison tables\n", overview(tables)]
    for name in TASK_OF_TABLE:
        if name in tables:
            parts.append(matrix_section(tables[name], name))
    if "instruments_by_country" in tables:
        parts.append(instruments_section(tables["instruments_by_country"]))
    return "\n".join(parts)
