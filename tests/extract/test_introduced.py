"""Programmes a text introduces by a naming verb or a definition (``pipeline/extract/introduced.py``)."""

from __future__ import annotations

import pytest

from pipeline.extract.introduced import (
    apposed_programmes,
    card_programmes,
    defined_kinds_of_body,
    defined_programmes,
    described_programmes,
    example_programmes,
    introduced_programmes,
    launched_programmes,
    named_programmes,
)


def names(hits) -> list[str]:
    return [h.name for h in hits]


# ---- a naming verb after a kind of programme ------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            'Their project named "River Watch using a Mobile App in Kota Lama" won.',
            "River Watch using a Mobile App in Kota Lama",
        ),
        ("Their project named “Clean Canals for All” won.", "Clean Canals for All"),
        (
            "low-cost housing (Phase I), named as Sunrise Garden Housing, including roads",
            "Sunrise Garden Housing",
        ),
        ("The city launched an app called SIAPKota for complaints.", "SIAPKota"),
        ("a campaign dubbed Green Streets 2030 began", "Green Streets 2030"),
        ("a scheme known as the Home Solar Credit was set up", "Home Solar Credit"),
        ("Pemkot meluncurkan aplikasi bernama Lapor Warga untuk pengaduan.", "Lapor Warga"),
        ("gerakan dengan nama Kampung Bersih Bersinar dimulai", "Kampung Bersih Bersinar"),
        ("programme entitled Go! Riverside started", "Go! Riverside"),
    ],
)
def test_a_name_after_a_naming_verb_that_follows_a_kind_is_a_programme(text: str, expected: str) -> None:
    (hit,) = named_programmes(text)
    assert hit.name == expected and hit.label == "PROGRAMME" and hit.rule == "introduced.named"
    assert text[hit.start : hit.end] == expected


@pytest.mark.parametrize(
    "text",
    [
        "a man named John spoke at the forum",  # no kind of programme before the verb
        "Each must be unique: no two headers called “duration” are allowed",  # a lower-case word
        "The minister, known as a reformer, said",  # no name after it
        "the programme named after its founder",  # "after" is no name
    ],
)
def test_no_programme_without_a_kind_right_before_or_a_name_after(text: str) -> None:
    assert named_programmes(text) == []


def test_a_kind_further_back_names_nothing_after_a_later_verb() -> None:
    text = 'a campaign named "Clean Air" while an officer named Budi spoke'
    assert names(named_programmes(text)) == ["Clean Air"]


def test_a_quoted_name_of_too_many_words_is_not_taken() -> None:
    text = 'a project called "' + " ".join(["Word"] * 25) + '" ran'
    assert named_programmes(text) == []


# ---- a definitions article's named system or policy ----------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Dalam Peraturan ini yang dimaksud dengan: 1. Aplikasi Tata Surat Digital yang selanjutnya "
            "disebut Atasdi adalah suatu sistem pengelolaan surat.",
            "Aplikasi Tata Surat Digital",
        ),
        (
            "2. Layanan Kependudukan Secara Daring yang selanjutnya disebut Lakon Daring adalah rangkaian "
            "kegiatan pelayanan.",
            "Layanan Kependudukan Secara Daring",
        ),
        (
            "3. Gerbang Data Nasional (National Data Gateway) yang selanjutnya disingkat GDN adalah sistem "
            "yang terdiri atas standar.",
            "Gerbang Data Nasional",
        ),
        ("dengan: 1. Satu Peta Daerah adalah kebijakan tata kelola peta.", "Satu Peta Daerah"),
        (
            "a. Sistem Arsip Warga, yang selanjutnya disebut Siarwa, adalah aplikasi arsip.",
            "Sistem Arsip Warga",
        ),
    ],
)
def test_a_defined_named_system_or_policy_is_a_programme(text: str, expected: str) -> None:
    (hit,) = defined_programmes(text)
    assert hit.name == expected and hit.rule == "introduced.defined"
    assert text[hit.start : hit.end] == expected


@pytest.mark.parametrize(
    "text",
    [
        "10. Sistem Aplikasi adalah sistem operasi dan basis data.",  # its own head, no short form
        "3 Administrasi Kependudukan adalah rangkaian kegiatan penataan.",  # an activity, no short form
        "4. Kebijakan Internal adalah kebijakan yang ditetapkan.",  # a policy named by its head
        "5. Dokumen Kependudukan adalah dokumen resmi.",  # a document is no programme
        "Pelaksanaan ini adalah program nasional.",  # no definition item
        "7. Setiap Orang adalah orang. 8. data pribadi adalah sistem.",  # not a name
    ],
)
def test_kinds_of_things_and_plain_sentences_are_not_programmes(text: str) -> None:
    assert defined_programmes(text) == []


# ---- examples of a kind ("such as") -------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "initiatives such as the River CERT Drill (RCD), and the Harbour Skills Programme (HSP). 31.",
            ["River CERT Drill", "Harbour Skills Programme"],
        ),
        (
            "Initiatives like the Home Link Programme and Enable Web programme help",
            ["Home Link Programme", "Enable Web"],
        ),
        ("platforms such as the National Port Platform facilitate", ["National Port Platform"]),
        ("apps, including MyKota and Wireless@Town, serve", ["MyKota", "Wireless@Town"]),
        (
            "aplikasi seperti Sapa Desa, Lapor Camat dan JakKota untuk warga",
            ["Sapa Desa", "Lapor Camat", "JakKota"],
        ),
    ],
)
def test_examples_of_a_kind_of_programme_are_programmes(text: str, expected: list[str]) -> None:
    hits = example_programmes(text)
    assert names(hits) == expected
    assert all(text[h.start : h.end] == h.name for h in hits)


@pytest.mark.parametrize(
    "text",
    [
        "services such as design standards for websites",  # lower case: no names
        "initiatives such as the Advisory Council on Data Ethics",  # a body, found as one elsewhere
        "platforms such as the Asia Pacific Computer Emergency Response Team",  # a group of teams
        "platforms such as the Forum of Incident Response and Security Teams",
        "projects such as Singapore and Malaysia",  # one plain word is no name
        "the city such as Bandung Raya",  # not a kind of programme
    ],
)
def test_no_examples_where_none_are_programme_names(text: str) -> None:
    assert example_programmes(text) == []


def test_introduced_programmes_gives_both_kinds() -> None:
    text = "1. Satu Peta Daerah adalah kebijakan tata kelola peta. The city launched an app called SIAPKota."
    assert names(introduced_programmes(text)) == ["SIAPKota", "Satu Peta Daerah"]


def test_a_term_defined_as_its_own_head_word_is_a_kind_of_body() -> None:
    text = (
        "3. Lembaga Standar adalah lembaga yang menyusun Standar. "
        "5. Badan Siber dan Sandi Negara yang selanjutnya disebut BSSN adalah lembaga pemerintah. "
        "6. Dinas Kesehatan adalah perangkat daerah yang membidangi kesehatan."
    )
    assert defined_kinds_of_body(text) == {"lembaga standar"}


# ---- a project card: a name and its objective ----------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Riverbank Tram Objective: To improve the city's transport.", "Riverbank Tram"),
        ("x\x00Exhibit 25: Harbour Payment Hub Objective: To implement fast payments", "Harbour Payment Hub"),
        ("Figure 3. Youth Growth through Coding Objectives: To train", "Youth Growth through Coding"),
        ("first line\nKampung Cerdas Tujuan: Meningkatkan layanan desa", "Kampung Cerdas"),
    ],
)
def test_a_name_that_opens_a_passage_before_its_objective_is_a_card(text: str, expected: str) -> None:
    (hit,) = card_programmes(text)
    assert hit.name == expected and hit.rule == "introduced.card" and text[hit.start : hit.end] == expected


@pytest.mark.parametrize(
    "text",
    [
        "The main objective: to improve",  # lower case, and no "Objective" heading
        "We set out the project Objective: To deliver",  # the name does not open the passage
        "Riverbank Tram objective is to improve",  # no colon: a sentence, not a card
    ],
)
def test_no_card_without_a_name_opening_the_passage_and_an_objective(text: str) -> None:
    assert card_programmes(text) == []


# ---- a name the government launched ----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("In 2017 the Government rolled out 23 Sector Growth Maps (SGMs) as part", "Sector Growth Maps"),
        ("The agency has also rolled out a Basic Coding Skills curriculum", "Basic Coding Skills"),
        ("The city launched Go! Riverside in 2020.", "Go! Riverside"),
        ("launched the River City Financing Toolkit in November 2024.", "River City Financing Toolkit"),
        ("Pemkot meluncurkan Lapor Warga untuk pengaduan.", "Lapor Warga"),
    ],
)
def test_a_name_after_a_verb_of_launching_is_a_programme(text: str, expected: str) -> None:
    (hit,) = launched_programmes(text)
    assert (
        hit.name == expected and hit.rule == "introduced.launched" and text[hit.start : hit.end] == expected
    )


def test_two_names_one_verb_launched_are_two_programmes() -> None:
    text = "The city launched the Harbour Building Masterplan and the Smart Kerb App in 2019."
    hits = launched_programmes(text)
    assert [h.name for h in hits] == ["Harbour Building Masterplan", "Smart Kerb App"]
    assert [text[h.start : h.end] for h in hits] == ["Harbour Building Masterplan", "Smart Kerb App"]
    # "and" alone stays inside a name
    assert [h.name for h in launched_programmes("launched the Science and Technology Plan.")] == [
        "Science and Technology Plan"
    ]


@pytest.mark.parametrize(
    "text",
    [
        "officially launched Phase 1 on 12 March",  # a phase
        "introduced the Personal Data Protection Act in 2012",  # a law
        "launched the Smart Nation Office",  # a body
        "launched Singapore into a new era",  # one plain word
        "launched 3 new apps",  # no name
    ],
)
def test_no_programme_launched_where_no_programme_is_named(text: str) -> None:
    assert launched_programmes(text) == []


def test_a_name_with_the_kind_of_system_after_a_comma_is_a_programme() -> None:
    text = (
        "Alerts reach citizens via RIVERFLO, an online telemetry system. Residents use Kelana Go, a "
        "mobile app. The Ministry of Health, a system of care, and Infrastruktur Contoh, sistem kota."
    )
    assert [h.name for h in apposed_programmes(text)] == ["RIVERFLO", "Kelana Go"]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Tech Kakis, an initiative by GovTech, is a community.", "Tech Kakis"),
        ("Jagoan Tani is a programme that supports farmers.", "Jagoan Tani"),
        ("Go Green Riverton, a campaign launched by the city, cut waste.", "Go Green Riverton"),
        ("Sapa Warga merupakan aplikasi yang dikembangkan oleh Pemerintah Provinsi.", "Sapa Warga"),
        (
            "Another programme is the TechReady for Digital Workplace, aimed at workers.",
            "TechReady for Digital Workplace",
        ),
        ("The first initiative was Riverton Reads.", "Riverton Reads"),
    ],
)
def test_a_name_the_sentence_says_is_a_programme(text: str, name: str) -> None:
    assert [h.name for h in described_programmes(text)] == [name]


@pytest.mark.parametrize(
    "text",
    [
        "Singapore, a city-state with a programme of reforms, is small.",
        "The Land Transport Authority, an agency that runs the roads, agreed.",
        "Riverton Council is a programme partner that funds it.",
        "One programme is the Riverton Council.",
        "Another programme is funded by the city.",
    ],
)
def test_a_body_or_a_sentence_about_something_else_is_no_described_programme(text: str) -> None:
    assert described_programmes(text) == []
