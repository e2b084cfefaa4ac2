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


PU_A_123_2024 = "my/regulation/2024/pu-a-123"


@pytest.mark.parametrize(
    "text",
    [
        "P.U. (A) 123/2024",
        "P.U.(A) 123/2024",
        "PU(A) 123/2024",
        "P.U.(A) 123 of 2024",
        "Peraturan-Peraturan Perlindungan Pengguna 2024 [P.U. (A) 123/2024]",
    ],
)
def test_my_gazette_notification_spellings_share_one_id(text: str) -> None:
    (m,) = find_laws(text)
    assert (m.grammar, m.jurisdiction, m.type) == ("my.pu", "MY", "regulation")
    assert m.canonical_id == PU_A_123_2024


def test_my_gazette_notification_in_malay_text() -> None:
    (m,) = find_laws("seperti yang disiarkan dalam Warta Kerajaan P.U. (A) 45/2021 pada")
    assert m.canonical_id == "my/regulation/2021/pu-a-45"


def test_my_gazette_notification_bracketed_form_leaves_brackets_out() -> None:
    text = "[P.U. (A) 123/2024]"
    (m,) = find_laws(text)
    assert text[m.start : m.end] == "P.U. (A) 123/2024"


def test_my_gazette_series_b_is_a_different_notification() -> None:
    (b,) = find_laws("P.U. (B) 45/2015")
    (a,) = find_laws("P.U. (A) 45/2015")
    assert b.canonical_id == "my/regulation/2015/pu-b-45" != a.canonical_id
    assert (b.extras["series"], a.extras["series"]) == ("B", "A")


@pytest.mark.parametrize(
    "text",
    [
        "Kementerian PU 2020 membangun jalan",  # Pekerjaan Umum
        "Dinas PU (2019) Kota Bandung",
        "Dinas PU (A) Kabupaten",
        "P.U.D. 12/2020",
        "P.U. 123/2024",  # no series letter: not cited this way, left alone
        "P.U. 123",
        "P.U. (A) 123",  # no year
        "lihat hlm. 12/2020",
    ],
)
def test_my_gazette_lookalikes_are_not_laws(text: str) -> None:
    assert find_laws(text) == []


def test_my_gazette_notification_is_a_mention_from_malaysia(make_passages) -> None:
    from pipeline.extract import extract_mentions

    doc, passages = make_passages(
        "Peraturan-peraturan ini disiarkan sebagai P.U.(A) 123 of 2024 dalam Warta Kerajaan.", lang="ms"
    )
    (law,) = [m for m in extract_mentions(doc, passages) if m.label == "LAW"]
    assert law.text == "P.U.(A) 123 of 2024"
    assert law.canonical_id == PU_A_123_2024 and law.country == "MY"
