"""The knowledge base: data files, lookup, matching rules, law resolution."""

from __future__ import annotations

import json

import pytest

from pipeline.extract.kb import KB_DIR, KBEntry, KnowledgeBase, default_kb, kb_paths, read_entries
from pipeline.extract.text import fold_text


def test_data_files_are_valid_and_ids_unique() -> None:
    ids = set()
    for path in kb_paths(KB_DIR):
        for line in path.read_text(encoding="utf-8").splitlines():
            entry = json.loads(line)
            if "extends" in entry:  # a built line adding names to a hand-written entry
                assert {"kind", "names", "source"} <= set(entry), entry
                continue
            assert {"id", "kind", "name", "country"} <= set(entry), entry
            assert entry["id"] not in ids, entry["id"]
            ids.add(entry["id"])
    assert len(ids) > 500


@pytest.mark.parametrize(
    ("name", "kind", "expected"),
    [
        ("Kominfo", "agency", "agency/id/kominfo"),
        ("Ministry of Communication and Informatics", "agency", "agency/id/kominfo"),
        ("KPKT", "agency", "agency/my/kpkt"),
        ("depa", "agency", "agency/th/depa"),
        ("Gerakan Menuju 100 Kota Cerdas", "programme", "programme/id/gerakan-menuju-100-smart-city"),
        ("MyDIGITAL", "programme", "programme/my/mydigital"),
        ("Singapura", "place", "place/sg"),
    ],
)
def test_lookup_by_name_or_acronym(name: str, kind: str, expected: str) -> None:
    assert [e.id for e in default_kb().lookup_name(name, kind)][:1] == [expected]


def test_find_names_across_line_breaks_and_case() -> None:
    text = fold_text("oleh KEMENTERIAN KOMUNIKASI DAN\nINFORMATIKA dan badan riset dan inovasi nasional")
    found = {h.entries[0].id for h in default_kb().find(text)}
    assert {"agency/id/kominfo", "agency/id/brin"} <= found


def test_case_sensitive_places_and_acronyms() -> None:
    kb = KnowledgeBase(
        [
            KBEntry(
                "place/id/batu",
                "place",
                "Batu",
                "ID",
                {"id": ["Batu"]},
                case_sensitive=True,
                place_type="city",
            ),  # noqa: E501
            KBEntry("agency/x/who", "agency", "World Health Organization", "INT", acronyms=("WHO",)),
        ]
    )
    assert [h.entries[0].id for h in kb.find("batu bata, who knows")] == []
    assert sorted(h.entries[0].id for h in kb.find("Kota Batu and WHO")) == ["agency/x/who", "place/id/batu"]


def test_ligature_split_names_match() -> None:
    hits = default_kb().find("the Smart City Th ailand Offi ce")
    assert any(h.entries[0].id == "agency/th/smart-city-thailand-office" for h in hits)


def test_demonyms_are_country_evidence_only() -> None:
    (hit,) = [h for h in default_kb().find("the Thai government") if h.via == "demonym"]
    assert hit.entries[0].country == "TH"


def test_resolve_law_by_indonesian_title_and_year() -> None:
    (entry,) = default_kb().resolve_law("Keamanan Siber", 2019, None, None)
    assert entry.law and entry.law["jurisdiction"] == "TH"


def test_resolve_law_tolerates_a_typo() -> None:
    (entry,) = default_kb().resolve_law("Ekonomi Dan Masyrakat Digital", 2017, None, None)
    assert entry.id == "th/act/2017/digital-development-for-economy-and-society-act"


def test_a_remembered_typo_lookup_gives_the_same_laws_and_a_copy() -> None:
    kb = KnowledgeBase(read_entries())
    first = kb.resolve_law("Ekonomi Dan Masyrakat Digital", 2017, None, None)
    first.clear()  # the caller's list, not the memo
    second = kb.resolve_law("Ekonomi Dan Masyrakat Digital", 2017, None, None)
    assert [e.id for e in second] == ["th/act/2017/digital-development-for-economy-and-society-act"]
    assert kb.resolve_law("Ekonomi Dan Masyrakat Digital", 2015, None, None) == []  # the year still counts


def test_resolve_law_respects_the_cited_year() -> None:
    assert default_kb().resolve_law("Keamanan Siber", 2015, None, None) == []


def test_read_entries_from_another_folder(tmp_path) -> None:
    line = {"id": "agency/xx/test", "kind": "agency", "country": "XX", "name": "Test Bureau of Things"}
    (tmp_path / "agencies.jsonl").write_text(json.dumps(line) + "\n")
    kb = KnowledgeBase(read_entries(tmp_path))
    assert [h.entries[0].id for h in kb.find(fold_text("the test bureau of things"))] == ["agency/xx/test"]


def test_an_indonesian_agreement_word_before_a_treaty_title_is_not_part_of_it(tmp_path) -> None:
    line = {
        "id": "int/treaty/2019/example-comprehensive-economic-partnership-agreement",
        "kind": "law",
        "country": "INT",
        "name": "Example Comprehensive Economic Partnership Agreement",
        "law": {"jurisdiction": "INT", "type": "treaty", "year": 2019},
    }
    (tmp_path / "laws.jsonl").write_text(json.dumps(line) + "\n")
    kb = KnowledgeBase(read_entries(tmp_path))
    for cited in (
        "Persetujuan Example Comprehensive Economic Partnership Agreement",
        "Perjanjian Example Comprehensive Economic Partnership Agreement",
        "Persetujuan Example Comprehensiue Econornic Partnership Agreement",  # OCR noise
    ):
        assert [e.id for e in kb.resolve_law(cited, None, None, None)] == [line["id"]], cited
    # negotiations of an agreement are not the agreement's title
    negotiations = "Perundingan Example Comprehensive Economic Partnership Agreement"
    assert kb.resolve_law(negotiations, None, None, None) == []


def test_a_line_that_needs_its_country_says_so() -> None:
    line = {"id": "agency/xa/sample-office", "kind": "agency", "name": "Sample Office", "country": "XA"}
    assert not KBEntry.from_dict(line).needs_country
    assert KBEntry.from_dict(line | {"needs_country": True}).needs_country
