"""The ``tables`` flow: build the comparison tables from the store, export them, publish artifacts.

Exports are written atomically by :func:`pipeline.tables.export_tables`; a stamp file records
which store state the exports were built from, so an unchanged store needs no rebuild.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import TYPE_CHECKING, Any

from prefect import flow, get_run_logger, task
from prefect.artifacts import create_table_artifact
from prefect.cache_policies import NO_CACHE

from pipeline.flows.exports import write_tables
from pipeline.settings import Settings

if TYPE_CHECKING:
    import pandas as pd

ARTIFACT_TABLES = ("dimension_by_country", "instruments_by_country", "documents", "law_citations")
ARTIFACT_ROWS = 200


def _cell(value: Any) -> Any:
    """A table cell as a JSON value for an artifact."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if isinstance(value, (str, int, float, bool)):
        return value
    return str(value)


def artifact_rows(table: pd.DataFrame, limit: int = ARTIFACT_ROWS) -> list[dict[str, Any]]:
    """The first ``limit`` rows of a table as JSON-ready records."""
    head = table.head(limit)
    return [{str(k): _cell(v) for k, v in row.items()} for row in head.to_dict(orient="records")]


@task(name="publish-table-artifacts", cache_policy=NO_CACHE)
def publish_artifacts(tables: dict[str, pd.DataFrame]) -> list[str]:
    """One Prefect table artifact per main table (first rows), so the UI shows the results."""
    keys = []
    for name in ARTIFACT_TABLES:
        if name in tables:
            key = f"sandingan-{name.replace('_', '-')}"
            create_table_artifact(
                table=artifact_rows(tables[name]),
                key=key,
                description=f"Sandingan `{name}` (first {ARTIFACT_ROWS} rows of {len(tables[name])})",
            )
            keys.append(key)
    return keys


@flow(name="tables")
def tables_flow(out_dir: str | None = None, artifacts: bool = True) -> list[str]:
    """Rebuild the comparison tables from the store into ``out_dir``; return the files written."""
    settings = Settings(out_dir=Path(out_dir)) if out_dir else Settings()
    out = settings.out_dir.resolve()
    out.mkdir(parents=True, exist_ok=True)
    tables, paths = write_tables(settings.database_url, out)
    if artifacts:
        publish_artifacts(tables)
    get_run_logger().info("wrote %d table file(s) to %s", len(paths), out)
    return [str(p) for p in paths]
