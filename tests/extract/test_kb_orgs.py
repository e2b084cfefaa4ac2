"""International organisations from the OECD's list of multilateral bodies: names cleaned of
funding windows, both spellings, hand-written entries extended, what the list gives kept
when an evaluation hides the hand-written entry."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.evaluate.entities import blind_kb
from pipeline.extract.kb import KB_DIR, LISTS_DIR, KBEntry, read_entries
from pipeline.extract.kb_orgs import (
    clean_name,
    known_agencies,
    organisation_lines,
    parse_crs_channels,
    parse_un_system,
    spelling_variants,
)

SOURCE = "test list"


def _item(code: str, name: str, status: str = "active") -> str:
    return (
        f'<codelist-item status="{status}"><code>{code}</code><name><narrative>{name}</narrative>'
        f'<narrative xml:lang="fr">nom</narrative></name></codelist-item>'
    )


CODELIST = (
    '<codelist name="CRSChannelCode"><codelist-items>'
    + _item("11000", "Donor Government")  # not multilateral
    + _item("41000", "United Nations (UN) agency, fund or commission")  # a heading
    + _item("41143", "World Health Organisation - core voluntary contributions account")
    + _item("41307", "World Health Organisation - assessed contributions")
    + _item("45000", "World Trade Organisation (WTO)")
    + _item("47004", "ASEAN Cultural Fund", status="withdrawn")
    + _item("47092", "South East Asian Fisheries Development Centre")
    + "</codelist-items></codelist>"
)


@pytest.mark.parametrize(
    ("raw", "name", "acronyms"),
    [
        ("World Health Organisation - core voluntary contributions account", "World Health Organisation", ()),
        ("World Trade Organisation (WTO)", "World Trade Organisation", ("WTO",)),
        (
            "International Atomic Energy Agency (Contributions to Technical Cooperation Fund Only)",
            "International Atomic Energy Agency",
            (),
        ),
        (
            "Association of South East Asian Nations: Economic Co-operation",
            "Association of South East Asian Nations",
            (),
        ),
        (
            "Technology Bank\xa0for\xa0Least\xa0Developed Countries",
            "Technology Bank for Least Developed Countries",
            (),
        ),
    ],
)
def test_names_lose_funding_windows_and_keep_acronyms(raw, name, acronyms) -> None:
    assert clean_name(raw) == (name, acronyms)


def test_the_codelist_gives_active_multilateral_bodies_once_each() -> None:
    orgs = parse_crs_channels(CODELIST)
    assert [(o.code, o.name, o.acronyms) for o in orgs] == [
        ("41143", "World Health Organisation", ()),
        ("45000", "World Trade Organisation", ("WTO",)),
        ("47092", "South East Asian Fisheries Development Centre", ()),
    ]


def test_both_spellings_and_no_double_suffix() -> None:
    forms = spelling_variants("United Nations Development Programme")
    assert forms == ["United Nations Development Programme", "United Nations Development Program"]
    assert "International Labor Organization" in spelling_variants("International Labour Organisation")


def test_a_body_the_hand_written_kb_names_extends_it_and_lists_every_form() -> None:
    who = KBEntry("agency/int/who", "agency", "World Health Organization", "INT", acronyms=("WHO",))
    escap = KBEntry("agency/int/unescap", "agency", "United Nations Economic and Social Commission for Asia")
    known = known_agencies([who, escap])
    orgs = parse_crs_channels(CODELIST) + parse_crs_channels(
        CODELIST.replace("World Trade Organisation (WTO)", "Economic and Social Commission for Asia")
    )
    lines = {line.get("extends") or line["id"]: line for line in organisation_lines(orgs, known, SOURCE)}
    assert lines["agency/int/who"]["names"] == {"en": ["World Health Organisation"]}  # the form it lacks
    assert lines["agency/int/who"]["listed"] == ["World Health Organisation", "World Health Organization"]
    assert "agency/int/unescap" in lines  # the list's name without "United Nations"
    wto = lines["agency/int/world-trade-organisation"]
    assert wto["country"] == "INT" and wto["acronyms"] == ["WTO"] and wto["source"] == SOURCE
    assert wto["names"] == {"en": ["World Trade Organization"]}


def test_a_name_two_hand_written_agencies_share_is_left_out() -> None:
    twins = [KBEntry(f"agency/int/{i}", "agency", "World Trade Organization") for i in "ab"]
    ids = [
        line.get("id")
        for line in organisation_lines(parse_crs_channels(CODELIST), known_agencies(twins), SOURCE)
    ]
    assert "agency/int/world-trade-organisation" not in ids


def test_blind_evaluation_keeps_what_the_list_gives_a_hidden_entry(tmp_path: Path) -> None:
    hand = {"id": "agency/int/who", "kind": "agency", "country": "INT", "name": "World Health Organization"}
    hand["acronyms"] = ["WHO"]
    (tmp_path / "agencies.jsonl").write_text(json.dumps(hand) + "\n")
    (tmp_path / LISTS_DIR).mkdir()
    extension = {
        "extends": "agency/int/who",
        "kind": "agency",
        "names": {"en": ["World Health Organisation"]},
    }
    extension |= {"listed": ["World Health Organisation", "World Health Organization"], "source": SOURCE}
    (tmp_path / LISTS_DIR / "orgs.jsonl").write_text(json.dumps(extension) + "\n")
    [entry] = read_entries(tmp_path)
    assert entry.listed == ("World Health Organisation", "World Health Organization")
    gold = {"agencies": [{"name": "World Health Organization", "acronym": "WHO"}]}
    kb = blind_kb(gold, read_entries(tmp_path))
    found = {(h.entries[0].id, h.via) for h in kb.find("the World Health Organization (WHO) said")}
    assert found == {("agency/int/who", "name")}  # the listed name, not the hand-written acronym
    assert not blind_kb(gold, read_entries(tmp_path, built=False)).find("the World Health Organization said")


def test_committed_list_is_the_build_of_its_source() -> None:
    lines = [json.loads(line) for line in (KB_DIR / LISTS_DIR / "intl_orgs.jsonl").read_text().splitlines()]
    assert len(lines) > 200 and all("OECD DAC/CRS channel codes" in line["source"] for line in lines)
    assert {line["extends"] for line in lines if "extends" in line} >= {"agency/int/who", "agency/int/adb"}
    assert all(line["country"] == "INT" for line in lines if "id" in line)


def built_lines(script, tmp_path: Path, name: str, text: str) -> list[dict]:
    """Run a build ``script`` on ``text`` saved as ``name``; its lines, each checked to carry
    the script's source and the commit given. A list that is not there gives exit code 2."""
    (tmp_path / name).write_text(text, encoding="utf-8")
    out = tmp_path / "built.jsonl"
    assert script.main([str(tmp_path / name), "--commit", "0123456789abcdef", "--out", str(out)]) == 0
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert {line["source"] for line in lines} == {script.SOURCE + "@0123456789ab"}
    assert script.main([str(tmp_path / "absent"), "--out", str(out)]) == 2
    return lines


def test_the_build_script_writes_the_lines_with_their_source(tmp_path: Path, kb_build_script) -> None:
    lines = built_lines(kb_build_script("build_intl_orgs"), tmp_path, "codes.xml", CODELIST)
    assert "agency/int/world-trade-organisation" in {line.get("id") for line in lines}


UN_CHART = (
    "entity,entity_long,un_principal_organ,category\n"
    "WIPO,World Intellectual Property Organization,Specialized Agencies,\n"
    "ICC,International Criminal Court,Related Organizations,\n"
    "UN-Habitat,United Nations Human Settlements Programme,General Assembly,Funds and Programmes\n"
    "UN Tourism,World Tourism Organization,Specialized Agencies,\n"
    "WORLD BANK GROUP,World Bank Group,Specialized Agencies,\n"
    "UNDRR,United Nations Office for Disaster Risk Reduction,Secretariat,\n"
    "OLA,Office of Legal Affairs,Secretariat,\n"
    "MINURSO,United Nations Mission for the Referendum in Western Sahara,Security Council,"
    "Peacekeeping Operations\n"
    "Ethics Office,United Nations Ethics Office,Secretariat,\n"
)


def test_the_un_chart_gives_its_actors_with_their_acronyms() -> None:
    rows = {name: (others, acronyms) for _, name, others, acronyms in parse_un_system(UN_CHART)}
    assert rows["World Intellectual Property Organization"] == ((), ("WIPO",))
    assert rows["International Criminal Court"] == ((), ())  # three letters: too many meanings
    assert rows["United Nations Human Settlements Programme"] == ((), ("UN-Habitat",))
    assert rows["World Tourism Organization"] == (("UN Tourism",), ())
    assert rows["World Bank Group"] == (("World Bank",), ())
    assert rows["United Nations Office for Disaster Risk Reduction"] == ((), ("UNDRR",))
    assert rows["United Nations Ethics Office"] == ((), ())  # "Ethics Office" alone is anyone's
    assert "Office of Legal Affairs" not in rows  # an internal office with a generic name
    assert not any("Western Sahara" in name for name in rows)  # a mission, not an actor


def test_the_un_build_script_extends_known_bodies_and_records_its_source(
    tmp_path: Path, kb_build_script
) -> None:
    lines = built_lines(kb_build_script("build_un_system"), tmp_path, "un.csv", UN_CHART)
    bank = next(line for line in lines if line.get("extends") == "agency/int/world-bank")
    assert "World Bank" in bank["listed"]
    assert "agency/int/united-nations-office-for-disaster-risk-reduction" in {
        line.get("id") or line.get("extends") for line in lines
    }


def test_committed_un_list_is_the_build_of_its_source() -> None:
    path = KB_DIR / LISTS_DIR / "un_system.jsonl"
    lines = [json.loads(line) for line in path.read_text().splitlines()]
    assert len(lines) > 50 and all(line["source"].startswith("UN System Chart") for line in lines)
    assert all(len(a) >= 4 for line in lines for a in line.get("acronyms", []))
