"""What a long form defined with an acronym names: an agency, a programme, or neither."""

from __future__ import annotations

import pytest

from pipeline.extract.linking import classify_long_form


@pytest.mark.parametrize(
    ("long_form", "label"),
    [
        ("Badan Siber dan Sandi Negara", "AGENCY"),
        ("Urban Redevelopment Authority", "AGENCY"),
        ("Sistem Pemerintahan Berbasis Elektronik", "PROGRAMME"),  # an Indonesian national system: policy
        ("Smart Nation Initiative", "PROGRAMME"),
        ("Geographic Information System", None),  # a technical system
        ("Urban Water Harvesting System", None),
        ("Open Data Portal", None),
        ("Internet of Things", None),
        ("Network", None),  # one word names nothing
    ],
)
def test_long_form_label(long_form: str, label: str | None) -> None:
    assert classify_long_form(long_form) == label
