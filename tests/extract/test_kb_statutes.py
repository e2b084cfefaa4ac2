"""Foreign statutes from published lists: Singapore's Acts by title and year, the EU's acts by
CELEX number; the hand-written lines win; a title that ends with its year is taken only
from a citation that gives the year."""

from __future__ import annotations

import json

from pipeline.extract.kb import KBEntry, KnowledgeBase
from pipeline.extract.kb_statutes import eu_acts, known_laws, singapore_acts

SOURCE = "test list"


def _census(*laws: dict) -> str:
    return json.dumps({"jurisdiction": "SG", "laws": list(laws)})


def _act(title: str, status: str = "in_force", category: str = "act") -> dict:
    return {"title": title, "identifier": "X", "status": status, "category": category}


def test_singapore_acts_in_force_with_a_year_in_their_title() -> None:
    census = _census(
        _act("Example Services Act 2019"),
        _act("Constitution of the Example"),  # no year
        _act("Old Example Act 1990", status="repealed"),
        _act("Known Example Act 2001"),
    )
    known = known_laws([KBEntry("sg/act/2001/known", "law", "Known Example Act 2001", "SG")])
    lines = singapore_acts(census, known, SOURCE)
    assert lines == [
        {
            "id": "sg/act/2019/example-services-act-2019",
            "kind": "law",
            "country": "SG",
            "name": "Example Services Act 2019",
            "titles": ["Example Services Act 2019"],
            "law": {"jurisdiction": "SG", "type": "act", "number": None, "year": 2019},
            "code": "X",
            "source": SOURCE,
        }
    ]


def test_eu_acts_by_celex_number_without_delegated_acts() -> None:
    seeds = [
        json.dumps({"full_name": "Example Governance Act", "celex_id": "32022R0868"}),
        json.dumps({"full_name": "Example Directive", "celex_id": "02002L0058-20091219"}),  # consolidated
        json.dumps(
            {"full_name": "Commission Delegated Regulation (EU) 2024/1 - Forms", "celex_id": "32024R0001"}
        ),
        json.dumps({"full_name": "UN Regulation No. 1", "celex_id": "42021X0387"}),
    ]
    lines = eu_acts(seeds, set(), SOURCE)
    assert [(line["id"], line["law"]["number"], line["code"]) for line in lines] == [
        ("eu/directive/2002/58", "58", "02002L0058-20091219"),
        ("eu/regulation/2022/868", "868", "32022R0868"),
    ]


def test_a_hand_written_id_or_title_wins() -> None:
    hand = KBEntry("eu/regulation/2022/868", "law", "Other Name", "EU", titles=("Other Name",))
    seeds = [json.dumps({"full_name": "Example Governance Act", "celex_id": "32022R0868"})]
    assert eu_acts(seeds, known_laws([hand]), SOURCE) == []


def _law(entry_id: str, name: str, year: int, source: str | None = SOURCE) -> KBEntry:
    law = {"jurisdiction": entry_id[:2].upper(), "type": "act", "number": None, "year": year}
    return KBEntry(entry_id, "law", name, entry_id[:2].upper(), titles=(name,), law=law, source=source)


def test_a_listed_title_with_its_year_needs_the_citation_s_year() -> None:
    kb = KnowledgeBase(
        [
            _law("sg/act/1968/employment", "Employment Act 1968", 1968),
            _law("eu/act/2022/x", "Example Act", 2022),
        ]
    )
    assert kb.resolve_law("Employment Act", None, None, None, "act") == []
    assert [e.id for e in kb.resolve_law("Employment Act", 1968, None, None, "act")] == [
        "sg/act/1968/employment"
    ]
    assert [e.id for e in kb.resolve_law("Example Act", None, None, None, "act")] == ["eu/act/2022/x"]


def test_a_hand_written_title_with_its_year_needs_no_year() -> None:
    kb = KnowledgeBase([_law("sg/act/2012/pdpa", "Personal Data Protection Act 2012", 2012, source=None)])
    assert [e.id for e in kb.resolve_law("Personal Data Protection Act", None, None, None, "act")] == [
        "sg/act/2012/pdpa"
    ]


def test_the_build_script_writes_both_lists_with_their_sources(tmp_path, kb_build_script) -> None:
    script = kb_build_script("build_statutes")
    (tmp_path / "census.json").write_text(_census(_act("Example Services Act 2019")), encoding="utf-8")
    seed = {"full_name": "Example Governance Act", "celex_id": "32022R0868"}
    (tmp_path / "seed.json").write_text(json.dumps(seed), encoding="utf-8")
    out = tmp_path / "statutes.jsonl"
    args = [str(tmp_path / "census.json"), str(tmp_path / "seed.json"), "--commit", "a" * 40 + "," + "b" * 40]
    assert script.main([*args, "--out", str(out)]) == 0
    lines = {line["id"]: line for line in map(json.loads, out.read_text(encoding="utf-8").splitlines())}
    assert lines["sg/act/2019/example-services-act-2019"]["source"] == script.SG_SOURCE + "@" + "a" * 12
    assert lines["eu/regulation/2022/868"]["source"] == script.EU_SOURCE + "@" + "b" * 12
    assert script.main([str(tmp_path / "absent.json"), str(tmp_path / "seed.json"), "--out", str(out)]) == 2
