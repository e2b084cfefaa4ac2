"""Country from context: the ``paragraph`` and ``preceding`` rules and where they sit in the
rule order (entity, sentence, paragraph, section, table_column, preceding, document)."""

from __future__ import annotations

import pytest

from pipeline.extract import extract_mentions
from pipeline.extract.countries import (
    PRECEDING_CHARS,
    PRECEDING_PASSAGES,
    CountryHit,
    dominant_country,
    last_named_country,
    preceding_window,
)
from pipeline.records import Passage

CYBER_ID = "Undang-undang Siber Nasional (2019) mengatur keamanan data."
URBAN_EN = "The Urban Planning Act 2017 governs land use."


def laws(doc, passages) -> list[tuple[str, str | None, str | None]]:
    """(canonical id, country, rule) of each law mention, in passage and text order."""
    found = [m for m in extract_mentions(doc, passages) if m.label == "LAW"]
    found.sort(key=lambda m: (m.passage_id, m.start))
    return [(m.canonical_id, m.country, m.country_rule) for m in found]


def passage(text: str, pid: str = "p", section: str | None = None, kind: str = "text") -> Passage:
    return Passage(id=pid, document_id="d", page=1, text=text, section=section, kind=kind, lang="id")


# ---- the rules on whole documents ------------------------------------------------------


def test_preceding_passage_names_the_country_of_acts_with_unknown_jurisdiction(make_passages) -> None:
    doc, passages = make_passages(
        (
            "Malaysia telah menetapkan kerangka kerja kebijakan untuk memandu pengembangan smart city.",
            "id",
            "4. Perbandingan",
        ),
        (
            "Komponen utamanya meliputi undang-undang Pemerintah Daerah 1976 (UU 171) dan undang-undang "
            "komunikasi dan multimedia 1998 (UU 58).",
            "id",
            "4. Perbandingan",
        ),
    )
    doc.title = "Kebijakan smart city di Indonesia"  # the document's focus is Indonesia
    assert laws(doc, passages) == [
        ("my/act/1976/171", "MY", "preceding"),
        ("my/act/1998/58", "MY", "preceding"),
    ]


def test_law_jurisdiction_follows_the_context_country(make_passages) -> None:
    doc, passages = make_passages(
        "Thailand membentuk badan baru.", "Undang-undang Pemerintah Daerah 1976 (UU 171)."
    )
    (m,) = [m for m in extract_mentions(doc, passages) if m.label == "LAW"]
    assert (m.law.jurisdiction, m.canonical_id, m.country_rule) == ("TH", "th/act/1976/171", "preceding")


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("id", "Di Thailand, pemerintah membentuk badan baru. " + CYBER_ID, "TH"),
        ("en", "In Thailand, the government set up a new agency. " + URBAN_EN, "TH"),
        ("en", "Bangkok leads the programme. " + URBAN_EN, "TH"),
        ("id", "Malaysia memulai pada 2015. Thailand menyusul pada 2017. " + CYBER_ID, "TH"),
        ("en", "Thailand and Bangkok lead. " + URBAN_EN + " Malaysia differs.", "TH"),
    ],
)
def test_paragraph_rule(make_passages, lang: str, text: str, expected: str) -> None:
    doc, passages = make_passages(text, lang=lang)
    ((_, country, rule),) = laws(doc, passages)
    assert (country, rule) == (expected, "paragraph")


def test_several_countries_after_the_mention_leave_the_paragraph_undecided(make_passages) -> None:
    doc, passages = make_passages(URBAN_EN + " Malaysia and Thailand differ.", lang="en")
    assert laws(doc, passages) == [("-/act/2017/urban-planning-act", None, None)]


def test_paragraph_beats_section(make_passages) -> None:
    text = "Di Thailand, pemerintah membentuk badan baru. " + CYBER_ID
    doc, passages = make_passages((text, "id", "2. Malaysia"))
    assert laws(doc, passages)[0][1:] == ("TH", "paragraph")


def test_entity_beats_paragraph(make_passages) -> None:
    doc, passages = make_passages("Di Malaysia, kerangka kerja berbeda. Perpres No. 95/2018 mengatur SPBE.")
    assert laws(doc, passages)[0][1:] == ("ID", "entity")


def test_section_beats_preceding(make_passages) -> None:
    doc, passages = make_passages(
        ("Thailand memiliki kerangka sendiri.", "id", "3. Malaysia"), (CYBER_ID, "id", "3. Malaysia")
    )
    assert laws(doc, passages)[0][1:] == ("MY", "section")


def test_table_header_beats_preceding(make_passages) -> None:
    cell = {"table_id": "t1", "row": 2, "col": 1, "row_header": "Regulasi", "col_header": "Thailand"}
    doc, passages = make_passages(
        ("Malaysia telah menetapkan kerangka kerja.", "id", "S"),
        ("Undang-undang Siber Nasional (2019)", "id", "S", cell),
    )
    assert laws(doc, passages)[0][1:] == ("TH", "table_column")


def test_preceding_skips_table_cells(make_passages) -> None:
    cell = {"table_id": "t1", "row": 1, "col": 1, "row_header": "Regulasi", "col_header": "Tahun"}
    doc, passages = make_passages(
        ("Malaysia telah menetapkan kerangka kerja.", "id", "S"),
        ("Vietnam 2020", "id", "S", cell),
        (CYBER_ID, "id", "S"),
    )
    assert laws(doc, passages)[0][1:] == ("MY", "preceding")


def test_preceding_stops_at_a_section_change(make_passages) -> None:
    doc, passages = make_passages(
        ("Malaysia telah menetapkan kerangka kerja.", "id", "A"), (CYBER_ID, "id", "B")
    )
    assert laws(doc, passages)[0][1:] == (None, None)


def test_preceding_looks_back_a_limited_number_of_passages(make_passages) -> None:
    filler = ["Kerangka kerja ini memuat beberapa komponen."] * PRECEDING_PASSAGES
    doc, passages = make_passages("Malaysia telah menetapkan kerangka kerja.", *filler, CYBER_ID)
    assert laws(doc, passages)[0][1:] == (None, None)
    doc, passages = make_passages("Malaysia telah menetapkan kerangka kerja.", *filler[1:], CYBER_ID)
    assert laws(doc, passages)[0][1:] == ("MY", "preceding")


def test_preceding_looks_back_a_limited_number_of_characters(make_passages) -> None:
    long_text = "Kerangka kerja ini memuat beberapa komponen. " * (PRECEDING_CHARS // 40)
    doc, passages = make_passages("Malaysia telah menetapkan kerangka kerja.", long_text, CYBER_ID)
    assert laws(doc, passages)[0][1:] == (None, None)
    doc, passages = make_passages(long_text + "Malaysia juga demikian.", CYBER_ID)
    assert laws(doc, passages)[0][1:] == ("MY", "preceding")


def test_a_list_of_countries_in_the_preceding_passage_ends_the_search(make_passages) -> None:
    doc, passages = make_passages(
        "Malaysia telah menetapkan kerangka kerja.", "Malaysia, Thailand dan Indonesia berbeda.", CYBER_ID
    )
    assert laws(doc, passages)[0][1:] == (None, None)


def test_context_rules_do_not_guess_past_a_sentence_listing_countries(make_passages) -> None:
    doc, passages = make_passages(
        "Malaysia telah menetapkan kerangka kerja.", "Indonesia, Malaysia dan Thailand merujuk " + CYBER_ID
    )
    assert laws(doc, passages)[0][1:] == (None, None)


# ---- the pieces ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("weights", "expected"),
    [
        ([], None),
        ([("MY", 1.0)], "MY"),
        ([("MY", 0.5)], "MY"),
        ([("MY", 1.0), ("MY", 1.0), ("TH", 1.0)], "MY"),
        ([("MY", 1.0), ("MY", 0.5), ("TH", 1.0)], None),
        ([("MY", 1.0), ("TH", 0.5)], "MY"),
        ([("MY", 1.0), ("TH", 1.0)], None),
    ],
)
def test_dominant_country(weights: list[tuple[str, float]], expected: str | None) -> None:
    hits = [CountryHit(i, c, w) for i, (c, w) in enumerate(weights)]
    assert dominant_country(hits) == expected


@pytest.mark.parametrize(
    ("text", "hits", "expected"),
    [
        ("Malaysia mulai. Thailand menyusul. X", [(0, "MY"), (16, "TH")], "TH"),
        ("Malaysia dan Thailand mulai. X", [(0, "MY"), (13, "TH")], "TH"),
        ("Malaysia, Thailand dan Vietnam mulai. X", [(0, "MY"), (10, "TH"), (23, "VN")], None),
        ("X. Malaysia mulai.", [(3, "MY")], None),  # named only after offset 1
    ],
)
def test_last_named_country(text: str, hits: list[tuple[int, str]], expected: str | None) -> None:
    found = [CountryHit(start, country, 1.0) for start, country in hits]
    before = text.index("X") + 1 if text.endswith("X") else 1
    assert last_named_country(text, found, before) == expected


def test_preceding_window_keeps_its_section_and_kinds() -> None:
    passages = [
        passage("a", "p0", "A"),
        passage("b", "p1", "B"),
        passage("c", "p2", "B", "heading"),
        passage("d", "p3", "B", "table_cell"),
        passage("ee", "p4", "B"),
        passage("f", "p5", "B"),
    ]
    window = preceding_window(passages, 5)
    assert [(p.id, gap) for p, gap in window] == [("p4", 0), ("p2", 2), ("p1", 3)]
