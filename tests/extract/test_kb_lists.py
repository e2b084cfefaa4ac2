"""Knowledge-base lines built from authoritative lists: Indonesia's region codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.extract.kb import KB_DIR, LISTS_DIR, KBEntry, KnowledgeBase, read_entries
from pipeline.extract.kb_lists import Region, parse_wilayah_sql, region_lines, region_place
from pipeline.extract.text import normalize_name

DUMP = """-- Provinsi CONTOH
INSERT INTO wilayah (kode, nama)
VALUES
('77','Contoh Raya'),
('77.01','Kabupaten Lembah Hijau'),
('77.01.01','Distrik Satu'),
('77.01.01.2001','Desa Satu'),
('77.02','Kabupaten Bukit'),
('77.71','Kota Bukit'),
('77.72','Kota Tanjung D''Mas');
"""
SOURCE = "test list"


def test_parse_keeps_provinces_regencies_and_cities_only() -> None:
    assert parse_wilayah_sql(DUMP) == [
        Region("77", "provinsi", "Contoh Raya"),
        Region("77.01", "kabupaten", "Lembah Hijau"),
        Region("77.02", "kabupaten", "Bukit"),
        Region("77.71", "kota", "Bukit"),
        Region("77.72", "kota", "Tanjung D'Mas"),
    ]


def test_a_level_two_row_that_is_neither_kabupaten_nor_kota_is_an_error() -> None:
    with pytest.raises(ValueError, match="77.03"):
        parse_wilayah_sql("('77.03','Distrik Baru')")


def test_bare_names_only_with_two_words() -> None:
    one = region_place(Region("77.02", "kabupaten", "Bukit"), SOURCE)
    two = region_place(Region("77.01", "kabupaten", "Lembah Hijau"), SOURCE)
    assert "Bukit" not in one["names"]["id"] and "Kab. Bukit" in one["names"]["id"]
    assert "Lembah Hijau" in two["names"]["id"]
    assert two["names"]["en"] == ["Lembah Hijau Regency"] and two["source"] == SOURCE


def test_a_region_the_hand_written_kb_names_extends_that_entry_with_the_forms_it_lacks() -> None:
    known = {("place", normalize_name("Tanjung D'Mas")): {"place/id/tanjung-dmas"}}
    lines = region_lines(parse_wilayah_sql(DUMP), known, SOURCE)
    extension = next(line for line in lines if line.get("extends") == "place/id/tanjung-dmas")
    assert extension["names"]["id"][0] == "Kota Tanjung D'Mas" and "id" not in extension
    ids = [line.get("id") for line in lines]
    assert "place/id/kota-tanjung-d-mas" not in ids  # no second entity for the same city
    assert "agency/id/pemkot-tanjung-d-mas" in ids  # its government is new
    both = {"place/id/kab-bukit", "place/id/kota-bukit", "agency/id/pemkab-bukit", "agency/id/pemkot-bukit"}
    assert both <= set(ids)
    assert all(line["source"] == SOURCE for line in lines)


def test_a_name_two_hand_written_entries_share_is_left_out() -> None:
    known = {("place", normalize_name("Lembah Hijau")): {"place/a", "place/b"}}
    ids = [line.get("id") for line in region_lines(parse_wilayah_sql(DUMP), known, SOURCE)]
    assert "place/id/kab-lembah-hijau" not in ids and "agency/id/pemkab-lembah-hijau" in ids


def test_the_loader_merges_an_extension_into_its_entry(tmp_path: Path) -> None:
    hand = {"id": "place/id/x", "kind": "place", "country": "ID", "name": "Tanjung"}
    hand["names"] = {"id": ["Tanjung"]}
    (tmp_path / "places.jsonl").write_text(json.dumps(hand) + "\n")
    (tmp_path / LISTS_DIR).mkdir()
    extension = {"extends": "place/id/x", "kind": "place", "names": {"id": ["Kota Tanjung"]}}
    extension["source"] = SOURCE
    (tmp_path / LISTS_DIR / "x.jsonl").write_text(json.dumps(extension) + "\n")
    [entry] = read_entries(tmp_path)
    assert entry.names["id"] == ["Tanjung", "Kota Tanjung"]
    assert [e.names["id"] for e in read_entries(tmp_path, built=False)] == [["Tanjung"]]
    (tmp_path / LISTS_DIR / "x.jsonl").write_text(json.dumps({**extension, "extends": "place/id/y"}) + "\n")
    with pytest.raises(ValueError, match="place/id/y"):
        read_entries(tmp_path)


def test_lookup_only_agencies_resolve_by_name_but_are_not_searched_in_text() -> None:
    lines = region_lines(parse_wilayah_sql(DUMP), {}, SOURCE)
    kb = KnowledgeBase([KBEntry.from_dict(line) for line in lines])
    assert [e.id for e in kb.lookup_name("Pemerintah Kabupaten Lembah Hijau", "agency")] == [
        "agency/id/pemkab-lembah-hijau"
    ]
    assert [e.id for e in kb.lookup_name("Lembah Hijau Regency Government", "agency")] == [
        "agency/id/pemkab-lembah-hijau"
    ]
    found = {h.entries[0].id for h in kb.find("Pemerintah Kabupaten Lembah Hijau dan Kota Bukit")}
    assert found == {"place/id/kab-lembah-hijau", "place/id/kota-bukit"}


def test_committed_region_list_covers_the_38_provinces_and_514_regencies_and_cities() -> None:
    path = KB_DIR / LISTS_DIR / "id_regions.jsonl"
    lines = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    governments = {line["code"] for line in lines if line.get("id", "").startswith("agency/id/pem")}
    parliaments = {line["code"] for line in lines if line.get("id", "").startswith("agency/id/dprd-")}
    places = {line["code"] for line in lines if line["kind"] == "place"}
    assert sum(len(c) == 5 for c in places) >= 500  # a line or an extension for nearly every one
    assert sum(len(c) == 2 for c in governments | parliaments) >= 37  # Jakarta's are hand-written
    assert sum(len(c) == 5 for c in governments) == 514 and sum(len(c) == 5 for c in parliaments) == 514
    assert all(line["source"].startswith("Kepmendagri") for line in lines)


def test_the_build_script_writes_the_lines_with_their_source(tmp_path: Path, kb_build_script) -> None:
    script = kb_build_script("build_id_regions")
    (tmp_path / "wilayah.sql").write_text(DUMP, encoding="utf-8")
    out = tmp_path / "regions.jsonl"
    args = [str(tmp_path / "wilayah.sql"), "--commit", "0123456789abcdef", "--out", str(out)]
    assert script.main(args) == 0
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert {line["source"] for line in lines} == {script.SOURCE + "@0123456789ab"}
    assert "place/id/kab-lembah-hijau" in {line.get("id") for line in lines}
    assert script.main([str(tmp_path / "absent.sql"), "--out", str(out)]) == 2  # one line, no traceback
