"""The word lists of pipeline/data/lang/ and their loader."""

from __future__ import annotations

import pytest

from pipeline.lang_data import LANG_DIR, LANGS, entries, list_path, parse_entries, word_set

LIST_FILES = sorted(LANG_DIR.glob("*/*.txt"))


def test_parse_entries_skips_comments_and_blank_lines() -> None:
    text = "# what the list is for\n\n  dan \nthe\n# a comment\nsurat edaran\n\n"
    assert parse_entries(text) == ("dan", "the", "surat edaran")


def test_every_list_is_in_a_language_folder() -> None:
    assert LIST_FILES
    assert {path.parent.name for path in LIST_FILES} <= set(LANGS)


@pytest.mark.parametrize("path", LIST_FILES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_list_file_has_entries_once_each(path) -> None:
    listed = entries(path.stem, path.parent.name)
    assert listed and len(set(listed)) == len(listed)
    assert path.read_text(encoding="utf-8").startswith("#"), "a list says what it is for"


@pytest.mark.parametrize(
    "path", [p for p in LIST_FILES if p.stem != "instrument_types"], ids=lambda p: f"{p.parent.name}/{p.stem}"
)
def test_word_lists_are_lower_case(path) -> None:
    assert all(e == e.lower() for e in entries(path.stem, path.parent.name))


def test_word_set_is_the_union_of_the_languages_that_have_the_list() -> None:
    assert word_set("name_stop") == set(entries("name_stop", "en")) | set(entries("name_stop", "id"))
    assert word_set("name_stop", ["id"]) == set(entries("name_stop", "id"))
    assert not list_path("declaration_generic_leads", "id").exists()
    assert word_set("declaration_generic_leads") == set(entries("declaration_generic_leads", "en"))


@pytest.mark.parametrize("name", ["quality_function_words", "reference_last_words", "stamp_words"])
def test_ingest_lists_have_english_and_indonesian_entries(name: str) -> None:
    """The word lists of pipeline/ingest/ (quality.py, references.py, furniture.py)."""
    assert entries(name, "en") and entries(name, "id")


def test_an_unknown_list_is_an_error() -> None:
    with pytest.raises(FileNotFoundError):
        word_set("no_such_list")
    with pytest.raises(FileNotFoundError):
        entries("no_such_list", "en")


def test_name_stop_lists_do_not_overlap() -> None:
    """A word excluded in Title case too is listed once, in name_stop_titled."""
    assert not word_set("name_stop") & word_set("name_stop_titled")
