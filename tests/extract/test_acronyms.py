"""Acronym definitions, and later uses linked to the long form's entity."""

from __future__ import annotations

import pytest

from pipeline.extract import extract_mentions, find_definitions


@pytest.mark.parametrize(
    ("text", "acronym", "long_form"),
    [
        (
            "Sistem Pemerintahan Berbasis Elektronik (SPBE), peraturan ini",
            "SPBE",
            "Sistem Pemerintahan Berbasis Elektronik",
        ),  # noqa: E501
        (
            "Pembatasan Sosial Berskala Besar yang selanjutnya disingkat PSBB adalah",
            "PSBB",
            "Pembatasan Sosial Berskala Besar",
        ),  # noqa: E501
        ("the Digital Economy Promotion Agency (DEPA) was", "DEPA", "Digital Economy Promotion Agency"),
        (
            "Kominfo (Kementerian Komunikasi dan Informatika) dan",
            "Kominfo",
            "Kementerian Komunikasi dan Informatika",
        ),  # noqa: E501
        ('the Smart Water Office (hereinafter referred to as "SWO")', "SWO", "Smart Water Office"),
        ("List\nADB Asian Development Bank\nBRT Bus Rapid Transit", "ADB", "Asian Development Bank"),
    ],
)
def test_definitions(text: str, acronym: str, long_form: str) -> None:
    found = {d.acronym: d.long_form for d in find_definitions(text)}
    assert found.get(acronym) == long_form


def test_parenthesised_word_that_spells_nothing_is_not_an_acronym() -> None:
    assert find_definitions("di Kota Jakarta (Jakarta) dan Pasal 5 (Pasal)") == []


def test_later_uses_link_to_the_long_form(make_passages) -> None:
    doc, passages = make_passages(
        "The Urban Water Authority (UWA) runs the network.", "In 2020 UWA opened a new plant.", lang="en"
    )
    uses = [m for m in extract_mentions(doc, passages) if m.text == "UWA"]
    assert len(uses) == 2
    assert {m.canonical_name for m in uses} == {"Urban Water Authority"}
    assert {m.label for m in uses} == {"AGENCY"}


def test_acronym_defined_in_a_law_title_names_the_programme(make_passages) -> None:
    doc, passages = make_passages(
        "Peraturan Presiden Nomor 95 Tahun 2018 tentang Sistem Pemerintahan Berbasis Elektronik (SPBE).",
        "Layanan SPBE menjadi fondasi smart city.",
    )
    spbe = [m for m in extract_mentions(doc, passages) if m.text == "SPBE"]
    assert spbe and {m.label for m in spbe} == {"PROGRAMME"}


def test_acronym_of_a_law_links_to_the_law(make_passages) -> None:
    doc, passages = make_passages(
        ("Thailand menerbitkan Undang-undang perlindungan data Pribadi (PDPA) (2019).", "id"),
        ("Kepatuhan terhadap PDPA diawasi.", "id"),
    )
    laws = [m for m in extract_mentions(doc, passages) if m.label == "LAW"]
    assert [m.text for m in laws][-1] == "PDPA"
    assert len({m.canonical_id for m in laws}) == 1


@pytest.mark.parametrize(
    "text, acronym, out",
    [
        ("Jaringan LAN, WAN dan Internet tersedia di kantor.", "LAN", True),  # list with WAN
        ("jaringan LAN/WAN kantor", "LAN", True),  # slash list
        ("Nilai BI = 0,5 x PI ditambah nilai lain.", "BI", True),  # formula operator
        ("dihitung sebagai 0,3 x BI setiap tahun", "BI", True),  # operator before
        ("LAN menyelenggarakan pelatihan aparatur.", "LAN", False),  # a body acting
        ("Kominfo dan LAN bekerja sama.", "LAN", False),  # list of bodies
        ("BI menetapkan suku bunga acuan.", "BI", False),
        ("Tarif PBB-P2 ditetapkan sebesar 0,16%.", "PBB", True),  # a longer code
        ("layanan e-KTP tersedia", "KTP", True),
        ("PBB - Perserikatan Bangsa-Bangsa", "PBB", False),  # a spaced dash is not a join
    ],
)
def test_acronyms_out_of_place(text, acronym, out):
    from pipeline.extract.acronyms import out_of_place

    start = text.index(acronym)
    assert out_of_place(text, start, start + len(acronym)) is out


def test_a_long_form_before_its_translation_is_defined_by_the_acronym_after_both() -> None:
    text = (
        "1. Gerbang Pembayaran Nasional (National Payment Gateway) yang selanjutnya disingkat GPN (NPG)"
        " adalah sistem yang terdiri atas standar."
    )
    assert [(d.long_form, d.acronym) for d in find_definitions(text)] == [
        ("Gerbang Pembayaran Nasional", "GPN")
    ]


def test_an_acronym_that_spells_a_bracketed_translation_defines_the_name_before_it() -> None:
    text = (
        "5. Standar Nasional Kode Contoh (Quick Response Code Indonesian Standard) yang selanjutnya "
        "disebut QRIS adalah standar. Ketentuan (dalam rangka contoh) yang selanjutnya disebut KDRC ada."
    )
    found = [(d.long_form, d.acronym) for d in find_definitions(text)]
    assert found == [("Standar Nasional Kode Contoh", "QRIS")]


def test_a_short_form_keeps_its_level_of_government() -> None:
    text = (
        "1. Dinas Contoh Sipil Provinsi yang selanjutnya disebut Discontoh Provinsi adalah perangkat. "
        "2. Dinas Contoh Sipil Kabupaten/Kota yang selanjutnya disebut Discontoh Kabupaten/Kota adalah "
        "perangkat. 3. Dewan Perwakilan Rakyat Daerah Kabupaten yang selanjutnya disebut DPRD Kabupaten."
    )
    found = [(d.acronym, d.long_form) for d in find_definitions(text)]
    assert found == [
        ("Discontoh Provinsi", "Dinas Contoh Sipil Provinsi"),
        ("Discontoh Kabupaten/Kota", "Dinas Contoh Sipil Kabupaten/Kota"),
        ("DPRD Kabupaten", "Dewan Perwakilan Rakyat Daerah Kabupaten"),
        ("DPRD", "Dewan Perwakilan Rakyat Daerah Kabupaten"),  # the only level: the word alone too
    ]
