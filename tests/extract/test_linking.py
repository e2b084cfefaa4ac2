"""What a defined acronym's long form names (``pipeline/extract/linking.py``)."""

from __future__ import annotations

import pytest

from pipeline.extract.linking import classify_long_form


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
    ],
)
def test_the_head_word_of_a_long_form_gives_its_label(long_form: str, label: str | None) -> None:
    assert classify_long_form(long_form) == label
