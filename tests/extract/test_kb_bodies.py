"""National bodies from published lists: LKPP's codes of Indonesia's central institutions and
data.gov.my's agencies. Names cleaned and written out, acronyms told from words, companies
left out, hand-written entries of the same country extended, what the list gives kept when
an evaluation hides the hand-written entry."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.evaluate.entities import blind_kb
from pipeline.extract.kb import KB_DIR, LISTS_DIR, KBEntry, KnowledgeBase, read_entries
from pipeline.extract.kb_bodies import (
    Body,
    acronym_keys,
    body_lines,
    id_body_forms,
    indonesian_bodies,
    is_acronym,
    known_agencies_of,
    malaysian_bodies,
    parse_lkpp_maps,
    singapore_boards,
    title_case_id,
    united_states_agencies,
    us_body_forms,
)

SOURCE = "test list"

MODULE = """
import os
KEMENTERIAN_MAP = {
    "K10": "KEMENTERIAN CONTOH DAN PERCOBAAN", "K2": "KEMENTERIAN UJI COBA/BUC",
    "K68": "KEMENTERIAN SENI RUPA/BADAN SENI RUPA",
}
OTHER = {"X1": "NOT A BODY"}
LEMBAGA_MAP = {"L7": "BADAN PENGUJI MUTU, SUHU DAN CUACA", "I81": "BADAN KAWASAN CONTOH",
               "I100": "BADAN KAWASAN CONTOH 984423", "L45": "PPUJI", "L33": "KOMISI PENGUJI RI",
               "L36": "LEMBAGA PENGUJI BARANG/JASA", "L51": "LPP RADIO CONTOH",
               "L105": "OTORITA KOTA CONTOH (OKC)", "L25": "BENDAHARA CONTOH (KEMENTERIAN CONTOH)"}
"""


def _agencies(english: dict, malay: dict) -> tuple[str, str]:
    return json.dumps({"translation": english}), json.dumps({"translation": malay})


@pytest.mark.parametrize(
    ("caps", "written"),
    [
        ("KEMENTERIAN CONTOH DAN PERCOBAAN", "Kementerian Contoh dan Percobaan"),
        ("BADAN PENGUJI MUTU, SUHU DAN CUACA", "Badan Penguji Mutu, Suhu dan Cuaca"),
        ("KOMISI PENGUJI RI", "Komisi Penguji RI"),
        ("LEMBAGA PENGUJI BARANG/JASA", "Lembaga Penguji Barang/Jasa"),
        ("LPP RADIO CONTOH", "LPP Radio Contoh"),
    ],
)
def test_names_in_capitals_are_written_in_title_case(caps: str, written: str) -> None:
    assert title_case_id(caps) == written


@pytest.mark.parametrize(
    ("raw", "forms", "acronyms"),
    [
        ("BADAN KAWASAN CONTOH 984423", ["Badan Kawasan Contoh"], []),  # a trailing code
        ("OTORITA KOTA CONTOH (OKC)", ["Otorita Kota Contoh"], ["OKC"]),  # a bracket of capitals
        ("BENDAHARA CONTOH (KEMENTERIAN CONTOH)", ["Bendahara Contoh"], []),  # a note
        ("KEMENTERIAN UJI COBA/BUC", ["Kementerian Uji Coba"], ["BUC"]),  # a ministry's acronym
        ("KEMENTERIAN SENI RUPA/BADAN SENI RUPA", ["Kementerian Seni Rupa", "Badan Seni Rupa"], []),
        ("LEMBAGA PENGUJI BARANG/JASA", ["Lembaga Penguji Barang/Jasa"], []),  # part of the name
        ("PPUJI", [], ["PPUJI"]),  # an acronym only
        (
            "KOMISI PENGUJI RI",
            ["Komisi Penguji Republik Indonesia", "Komisi Penguji RI", "Komisi Penguji"],
            [],
        ),
        ("LPP RADIO CONTOH", ["Lembaga Penyiaran Publik Radio Contoh", "LPP Radio Contoh"], []),
    ],
)
def test_lkpp_names_give_forms_and_acronyms(raw: str, forms: list[str], acronyms: list[str]) -> None:
    assert id_body_forms(raw) == (forms, acronyms)


def test_without_republik_indonesia_only_when_two_words_remain() -> None:
    forms, _ = id_body_forms("KEJAKSAAN REPUBLIK INDONESIA")
    assert forms == ["Kejaksaan Republik Indonesia"]


def test_the_module_is_parsed_not_run_and_only_the_two_maps_are_read() -> None:
    codes = parse_lkpp_maps(MODULE)
    assert "X1" not in codes and codes["K10"] == "KEMENTERIAN CONTOH DAN PERCOBAAN" and len(codes) == 12


def test_one_body_per_name_in_code_order() -> None:
    bodies = indonesian_bodies(parse_lkpp_maps(MODULE))
    assert [b.code for b in bodies][:3] == ["I81", "K2", "K10"]  # I100 is I81 again
    assert all(b.country == "ID" and b.language == "id" for b in bodies)
    assert next(b for b in bodies if b.code == "L45").name == ""  # an acronym only


@pytest.mark.parametrize(
    ("abbreviation", "names", "expected"),
    [
        ("JPA", ("Jabatan Perkhidmatan Awam",), True),
        ("AUDIT", ("Jabatan Audit Negara",), False),  # a word of its name
        ("Penjara", ("Jabatan Penjara Malaysia",), False),
        ("ST", ("Suruhanjaya Tenaga",), False),  # too short
        ("GOVT", ("Kerajaan Malaysia",), False),
        ("MERS 999", ("Malaysian Emergency Response Services 999",), False),
    ],
)
def test_an_abbreviation_is_an_acronym_only_when_it_is_not_a_word(abbreviation, names, expected) -> None:
    assert is_acronym(abbreviation, names) is expected


def test_malaysian_agencies_in_malay_and_english_without_companies_or_un_bodies() -> None:
    english, malay = _agencies(
        {
            "jpx": {"full": "Example Department", "abbr": "JPX"},
            "co": {"full": "Example Holdings Berhad", "abbr": "EHB"},
            "un": {"full": "United Nations Example Office", "abbr": "UNEO"},
        },
        {"jpx": {"full": "Jabatan Contoh", "abbr": "JPX"}, "co": {"full": "Contoh Holdings Berhad"}},
    )
    bodies = malaysian_bodies(english, malay)
    assert bodies == [Body("jpx", "MY", "Jabatan Contoh", "ms", {"en": ("Example Department",)}, ("JPX",))]


def _census(*titles: str, status: str = "in_force") -> str:
    return json.dumps({"laws": [{"title": t, "status": status, "identifier": "X"} for t in titles]})


def test_singapore_boards_are_named_by_the_acts_that_establish_them() -> None:
    census = _census(
        "Harbour Example Authority of Singapore Act 1999",  # the form without "of Singapore" too
        "Enterprise Example Singapore Board Act 2018",  # "X Singapore Board" is also "X Singapore"
        "Example Fund Act 2001",  # a fund is no agency
        "Example Polytechnic Act 1990",  # nor a polytechnic (the schema: no universities)
        "International Example Corporation Act 1968",  # an Act about an international body
        "Sale of Example Goods Act 1979",  # no body
        "Authority Act 2000",  # one word
    )
    assert [(b.name, b.names["en"]) for b in singapore_boards(census)] == [
        ("Enterprise Example Singapore Board", ("Enterprise Example Singapore",)),
        ("Harbour Example Authority of Singapore", ("Harbour Example Authority",)),
    ]
    assert singapore_boards(_census("Example Board Act 1990", status="repealed")) == []


def test_the_form_without_of_singapore_needs_three_words() -> None:
    (board,) = singapore_boards(
        _census("Monetary Example of Singapore Act 1970".replace("Example", "Authority"))
    )
    assert board.names["en"] == ()  # "Monetary Authority" alone is too generic


def _index(*rows: tuple[str, str]) -> str:
    """A ``COPY ... "Agencies"`` block of the United States' index with the given rows."""
    lines = [f"{n}\t{name}\t{acronym}\t2019-03-13\t2019-03-13" for n, (name, acronym) in enumerate(rows, 4)]
    return 'COPY public."Agencies" (id, agency, acronym, "createdAt", "updatedAt") FROM stdin;\n' + "\n".join(
        [*lines, "\\."]
    )


@pytest.mark.parametrize(
    ("name", "forms"),
    [
        ("Federal Example Administration", ["Federal Example Administration"]),  # head last
        ("Library of Examples", ["Library of Examples"]),  # head first
        ("Federal Bureau of Examples", ["Federal Bureau of Examples"]),  # head before "of"
        ("U.S. Example Survey Office", ["Example Survey Office", "U.S. Example Survey Office"]),
        ("U.S. Example Survey", ["U.S. Example Survey"]),  # two words left: only with "U.S."
        ("Example Bureau", []),  # two words without "U.S.": too generic
        (
            "Bureau of Alcohol, Tobacco, Firearms and Explosives",
            ["Bureau of Alcohol, Tobacco, Firearms and Explosives"],
        ),
        ("Archives, National Archives and Records Administration", []),  # an index entry
        ("Congress\u2014U.S. Senate", []),
        ("Energy Example Program", []),  # a programme
        ("Alabama", []),  # a state
        ("Example Affairs and Research", []),  # no body's head word
    ],
)
def test_us_index_rows_give_a_body_s_forms(name: str, forms: list[str]) -> None:
    assert us_body_forms(name) == forms


def test_us_rows_that_share_an_acronym_or_a_department_are_one_body() -> None:
    index = _index(
        ("Department of Examples", "DOX"),
        ("Examples Department", "DOX"),  # two words: no form of its own
        ("U.S. Department of Examples", "DOX"),
        ("Department of the Samples", ""),
        ("U.S. Department of the Samples", ""),
        ("Sample Safety Commission", "SC"),  # two letters: no acronym
        ("Sample Example Board", "Sample"),  # a word of the name: no acronym
    )
    bodies = {b.name: b for b in united_states_agencies(index)}
    assert sorted(bodies) == [
        "Department of Examples",
        "Department of the Samples",
        "Sample Example Board",
        "Sample Safety Commission",
    ]
    assert bodies["Department of Examples"].names == {"en": ("U.S. Department of Examples",)}
    assert bodies["Department of Examples"].acronyms == ("DOX",)
    assert bodies["Department of the Samples"].names == {"en": ("U.S. Department of the Samples",)}
    assert bodies["Sample Safety Commission"].acronyms == () and bodies["Sample Example Board"].acronyms == ()
    assert {b.country for b in bodies.values()} == {"US"}


def test_a_body_a_hand_written_line_of_its_country_names_extends_it() -> None:
    hand = KBEntry("agency/my/jpx", "agency", "Example Department", "MY", names={"en": []})
    other = KBEntry("agency/sg/jpx", "agency", "Jabatan Contoh", "SG")  # another country's
    body = Body("jpx", "MY", "Jabatan Contoh", "ms", {"en": ("Example Department",)}, ("JPX",))
    lines = body_lines([body], known_agencies_of([hand, other], "MY"), acronym_keys([hand]), SOURCE)
    assert lines == [
        {
            "extends": "agency/my/jpx",
            "kind": "agency",
            "names": {"ms": ["Jabatan Contoh"]},  # the form it lacks, in its language
            "acronyms": ["JPX"],
            "listed": ["Jabatan Contoh", "Example Department"],
            "listed_acronyms": ["JPX"],
            "code": "jpx",
            "source": SOURCE,
        }
    ]


def test_a_new_body_gets_its_own_line_and_an_acronym_only_body_none() -> None:
    bodies = indonesian_bodies(parse_lkpp_maps(MODULE))
    lines = body_lines(bodies, {}, {}, SOURCE)
    by_code = {line["code"]: line for line in lines}
    assert "L45" not in by_code  # no name, and no hand-written line to give it one
    okc = by_code["L105"]
    assert okc["id"] == "agency/id/otorita-kota-contoh" and okc["acronyms"] == ["OKC"]
    assert okc["country"] == "ID" and okc["source"] == SOURCE
    assert by_code["K68"]["names"] == {"id": ["Badan Seni Rupa"]}


def test_the_loader_adds_an_extension_s_acronyms_and_blind_evaluation_keeps_them(tmp_path: Path) -> None:
    hand = {"id": "agency/my/jpx", "kind": "agency", "country": "MY", "name": "Example Department"}
    (tmp_path / "agencies.jsonl").write_text(json.dumps(hand) + "\n")
    (tmp_path / LISTS_DIR).mkdir()
    extension = {
        "extends": "agency/my/jpx",
        "kind": "agency",
        "names": {"ms": ["Jabatan Contoh"]},
        "acronyms": ["JPX"],
        "listed": ["Jabatan Contoh"],
        "listed_acronyms": ["JPX"],
        "source": SOURCE,
    }
    (tmp_path / LISTS_DIR / "my.jsonl").write_text(json.dumps(extension) + "\n")
    (entry,) = read_entries(tmp_path)
    assert entry.acronyms == ("JPX",) and entry.listed_acronyms == ("JPX",)
    gold = {"agencies": [{"name": "Example Department", "acronym": "JPX"}]}
    (kept,) = blind_kb(gold, [entry]).entries.values()
    assert kept.all_names() == ["Jabatan Contoh"] and kept.acronyms == ("JPX",)


def test_blind_evaluation_keeps_an_acronym_only_listing_as_written() -> None:
    entry = KBEntry("agency/id/ppuji", "agency", "Pusat Penguji", "ID", acronyms=("PPUJI",))
    entry = KBEntry(**{**vars(entry), "listed_acronyms": ("PPUJI",)})
    kb = blind_kb({"agencies": [{"name": "Pusat Penguji"}]}, [entry])
    assert [h.via for h in kb.find("data PPUJI 2024")] == ["acronym"]
    assert kb.find("ppuji") == []  # as written or in capitals only


def test_committed_lists_record_their_source_and_extend_only_known_entries() -> None:
    for name in ("id_central.jsonl", "my_agencies.jsonl"):
        lines = [json.loads(x) for x in (KB_DIR / LISTS_DIR / name).read_text(encoding="utf-8").splitlines()]
        assert lines and all(line["source"] for line in lines)
    ids = {e.id for e in read_entries()}
    assert {"agency/id/badan-pangan-nasional", "agency/my/polis-diraja-malaysia"} <= ids
    kb = KnowledgeBase(read_entries())
    assert [e.id for e in kb.lookup_name("Badan Gizi Nasional")] == ["agency/id/badan-gizi-nasional"]


@pytest.mark.parametrize(
    "script_name", ["build_id_central", "build_my_agencies", "build_sg_boards", "build_us_agencies"]
)
def test_the_build_scripts_write_lines_with_their_source(
    tmp_path: Path, kb_build_script, script_name
) -> None:
    script = kb_build_script(script_name)
    if script_name == "build_id_central":
        inputs = {"kementerian.py": MODULE, "lembaga.py": "LEMBAGA_MAP = {'L9': 'BADAN CONTOH BARU'}"}
        expected = "agency/id/badan-contoh-baru"
    elif script_name == "build_sg_boards":
        inputs = {"census.json": _census("Harbour Example Board Act 1999")}
        expected = "agency/sg/harbour-example-board"
    elif script_name == "build_us_agencies":
        inputs = {"agencies.sql": _index(("Federal Example Administration", "FXA"))}
        expected = "agency/us/federal-example-administration"
    else:
        english, malay = _agencies({"jpx": {"full": "Example Department", "abbr": "JPX"}}, {})
        inputs = {"en.json": english, "ms.json": malay}
        expected = "agency/my/example-department"
    paths = []
    for name, text in inputs.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
        paths.append(str(tmp_path / name))
    out = tmp_path / "lines.jsonl"
    assert script.main([*paths, "--commit", "0123456789abcdef", "--out", str(out)]) == 0
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert {line["source"] for line in lines} == {script.SOURCE + "@0123456789ab"}
    assert expected in {line.get("id") for line in lines}
    if script_name == "build_us_agencies":  # used only where the United States is named
        assert all(line["needs_country"] for line in lines if "id" in line)
    absent = [*paths[:-1], str(tmp_path / "absent")]
    assert script.main([*absent, "--out", str(out)]) == 2  # one line, no traceback
