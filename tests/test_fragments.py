"""The fragment rule: passages that state nothing get no passage label."""

from __future__ import annotations

import pytest

from pipeline.classify import classify_texts, label_passages
from pipeline.fragments import classification_text, is_fragment, statement_words
from pipeline.records import Passage


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("id", "2,50"),
        ("en", "20%"),
        ("id", "No"),
        ("id", "Keterangan"),
        ("id", "Pasal 5"),
        ("id", "BAB II"),
        ("en", "Section 12"),
        ("en", "Table 3"),
        ("id", "Lampiran I"),
        ("id", "a. Nilai indeks"),
        ("id", "jdih.banjarnegarakab.go.id"),
        ("id", "SALINAN"),
        ("id", "PRESIDEN REPUBLIK INDONESIA"),
        ("id", "DENGAN RAHMAT TUHAN YANG MAHA ESA"),
        ("en", "3. Indonesia"),
        ("en", "- 12 -"),
        ("ms", "Perkara 4"),
        ("en", "Ж"),
    ],
)
def test_fragments_are_recognised(lang: str, text: str) -> None:
    assert is_fragment(text)


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("id", "Pemerintah daerah menyediakan layanan transportasi umum terpadu."),
        ("en", "The city installed sensors to monitor air quality."),
        ("ms", "Kerajaan negeri hendaklah menyediakan perkhidmatan awam."),
        ("en", "Bus lanes reduce congestion"),
    ],
)
def test_statements_are_not_fragments(lang: str, text: str) -> None:
    assert not is_fragment(text)


def test_three_letter_words_count_numbers_do_not() -> None:
    assert statement_words("Tabel 2.3 nilai 45% di kota") == ["Tabel", "nilai", "kota"]


def test_headings_and_header_cells_are_fragments() -> None:
    assert is_fragment("Smart Mobility Initiatives in Jakarta", kind="heading")
    assert is_fragment("Smart mobility programme status", kind="table_cell", table={"row": 0})
    assert not is_fragment("Smart mobility programme status", kind="table_cell", table={"row": 2})


def test_a_table_cell_is_classified_with_its_headers() -> None:
    cell = Passage(
        "c",
        "d",
        1,
        "integrated bus ticketing for commuters",
        kind="table_cell",
        table={"row": 2, "col": 1, "col_header": "Smart Mobility", "row_header": "Jakarta"},
    )
    assert classification_text(cell) == ("Smart Mobility: Jakarta: integrated bus ticketing for commuters")
    plain = Passage("p", "d", 1, "A paragraph of text here.")
    assert classification_text(plain) == plain.text


def test_fragments_get_no_labels_even_with_explicit_terms() -> None:
    passages = [
        Passage("f", "d", 1, "Smart Mobility", lang="en"),
        Passage("s", "d", 1, "The city runs a smart mobility programme for commuters.", lang="en"),
    ]
    labelled = {label.passage_id for label in label_passages(passages)}
    assert "f" not in labelled
    assert "s" in labelled


def test_classify_cli_records_say_which_lines_are_fragments() -> None:
    out = classify_texts(
        [{"id": "a", "text": "2,50"}, {"id": "b", "text": "Smart mobility reduces traffic in the city."}]
    )
    assert out[0]["fragment"] is True and out[0]["dimensions"] == []
    assert out[1]["fragment"] is False
