"""Cross-reference leads that never end a paragraph."""

from __future__ import annotations

import pytest

from pipeline.ingest.references import AYAT, LAST_WORDS, ends_in_reference
from pipeline.lang_data import word_set


@pytest.mark.parametrize(
    "text",
    [
        "Pemutusan hubungan kerja sebagaimana dimaksud pada ayat",
        "ketentuan dalam Pasal 12 ayat",
        "sebagaimana tercantum dalam Pasal 7 huruf",
        "persyaratan sebagaimana dimaksud",
        "sebagaimana dimaksud dalam",
        "diatur dalam ayat (1) dan",
        "diatur dalam Pasal 4, Pasal 5 ayat (2),",
        "the powers referred to in section",
        "as provided under subsection",
        "the matters referred to",
    ],
)
def test_reference_leads(text):
    assert ends_in_reference(text)


@pytest.mark.parametrize(
    "text",
    [
        "Section",  # a column label, not a reference
        "Research Article",
        "Cukup jelas Pasal",  # a heading word read beside its explanation, not a reference
        "Setiap orang wajib menjaga kebersihan; dan",  # a list item ending, the next item follows
        "The city and",
        "described in this Section",
        "Pemerintah Daerah menetapkan rencana induk.",
    ],
)
def test_not_reference_leads(text):
    assert not ends_in_reference(text)


def test_ayat_marker():
    assert AYAT.match("(2) Setiap orang wajib:") and AYAT.match("(1a) Dalam hal")
    assert not AYAT.match("a. huruf") and not AYAT.match("(a) item")


def test_last_words_are_the_word_list() -> None:
    """pipeline/data/lang/{en,id}/reference_last_words.txt, both languages."""
    assert word_set("reference_last_words") == LAST_WORDS
    assert ends_in_reference("sesuai ketentuan Pasal 5 s.d.")
