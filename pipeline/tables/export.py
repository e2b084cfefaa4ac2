"""Write the tables: Parquet and CSV per table, an XLSX workbook, a Markdown summary and a
PNG heat map, each written to a temporary file in the same folder and then renamed, so a
reader never sees half a file."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from functools import partial
from pathlib import Path

import pandas as pd

from pipeline.tables.heatmap import write_heatmap
from pipeline.tables.summary import summary_markdown
from pipeline.tables.workbook import write_workbook

WORKBOOK_NAME = "sandingan_tables.xlsx"
SUMMARY_NAME = "summary.md"
HEATMAP_NAME = "heatmap_dimension_by_country.png"


def _file_mode() -> int:
    """The mode a new file gets under the process umask (mkstemp would give 0600)."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


FILE_MODE = _file_mode()


def atomic_write(path: Path, write: Callable[[Path], object]) -> Path:
    """Call ``write(tmp)`` on a temporary file beside ``path``, then rename it to ``path``."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=path.suffix, dir=path.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        write(tmp)
        os.chmod(tmp, FILE_MODE)
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
    return path


def atomic_write_text(path: Path, text: str) -> Path:
    """Write ``text`` (UTF-8) to ``path`` atomically."""
    return atomic_write(path, lambda tmp: tmp.write_text(text, encoding="utf-8"))


def _write_parquet(table: pd.DataFrame, tmp: Path) -> None:
    """Write a table as Parquet to ``tmp``."""
    _parquet_ready(table).to_parquet(tmp, index=False)


def _write_csv(table: pd.DataFrame, tmp: Path) -> None:
    """Write a table as formula-safe CSV to ``tmp``."""
    Path(tmp).write_bytes(csv_bytes(table))


def _parquet_ready(table: pd.DataFrame) -> pd.DataFrame:
    """The table with object columns of mixed values made text, so Arrow can write it."""
    out = table.copy()
    for column in out.columns:
        if out[column].dtype == object:
            out[column] = out[column].map(lambda v: None if v is None or v is pd.NA else str(v))
    return out


FORMULA_LEADS = ("=", "+", "-", "@", "\t", "\r")


def csv_safe(table: pd.DataFrame) -> pd.DataFrame:
    """The table with every text cell that a spreadsheet would run as a formula (it begins
    with ``= + - @``, a tab or a carriage return) prefixed with an apostrophe, as OWASP
    advises for CSV downloads; numbers and other cells are untouched."""

    def guard(value):
        return "'" + value if isinstance(value, str) and value.startswith(FORMULA_LEADS) else value

    out = table.copy()
    for column in out.columns:
        if not pd.api.types.is_numeric_dtype(out[column]):
            out[column] = out[column].map(guard)
    return out


def csv_bytes(table: pd.DataFrame) -> bytes:
    """A table as the CSV the exports and the review page's downloads give (UTF-8 with BOM,
    CRLF line ends, so a cell holding a carriage return is quoted;
    formula-safe)."""
    return csv_safe(table).to_csv(index=False, lineterminator="\r\n").encode("utf-8-sig")


def export_tables(tables: dict[str, pd.DataFrame], out_dir: Path) -> list[Path]:
    """Write every export of ``tables`` into ``out_dir``; return the paths written.

    Per table ``<name>.parquet`` and ``<name>.csv`` (UTF-8 with BOM so spreadsheet programs
    read Indonesian text right; formula-safe, see :func:`csv_safe`); one workbook
    ``sandingan_tables.xlsx`` (a sheet per table); ``summary.md``; and
    ``heatmap_dimension_by_country.png``.
    """
    out_dir = Path(out_dir)
    written: list[Path] = []
    for name, table in tables.items():
        written.append(atomic_write(out_dir / f"{name}.parquet", partial(_write_parquet, table)))
        written.append(atomic_write(out_dir / f"{name}.csv", partial(_write_csv, table)))
    written.append(atomic_write(out_dir / WORKBOOK_NAME, lambda tmp: write_workbook(tables, tmp)))
    written.append(atomic_write_text(out_dir / SUMMARY_NAME, summary_markdown(tables)))
    dimension = tables.get("dimension_by_country", pd.DataFrame(columns=["dimension", "country", "passages"]))
    written.append(atomic_write(out_dir / HEATMAP_NAME, lambda tmp: write_heatmap(dimension, tmp)))
    return written
