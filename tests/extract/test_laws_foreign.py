"""Malaysian, Singaporean, Thai, Philippine, Vietnamese and treaty citations."""

from __future__ import annotations

import pytest

from pipeline.extract import find_laws


def ids(text: str, country: str | None = None) -> list[str]:
    return [m.to_law(country).canonical_id for m in find_laws(text)]


@pytest.mark.parametrize(
    ("lang", "text", "country", "expected"),
    [
        ("en", "Local Government Act 1976 (Act 171)", "MY", "my/act/1976/171"),
        ("en", "under Act 709 the data user", None, "my/act/-/709"),
        ("ms", "Akta 709", None, "my/act/-/709"),
        ("en", "Laws of Malaysia Act 599 Consumer Protection Act 1999", None, "my/act/1999/599"),
        (
            "en",
            "the Personal Data Protection Act 2012 applies",
            "SG",
            "sg/act/2012/personal-data-protection-act",
        ),  # noqa: E501
        ("en", "Cybersecurity Act B.E. 2562", "TH", "th/act/2019/cybersecurity-act"),
        ("en", "the Data Privacy Act of 2012", "PH", "ph/act/2012/data-privacy-act"),
        ("en", "Republic Act No. 10173", None, "ph/act/-/10173"),
        ("en", "Law No. 24/2018/QH14 on Cybersecurity", None, "vn/act/2018/24"),
        ("en", "Decree 13/2023/ND-CP", None, "vn/regulation/2023/13"),
        ("id", "undang-undang Pemerintah Daerah 1976 (UU 171), undang-undang ini", "MY", "my/act/1976/171"),
        ("id", "Undang-undang Keamanan Siber (2019), yang", "TH", "th/act/2019/keamanan-siber"),
        (
            "id",
            "Undang-Undang Ekonomi Dan Masyarakat Digital 2017,",
            "TH",
            "th/act/2017/ekonomi-dan-masyarakat-digital",
        ),  # noqa: E501
        ("ms", "Akta Kerajaan Tempatan 1976 (Akta 171)", "MY", "my/act/1976/171"),
        ("en", "Law No. 11 of 2019 on the National System", "ID", "id/uu/2019/11"),
        (
            "en",
            "the Convention on the Rights of the Child",
            None,
            "int/treaty/-/convention-on-the-rights-of-the-child",
        ),  # noqa: E501
    ],
)
def test_foreign_citation_patterns(lang: str, text: str, country: str | None, expected: str) -> None:
    assert ids(text, country) == [expected]


def test_buddhist_era_year_becomes_gregorian() -> None:
    (m,) = find_laws("Personal Data Protection Act B.E. 2562")
    assert m.year == 2019


def test_context_decides_jurisdiction_of_title_citation() -> None:
    (m,) = find_laws("Undang-undang perlindungan data Pribadi (PDPA) (2019)")
    assert m.jurisdiction is None and m.acronym == "PDPA"
    assert m.to_law("TH").jurisdiction == "TH"
    assert m.to_law(None).canonical_id.startswith("-/act/2019/")


@pytest.mark.parametrize("text", ["undang-undang ini menetapkan", "The Act 2 scene", "Act now in 2019"])
def test_generic_act_mentions_are_not_laws(text: str) -> None:
    assert find_laws(text) == []
