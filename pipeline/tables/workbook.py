"""The XLSX workbook: one sheet per table, readable headers, frozen first row, fitted widths."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from pipeline.tables.names import TABLE_TITLES, header

MIN_WIDTH, MAX_WIDTH = 8, 70
EXCEL_CELL_LIMIT = 32767
HEADER_FILL = PatternFill("solid", fgColor="DDE5EE")


def cell_value(value: Any) -> Any:
    """A value Excel accepts: None for missing, plain numbers, text without control chars."""
    if value is None or value is pd.NA or (isinstance(value, float) and value != value):
        return None
    if hasattr(value, "item"):  # numpy scalar
        value = value.item()
    if isinstance(value, (bool, int, float)):
        return value
    text = ILLEGAL_CHARACTERS_RE.sub("", str(value))
    return text[:EXCEL_CELL_LIMIT]


def sheet_title(name: str) -> str:
    """The sheet name of a table: its readable title, at most 31 characters."""
    return TABLE_TITLES.get(name, name)[:31]


def _width(values: list[Any], title: str) -> int:
    """A column width that fits its header and the longest line of its first rows."""
    longest = len(title)
    for value in values[:500]:
        if value is not None:
            longest = max(longest, max(len(line) for line in str(value).split("\n")))
    return max(MIN_WIDTH, min(MAX_WIDTH, longest + 2))


def _format_sheet(ws: Worksheet, titles: list[str], columns: list[list[Any]]) -> None:
    """Bold header, frozen first row, autofilter, fitted widths, wrapped long text."""
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(vertical="top", wrap_text=True)
    ws.freeze_panes = "A2"
    if ws.max_row > 1:
        ws.auto_filter.ref = ws.dimensions
    for i, (title, values) in enumerate(zip(titles, columns, strict=True), start=1):
        width = _width(values, title)
        ws.column_dimensions[get_column_letter(i)].width = width
        wrap = width >= MAX_WIDTH or any(isinstance(v, str) and "\n" in v for v in values[:500])
        if wrap:
            for row in ws.iter_rows(min_row=2, min_col=i, max_col=i):
                row[0].alignment = Alignment(vertical="top", wrap_text=True)


def add_sheet(wb: Workbook, name: str, table: pd.DataFrame) -> Worksheet:
    """Append ``table`` as a formatted sheet."""
    ws = wb.create_sheet(sheet_title(name))
    titles = [header(c) for c in table.columns]
    ws.append(titles)
    columns = [[cell_value(v) for v in table[c].tolist()] for c in table.columns]
    for row in zip(*columns, strict=True) if columns else []:
        ws.append(list(row))
    for row in ws.iter_rows(min_row=2):
        for cell in row:
            if cell.data_type == "f":  # text from a PDF that starts with "=" is not a formula
                cell.data_type = "s"
    _format_sheet(ws, titles, columns)
    return ws


def write_workbook(tables: dict[str, pd.DataFrame], path: Path) -> None:
    """Write one sheet per table to ``path`` (XLSX)."""
    wb = Workbook()
    wb.remove(wb.active)
    for name, table in tables.items():
        add_sheet(wb, name, table)
    if not wb.sheetnames:
        wb.create_sheet("Empty")
    wb.save(path)
