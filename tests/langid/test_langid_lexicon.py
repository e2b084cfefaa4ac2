"""Word lists and word-level evidence (pipeline/data/langid/lexicon.json, lexicon.py)."""

from __future__ import annotations

import json

import pytest

from pipeline.langid.lexicon import (
    LEXICON_PATH,
    function_word_counts,
    lead_label,
    load_lexicon,
    malay_indonesian_scores,
    strip_addresses,
    words,
)


def test_lexicon_file_is_consistent() -> None:
    data = json.loads(LEXICON_PATH.read_text(encoding="utf-8"))
    lists = data["function_words"]
    assert not set(lists["en"]) & set(lists["id"]), "a word cannot mark both English and Indonesian"
    for listed in lists.values():
        assert all(w == w.lower() and len(w) >= 2 for w in listed)
    both = set(data["malay_markers"]) & set(data["indonesian_markers"])
    assert not both, f"markers on both sides: {both}"
    assert all(0 < v <= 1 for v in data["malay_markers"].values())


@pytest.mark.parametrize(
    ("text", "family", "count"),
    [
        ("the state of the art", "en", 3),
        ("yang dimaksud dengan pasal ini", "id", 4),
        ("DENGAN RAHMAT TUHAN YANG MAHA ESA", "id", 2),  # a text all in capitals
        ("Pemerintah AS dan IT", "en", 0),  # short acronyms are not words
        ("le rapport de la commission", "other", 3),
        ("de Jong and van der Berg", "other", 0),  # name particles before a name
    ],
)
def test_function_word_counts(text: str, family: str, count: int) -> None:
    assert function_word_counts(words(text))[family] == count


def test_a_word_of_several_other_languages_counts_once() -> None:
    assert function_word_counts(words("una casa"))["other"] == 1  # es and it both list it


def test_malay_needs_two_distinct_forms() -> None:
    assert malay_indonesian_scores(words("kerana kerana kerana"))[0] <= 1.0
    assert malay_indonesian_scores(words("kerana bahawa"))[0] >= 2.0


def test_capitalised_malay_forms_weigh_less() -> None:
    lower, _ = malay_indonesian_scores(words("kerajaan tempatan"))
    named, _ = malay_indonesian_scores(words("Kerajaan Tempatan"))
    assert named < lower


def test_indonesian_forms_score_indonesian() -> None:
    malay, indonesian = malay_indonesian_scores(words("karena pemerintah kabupaten"))
    assert indonesian >= 3 and malay == 0


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Kata kunci: banjir, SIG", ("decide", "id")),
        ("Keywords — smart city", ("decide", "en")),
        ("Tabel III.5 Contoh", ("boost", "id")),
        ("Figure 4 — Seven Domains", ("boost", "en")),
        ("2. Tabel hasil", ("boost", "id")),
        ("Tabelnya bagus", None),
        ("Sources of law", None),
    ],
)
def test_lead_label(text: str, expected: tuple[str, str] | None) -> None:
    found = lead_label(text)
    assert (found[:2] if found else None) == expected


def test_addresses_and_file_names_are_removed() -> None:
    text = "see https://a.org/x, mail me@x.ac.id, jurnal.uic.ac.id and zen_of_python.txt here"
    assert words(strip_addresses(text)) == ["see", "mail", "and", "here"]


def test_lexicon_is_loaded_once() -> None:
    assert load_lexicon() is load_lexicon()
