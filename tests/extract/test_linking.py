"""What a defined acronym's long form names (``pipeline/extract/linking.py``)."""

from __future__ import annotations

import pytest

from pipeline.extract.kb import KBEntry, KnowledgeBase
from pipeline.extract.linking import classify_long_form, placed_programme


@pytest.mark.parametrize(
    ("long_form", "label"),
    [
        ("Badan Siber dan Sandi Negara", "AGENCY"),
        ("Land Transport Authority", "AGENCY"),
        ("Sistem Pemerintahan Berbasis Elektronik", "PROGRAMME"),
        ("ASEAN Smart Cities Network", "PROGRAMME"),
        ("Jabatan Pimpinan Tinggi Madya", None),  # a civil-service post, not a Malay department
        ("Jabatan Perangkaan Malaysia", "AGENCY"),
        ("Quick Response", None),
        ("Standar Nasional Kode Contoh", "PROGRAMME"),  # the nation's, no body: a standard
        ("Strategic National Projects", "PROGRAMME"),
        ("Riverton National University", None),
        ("Badan", None),
        ("sistem pemerintahan berbasis elektronik", "PROGRAMME"),  # a name, written in lower case
        ("sistem, dan komponen", None),  # a list of things: "struktur, sistem, dan komponen (SSK)"
        ("Convolutional Neural Network", None),  # a kind of technology
        ("Sistem Informasi Geografis", None),  # a kind of system (lang/id/programme_kind_names.txt)
    ],
)
def test_the_head_word_of_a_long_form_gives_its_label(long_form: str, label: str | None) -> None:
    assert classify_long_form(long_form) == label


def test_a_defined_long_form_that_begins_with_a_place_is_a_city_s_programme() -> None:
    kb = KnowledgeBase([KBEntry("place/xa/riverton", "place", "Riverton", "XA", place_type="city")])
    assert placed_programme("Riverton Residents Identification", kb) == "PROGRAMME"
    assert placed_programme("Riverton International Airport", kb) is None
    assert placed_programme("Riverton Management University", kb) is None
    assert placed_programme("Residents Identification Riverton", kb) is None
    assert placed_programme("Riverton Smart", kb) is None  # one word after the place
