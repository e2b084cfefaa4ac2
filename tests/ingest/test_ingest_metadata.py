"""Metadata grammar: instruments in regulation titles, DOI, year and title sanity."""

from __future__ import annotations

import pytest

from pipeline.ingest.metadata import find_doi, find_instrument, find_year, sensible_title


@pytest.mark.parametrize(
    ("text", "kind", "number", "year"),
    [
        ("UNDANG-UNDANG REPUBLIK INDONESIA NOMOR 11 TAHUN 2019 TENTANG SISTEM NASIONAL", "uu", "11", 2019),
        ("UNDANG\u00adUNDANG DASAR NEGARA REPUBLIK INDONESIA TAHUN 1945", "uud", None, 1945),
        ("PERATURAN PEMERINTAH REPUBLIK INDONESIA NOMOR 1 TAHUN 2021 TENTANG TATA CARA", "pp", "1", 2021),
        ("PERATURAN PEMERINTAH PENGGANTI UNDANG-UNDANG NOMOR 2 TAHUN 2022", "perppu", "2", 2022),
        ("PERATURAN PRESIDEN REPUBLIK INDONESIA NOMOR 95 TAHUN 2018 TENTANG SPBE", "perpres", "95", 2018),
        ("INSTRUKSI PRESIDEN NOMOR 3 TAHUN 2003", "inpres", "3", 2003),
        ("KEPUTUSAN PRESIDEN NOMOR 12 TAHUN 2020", "keppres", "12", 2020),
        ("PERATURAN MENTERI KOMUNIKASI DAN INFORMATIKA NOMOR 10 TAHUN 2016", "permen", "10", 2016),
        ("KEPUTUSAN MENTERI DALAM NEGERI NOMOR 050-145 TAHUN 2022", "kepmen", "050-145", 2022),
        ("PERATURAN OTORITAS JASA KEUANGAN REPUBLIK INDONESIA NOMOR 10 TAHUN 2024", "pojk", "10", 2024),
        ("SURAT EDARAN OTORITAS JASA KEUANGAN NOMOR 19/SEOJK.03/2023", "seojk", "19/SEOJK.03/2023", 2023),
        (
            "SURAT EDARAN OTORITAS JASA KEUANGAN REPUBLIK INDONESIA NOMOR 19/SEOJK.06/ 2023",
            "seojk",
            "19/SEOJK.06/2023",
            2023,
        ),
        ("PERATURAN DAERAH PROVINSI DAERAH KHUSUS IBUKOTA JAKARTA NOMOR 2 TAHUN 2020", "perda", "2", 2020),
        ("PERATURAN GUBERNUR DAERAH KHUSUS IBUKOTA JAKARTA NOMOR 3 TAHUN 2021", "pergub", "3", 2021),
        ("PERATURAN BUPATI MALANG NOMOR 7 TAHUN 2019", "perbup", "7", 2019),
        ("PERATURAN WALI KOTA BANDUNG NOMOR 1 TAHUN 2020", "perwali", "1", 2020),
        ("PERATURAN KEPALA BADAN PENGAWAS TENAGA NUKLIR NOMOR 12 TAHUN 2012", "perka", "12", 2012),
        ("LAWS OF MALAYSIA Act 599 CONSUMER PROTECTION ACT 1999", "act", "599", 1999),
    ],
)
def test_find_instrument(text: str, kind: str, number: str | None, year: int) -> None:
    found = find_instrument(text)
    assert found is not None
    assert found[0] == {"type": kind, "number": number, "year": year}


def test_instrument_title_runs_through_tentang() -> None:
    found = find_instrument("PERATURAN PRESIDEN NOMOR 60 TAHUN 2019 TENTANG KEBIJAKAN NASIONAL MENIMBANG :")
    assert found is not None
    assert found[1] == "PERATURAN PRESIDEN NOMOR 60 TAHUN 2019 TENTANG KEBIJAKAN NASIONAL"


def test_the_first_instrument_named_wins() -> None:
    text = (
        "PERATURAN GUBERNUR DAERAH KHUSUS IBUKOTA JAKARTA NOMOR 3 TAHUN 2021 TENTANG "
        "PERATURAN PELAKSANAAN PERATURAN DAERAH NOMOR 2 TAHUN 2020"
    )
    found = find_instrument(text)
    assert found is not None and found[0]["type"] == "pergub"


def test_no_instrument_in_a_paper_title() -> None:
    assert find_instrument("Smart City Initiatives in Thailand: Key Concepts and Methods") is None


@pytest.mark.parametrize(
    ("text", "doi"),
    [
        ("DOI: 10.20885/EKSAKTA.vol4.iss2.art5.", "10.20885/EKSAKTA.vol4.iss2.art5"),
        ("https://doi.org/10.22146/ijccs.86302)", "10.22146/ijccs.86302"),
        ("no identifier here", None),
    ],
)
def test_find_doi(text: str, doi: str | None) -> None:
    assert find_doi(text) == doi


def test_find_year_prefers_texts_then_pdf_dates() -> None:
    assert find_year(["Vol. 4 (2023) received 2022"], {}) == 2023
    assert find_year(["no year"], {"CreationDate": "D:20190412"}) == 2019
    assert find_year(["nothing"], {}) is None
    assert find_year(["Framework 2018 towards Vision 2025"], {"CreationDate": "D:20181101"}) == 2018


@pytest.mark.parametrize(
    ("value", "kept"),
    [
        ("Smart City Policy in Indonesia", True),
        ("Microsoft Word - draft.docx", False),
        ("BN 1033-2016.doc", False),
        ("untitled", False),
        ("Template Jurnal IJCCS", False),
        ("", False),
        (None, False),
    ],
)
def test_sensible_title(value: str | None, kept: bool) -> None:
    assert (sensible_title(value) is not None) is kept
