"""Keyed document-level entity annotations: page texts, locating names, reading keys back,
rebuilding gold-format annotations, and loading them from a real (generated) PDF."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from pipeline.filenames import file_sha256
from pipeline.train.entity_labels import (
    key_for,
    load_entity_documents,
    locate,
    page_texts,
    read_key,
    rebuild,
)
from pipeline.train.passage_keys import text_sha1

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from pdfmaker import Text, make_pdf  # noqa: E402

PAGES = {
    1: "KEMENTERIAN KOMUNIKASI DAN INFORMATIKA\nMenimbang bahwa Kominfo menjalankan program Satu Data.",
    2: "Badan Siber dan Sandi Negara (BSSN) bekerja sama dengan Pemerintah Provinsi Bali.",
}


def test_page_texts_join_a_pages_passages_in_order_one_per_line() -> None:
    rows = [
        {"page": 1, "text": "First  passage\nwrapped"},
        {"page": 2, "text": "Other page"},
        {"page": 1, "text": "Second"},
    ]
    assert page_texts(rows) == {1: "First passage wrapped\nSecond", 2: "Other page"}


def test_locate_is_whitespace_insensitive_exact_case_first_then_any_case() -> None:
    text = "Menurut Badan Siber dan\nSandi Negara, BADAN SIBER tidak"
    assert locate("Badan Siber dan Sandi Negara", text) == (8, 36)
    assert text[slice(*locate("Badan Siber", text))] == "Badan Siber"
    assert locate("badan siber", text) == (8, 19)
    assert locate("Sandi Negara dan", text) is None


def test_locate_keeps_to_whole_words() -> None:
    assert locate("LAN", "PELANGGAN dan WLAN") is None
    assert locate("LAN", "jaringan LAN, WAN") == (9, 12)


def test_key_for_prefers_the_given_page_and_reads_back() -> None:
    key = key_for("Kominfo", PAGES, preferred=[2])
    assert key is not None and key.page == 1
    assert read_key(key.to_dict(), PAGES) == "Kominfo"
    assert key_for("Lembaga Tidak Ada", PAGES, preferred=[1]) is None


def test_read_key_finds_the_name_again_when_the_reader_shifts_text() -> None:
    key = key_for("Pemerintah Provinsi Bali", PAGES, preferred=[2]).to_dict()
    shifted = {**PAGES, 2: "Catatan baru. " + PAGES[2]}
    assert read_key(key, shifted) == "Pemerintah Provinsi Bali"
    moved = {1: PAGES[1] + "\n" + PAGES[2], 2: "lain"}
    assert read_key(key, moved) == "Pemerintah Provinsi Bali"
    assert read_key(key, {1: PAGES[1], 2: "Pemerintah Provinsi Jawa Barat"}) is None


def _record(label: str, entity: int, **names: str) -> dict:
    record = {"kind": "entity", "document": "d", "label": label, "entity": entity, "country": "ID"}
    for field, text in names.items():
        record[field] = key_for(text, PAGES, []).to_dict()
    return record


def test_rebuild_gives_gold_format_and_reports_orphans() -> None:
    document = {"kind": "document", "document": "d", "file": "x.pdf", "pages": [1, 2], "language": "id"}
    law = {
        **_record("LAW", 2, surface="Kominfo"),
        "jurisdiction": "ID",
        "type": "permen",
        "number": "3",
        "year": 2020,
    }
    lost = _record("AGENCY", 3, name="Kominfo")
    lost["name"] = {**lost["name"], "text_sha1": text_sha1("something else")}
    records = [
        _record("AGENCY", 0, name="Badan Siber dan Sandi Negara", acronym="BSSN"),
        _record("PROGRAMME", 1, name="Satu Data"),
        law,
        lost,
    ]
    gold, orphans = rebuild(document, records, PAGES)
    assert gold["source"] == "annotated" and gold["pages"] == [1, 2]
    assert gold["agencies"] == [
        {"country": "ID", "name": "Badan Siber dan Sandi Negara", "acronym": "BSSN"},
    ]
    assert gold["programmes"] == [{"country": "ID", "name": "Satu Data"}]
    assert gold["laws"][0]["number"] == "3" and gold["laws"][0]["surface"] == "Kominfo"
    assert orphans == [lost]


@pytest.fixture
def perda(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, str, dict[int, str]]:
    """A two-page PDF: (its path, its sha256, its page texts as annotators read them)."""
    monkeypatch.setenv("SANDINGAN_OUT_DIR", str(tmp_path / "out"))
    pdf = tmp_path / "perda.pdf"
    make_pdf(
        pdf,
        [
            [Text(72, 72, "Dinas Perhubungan Kota Bandung menjalankan program Bandung Smart City.")],
            [Text(72, 72, "Halaman kedua menyebut Dinas Kesehatan Kota Bandung.")],
        ],
    )
    sha = file_sha256(pdf)
    from pipeline.train.annotated import document_texts

    return pdf, sha, page_texts(document_texts(pdf, sha))


def test_load_entity_documents_reads_names_from_the_pdf(
    tmp_path: Path, perda: tuple[Path, str, dict[int, str]]
) -> None:
    pdf, sha, pages = perda
    key = key_for("Dinas Perhubungan Kota Bandung", pages, [1])
    assert key is not None
    label_file = tmp_path / "entity_labels.jsonl"
    lines = [
        {"kind": "document", "document": sha, "file": "perda.pdf", "pages": [1, 1], "language": "id"},
        {"kind": "entity", "document": sha, "label": "AGENCY", "entity": 0, "name": key.to_dict()},
        {"kind": "document", "document": "0" * 64, "file": "absent.pdf", "pages": [1, 3], "language": "en"},
    ]
    label_file.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    documents, orphans = load_entity_documents([tmp_path], label_file)
    assert orphans == []
    assert len(documents) == 1
    gold, path = documents[0]
    assert path == pdf
    assert [a["name"] for a in gold["agencies"]] == ["Dinas Perhubungan Kota Bandung"]


def test_a_pdf_annotated_in_two_windows_gives_two_documents_with_their_own_entities(
    tmp_path: Path, perda: tuple[Path, str, dict[int, str]]
) -> None:
    pdf, sha, pages = perda
    first = key_for("Dinas Perhubungan Kota Bandung", pages, [1])
    later = key_for("Dinas Kesehatan Kota Bandung", pages, [2])
    assert first is not None and later is not None
    label_file = tmp_path / "entity_labels.jsonl"
    lines = [
        {"kind": "document", "document": sha, "file": "perda.pdf", "pages": [1, 1], "language": "id"},
        {"kind": "entity", "document": sha, "label": "AGENCY", "entity": 0, "name": first.to_dict()},
        {"kind": "document", "document": sha, "file": "perda.pdf", "pages": [2, 2], "language": "id"},
        {
            "kind": "entity",
            "document": sha,
            "label": "AGENCY",
            "entity": 0,
            "name": later.to_dict(),
            "window": [2, 2],
        },
    ]
    label_file.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    documents, orphans = load_entity_documents([tmp_path], label_file)
    assert orphans == []
    assert [(g["pages"], [a["name"] for a in g["agencies"]]) for g, _ in documents] == [
        ([1, 1], ["Dinas Perhubungan Kota Bandung"]),
        ([2, 2], ["Dinas Kesehatan Kota Bandung"]),
    ]


def test_locate_lets_a_number_follow_a_name_but_not_a_letter_or_a_longer_number() -> None:
    toc = "10.5. Tim Koordinasi SPBE Kementerian Koordinator Bidang Perekonomian81"
    assert toc[slice(*locate("Kementerian Koordinator Bidang Perekonomian", toc))].endswith("Perekonomian")
    assert locate("Kementerian Koordinator Bidang Perekonomi", toc) is None
    assert locate("Act 9", "the Act 90 of 2018") is None
    assert locate("Act 9", "the Act 9 of 2018") == (4, 9)
