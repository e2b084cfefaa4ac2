"""Tests of pipeline.extract.candidates: document-level filling of law citations, and which
of two overlapping names stays."""

from __future__ import annotations

import pytest

from pipeline.extract.candidates import (
    coordinating_forms,
    ministry_forms,
    numbers_from_full_citations,
    years_from_full_citations,
)
from pipeline.extract.extractor import extract
from pipeline.extract.kb import KBEntry, KnowledgeBase
from pipeline.extract.lawmatch import LawMatch
from pipeline.records import Document, Passage, assign_offsets


def test_an_act_cited_by_number_alone_takes_the_year_of_its_full_citation() -> None:
    full = LawMatch(0, 10, type="act", number="671", year=2007, title="Capital Market and Services Act")
    bare = LawMatch(20, 27, type="act", jurisdiction="MY", number="671")
    other = LawMatch(30, 37, type="act", jurisdiction="MY", number="709")
    years_from_full_citations([full, bare, other])
    assert (bare.year, other.year) == (2007, None)


def test_an_act_number_given_two_years_is_left_alone() -> None:
    laws = [
        LawMatch(0, 10, type="act", number="20", year=1996),
        LawMatch(11, 20, type="act", number="20", year=1966),
        LawMatch(21, 27, type="act", number="20"),
    ]
    years_from_full_citations(laws)
    assert laws[2].year is None


# ---- a known name that another body's name goes on past ----------------------------------

_KB = KnowledgeBase(
    [
        KBEntry("agency/my/digital", "agency", "Ministry of Contoh", "MY"),
        KBEntry("agency/id/keu", "agency", "Kementerian Contoh", "ID"),
        KBEntry("agency/id/bi", "agency", "Bank Contoh", "ID"),
    ]
)


def _agencies(text: str, lang: str = "en") -> list[tuple[str, str | None]]:
    passages = [Passage(id="p0", document_id="d", page=1, text=text, lang=lang)]
    assign_offsets(passages)
    mentions = extract(Document(id="d", file="t.pdf"), passages, _KB)
    return [(m.text, m.canonical_id) for m in mentions if m.label == "AGENCY"]


def test_a_known_name_that_a_longer_body_name_goes_on_past_gives_way() -> None:
    assert _agencies("The Ministry of Contoh Economy and Society met.") == [
        ("Ministry of Contoh Economy and Society", "agency/_/ministry-of-contoh-economy-and-society")
    ]
    assert _agencies("Kementerian Contoh dan Hak Asasi Manusia menetapkan.", "id") == [
        ("Kementerian Contoh dan Hak Asasi Manusia", "agency/_/kementerian-contoh-dan-hak-asasi-manusia")
    ]


def test_a_known_name_followed_by_its_country_stays() -> None:
    assert _agencies("The Ministry of Contoh Singapore met.") == [("Ministry of Contoh", "agency/my/digital")]


def test_a_known_name_joined_to_a_second_body_stays() -> None:
    assert _agencies("Kementerian Contoh dan Badan Lain menyusun.", "id")[0] == (
        "Kementerian Contoh",
        "agency/id/keu",
    )
    assert _agencies("Kementerian Contoh dan Bank Contoh menyusun.", "id") == [
        ("Kementerian Contoh", "agency/id/keu"),
        ("Bank Contoh", "agency/id/bi"),
    ]


def test_a_known_name_followed_by_a_country_and_a_unit_stays() -> None:
    text = "KEMENTERIAN CONTOH REPUBLIK INDONESIA Hukum dan Perundangan"
    assert _agencies(text, "id")[0] == ("KEMENTERIAN CONTOH", "agency/id/keu")


# ---- a sector-named ministry of one country's list, in a text on another country -----------

_LISTED = KnowledgeBase(
    [
        KBEntry("agency/my/moe", "agency", "Ministry of Contoh", "MY", acronyms=("MOC",)),
        KBEntry("place/sg", "place", "Singapore", "SG", place_type="country"),
        KBEntry("place/my", "place", "Malaysia", "MY", place_type="country"),
    ]
)


def _agency(text: str) -> tuple[str | None, str | None]:
    passages = [Passage(id="p0", document_id="d", page=1, text=text, lang="en")]
    assign_offsets(passages)
    mentions = extract(Document(id="d", file="t.pdf"), passages, _LISTED)
    (found,) = {(m.canonical_id, m.country) for m in mentions if m.label == "AGENCY"}
    return found


def test_a_sector_named_ministry_in_a_text_on_another_country_is_that_country_s() -> None:
    assert _agency("Singapore's Ministry of Contoh greens its schools.") == (
        "agency/_/ministry-of-contoh",
        "SG",
    )
    # its acronym goes with it
    assert _agency("Singapore's Ministry of Contoh (MOC) greens its schools. MOC said so.") == (
        "agency/_/ministry-of-contoh",
        "SG",
    )


def test_a_sector_named_ministry_stays_the_listed_one_in_its_own_country_or_without_one() -> None:
    assert _agency("Malaysia's Ministry of Contoh greens its schools.") == ("agency/my/moe", "MY")
    assert _agency("The Ministry of Contoh greens its schools.") == ("agency/my/moe", "MY")
    # named in text on both countries: the listed one (one body per name in a document)
    text = "Singapore's Ministry of Contoh greens. In Malaysia, the Ministry of Contoh does not."
    assert _agency(text) == ("agency/my/moe", "MY")


def test_an_act_cited_by_title_and_year_takes_the_number_of_its_full_citation() -> None:
    full = LawMatch(0, 10, type="act", number="333", year=1987, title="Road Transport Act")
    bare = LawMatch(20, 27, type="act", year=1987, title="Road  transport Act")
    other_year = LawMatch(30, 37, type="act", year=1999, title="Road Transport Act")
    numbers_from_full_citations([full, bare, other_year])
    assert (bare.number, other_year.number) == ("333", None)


def test_a_title_given_two_numbers_is_left_alone() -> None:
    laws = [
        LawMatch(0, 10, type="act", number="1", year=2000, title="Example Act"),
        LawMatch(11, 20, type="act", number="2", year=2000, title="Example Act"),
        LawMatch(21, 27, type="act", year=2000, title="Example Act"),
    ]
    numbers_from_full_citations(laws)
    assert laws[2].number is None


def test_a_known_name_followed_by_words_without_a_connector_stays() -> None:
    text = "DISAMPAIKAN KEPADA KEMENTERIAN CONTOH MENJADI EFEKTIF."
    assert _agencies(text, "id") == [("KEMENTERIAN CONTOH", "agency/id/keu")]
    found = _agencies("Kementerian Contoh Umum Obligasi Daerah", "id")
    assert found[0] == ("Kementerian Contoh", "agency/id/keu")


def test_a_known_name_stays_when_the_longer_name_stops_before_another_body() -> None:
    text = "Prajurit Kementerian Contoh dan Anggota Badan Lain dalam jabatan"
    assert _agencies(text, "id")[0] == ("Kementerian Contoh", "agency/id/keu")


@pytest.mark.parametrize(
    ("name", "forms"),
    [
        ("Kementerian Koordinator Perekonomian", ["Kementerian Koordinator Bidang Perekonomian"]),
        ("Menteri Koordinator Bidang Perekonomian", ["Menteri Koordinator Perekonomian"]),
        ("Kementerian Keuangan", []),
    ],
)
def test_a_coordinating_ministry_is_looked_up_with_and_without_bidang(name: str, forms: list[str]) -> None:
    assert coordinating_forms(name) == forms


@pytest.mark.parametrize(
    ("name", "forms"),
    [
        ("Minister for Transport", ["Ministry for Transport", "Ministry of Transport"]),
        ("Minister of Foreign Affairs", ["Ministry of Foreign Affairs", "Ministry for Foreign Affairs"]),
        ("Ministry of Transport", []),
    ],
)
def test_a_minister_s_post_is_looked_up_as_the_ministry(name: str, forms: list[str]) -> None:
    assert ministry_forms(name) == forms
