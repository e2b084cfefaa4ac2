"""Exports written, then opened back: Parquet, CSV, XLSX, Markdown and the PNG heat map."""

from __future__ import annotations

import io
from pathlib import Path

import pandas as pd
import pytest
from matplotlib.image import imread
from openpyxl import load_workbook
from sample_store import build_sample_store, decide, mention_of

from pipeline.store import Store
from pipeline.tables import TABLE_NAMES, build_tables, export_tables
from pipeline.tables.export import HEATMAP_NAME, SUMMARY_NAME, WORKBOOK_NAME
from pipeline.tables.workbook import sheet_title


@pytest.fixture(scope="module")
def exported(tmp_path_factory) -> tuple[dict[str, pd.DataFrame], Path, list[Path]]:
    """The sample store's tables, exported once for the read-back tests of this module."""
    tmp = tmp_path_factory.mktemp("export")
    store = build_sample_store(tmp)
    tables = build_tables(store)
    store.dispose()
    out = tmp / "outputs"
    return tables, out, export_tables(tables, out)


def test_every_file_is_written_and_no_temporary_file_is_left(exported):
    _, out, written = exported
    expected = {f"{n}.{ext}" for n in TABLE_NAMES for ext in ("parquet", "csv")}
    expected |= {WORKBOOK_NAME, SUMMARY_NAME, HEATMAP_NAME}
    assert {p.name for p in written} == expected
    assert {p.name for p in out.iterdir()} == expected


def test_parquet_and_csv_read_back_as_the_tables(exported):
    tables, out, _ = exported
    for name, table in tables.items():
        back = pd.read_parquet(out / f"{name}.parquet")
        assert list(back.columns) == list(table.columns)
        assert len(back) == len(table)
        csv = pd.read_csv(out / f"{name}.csv", encoding="utf-8-sig")
        assert list(csv.columns) == list(table.columns)
        assert len(csv) == len(table)
    inst = pd.read_parquet(out / "instruments_by_country.parquet")
    assert inst["mentions"].sum() == tables["instruments_by_country"]["mentions"].sum()


def test_workbook_has_a_readable_sheet_per_table_with_frozen_header(exported):
    tables, out, _ = exported
    wb = load_workbook(out / WORKBOOK_NAME)
    assert wb.sheetnames == [sheet_title(n) for n in TABLE_NAMES]
    ws = wb[sheet_title("instruments_by_country")]
    assert ws.freeze_panes == "A2"
    headers = [c.value for c in ws[1]]
    assert headers[:4] == ["Country", "Type", "Canonical id", "Name"]
    assert ws.max_row == len(tables["instruments_by_country"]) + 1
    widths = [ws.column_dimensions[c].width for c in "ABCDEFGH"]
    assert all(8 <= w <= 70 for w in widths)
    assert ws[1][0].font.bold


def test_workbook_keeps_pdf_text_as_text(tmp_path: Path):
    table = pd.DataFrame({"name": ['=HYPERLINK("http://x")', "bell\x07char"], "n": [1, 2]})
    export_tables({"notes": table}, tmp_path)
    ws = load_workbook(tmp_path / WORKBOOK_NAME).active
    assert ws["A2"].data_type == "s" and ws["A2"].value.startswith("=HYPERLINK")
    assert ws["A3"].value == "bellchar"


def test_the_heat_map_is_a_png_image(exported):
    _, out, _ = exported
    path = out / HEATMAP_NAME
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    image = imread(path)
    assert image.ndim == 3 and image.shape[0] > 200 and image.shape[1] > 200


def test_the_summary_has_the_matrices_and_instruments(exported):
    _, out, _ = exported
    text = (out / SUMMARY_NAME).read_text(encoding="utf-8")
    assert text.startswith("# Sandingan comparison tables")
    assert "| Dimension | MY | ID |" in text or "| Dimension | ID | MY |" in text
    assert "| Smart governance | 2 | 2 |" in text
    assert "### MY" in text and "Malaysia Digital Economy Corporation" in text


def test_exported_workbook_reflects_a_review_decision(store: Store, tmp_path: Path):
    decide(store, mention_of(store, "MyDIGITAL"), "reject")
    export_tables(build_tables(store), tmp_path)
    ws = load_workbook(tmp_path / WORKBOOK_NAME)[sheet_title("instruments_by_country")]
    names = [row[3] for row in ws.iter_rows(min_row=2, values_only=True)]
    assert "MyDIGITAL" not in names


def test_empty_tables_export_too(tmp_path: Path):
    tables = build_tables(Store(f"sqlite:///{tmp_path / 'empty.db'}"))
    written = export_tables(tables, tmp_path / "out")
    assert all(p.stat().st_size > 0 for p in written)
    assert "No evidence yet" in (tmp_path / "out" / SUMMARY_NAME).read_text()


@pytest.mark.parametrize("cell", ['=HYPERLINK("http://x","y")', "+1+1", "-2+3", "@SUM(A1)", "\tx", "\rx"])
def test_csv_cells_that_a_spreadsheet_would_run_are_defused(cell: str, tmp_path: Path) -> None:
    from pipeline.tables.export import csv_bytes

    table = pd.DataFrame({"file": [cell, "Perda 2/2020.pdf"], "passages": [-3, 4]})
    export_tables({"documents": table}, tmp_path)
    for raw in ((tmp_path / "documents.csv").read_bytes(), csv_bytes(table)):
        back = pd.read_csv(io.BytesIO(raw), encoding="utf-8-sig", keep_default_na=False)
        assert back["file"].tolist() == ["'" + cell, "Perda 2/2020.pdf"]
        assert back["passages"].tolist() == [-3, 4]  # numbers are not text: untouched
    assert pd.read_parquet(tmp_path / "documents.parquet")["file"][0] == cell  # data unchanged
