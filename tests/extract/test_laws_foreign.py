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
        (
            "en",
            "the General Agreement on Tariffs and Trade",
            None,
            "int/treaty/-/general-agreement-on-tariffs-and-trade",
        ),
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
    # with its Malay title before it, the title's grammar reads the gazette number too
    assert m.grammar == ("ms.subsidiary_title" if text.startswith("Peraturan") else "my.pu")
    assert (m.jurisdiction, m.type) == ("MY", "regulation")
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


GDPR_ID = "eu/regulation/2016/679"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Regulation (EU) 2016/679", GDPR_ID),  # since 2015: year first
        ("regulation (EU) 2016/679 applies", GDPR_ID),
        ("EU Regulation 2016/679", GDPR_ID),
        ("Regulation (EU) No. 2016/679", GDPR_ID),  # "No" written loosely before a new-style number
        ("Regulation (EU) No 910/2014", "eu/regulation/2014/910"),  # before 2015: number first
        ("Regulation (EC) No 1907/2006", "eu/regulation/2006/1907"),
        ("Council Regulation (EEC) No 1612/68 on", "eu/regulation/1968/1612"),
        ("Regulation (EU, Euratom) 2018/1046", "eu/regulation/2018/1046"),
        ("Directive (EU) 2016/1148", "eu/directive/2016/1148"),
        ("Directive 95/46/EC of the European Parliament", "eu/directive/1995/46"),  # 1995, no. 46
        ("Directive 2002/58/EC", "eu/directive/2002/58"),
    ],
)
def test_eu_acts_by_number(text: str, expected: str) -> None:
    (m,) = find_laws(text)
    assert (m.grammar, m.jurisdiction) == ("eu.numbered", "EU")
    assert m.canonical_id == expected


def test_eu_act_span_ends_at_its_number() -> None:
    text = "Directive 95/46/EC of the European Parliament"
    (m,) = find_laws(text)
    assert text[m.start : m.end] == "Directive 95/46/EC"
    assert (m.type, m.number, m.year, m.extras["org"]) == ("directive", "46", 1995, "EC")


@pytest.mark.parametrize(
    "text",
    [
        "Regulation 2016/679",
        "Government Regulation 2016/679",
        "Directive 12/3 of the board",
        "the regulation (EU) says",
    ],
)
def test_eu_lookalikes_without_an_eu_mark_are_not_eu_acts(text: str) -> None:
    assert [m for m in find_laws(text) if m.grammar == "eu.numbered"] == []


@pytest.mark.parametrize(
    "text", ["General Data Protection Regulation", "GDPR", "Regulation (EU) 2016/679", "EU GDPR"]
)
def test_gdpr_title_acronym_and_number_share_one_id(make_passages, text: str) -> None:
    from pipeline.extract import extract_mentions

    doc, passages = make_passages(f"Privacy rules follow the {text} closely.", lang="en")
    (law,) = [m for m in extract_mentions(doc, passages) if m.label == "LAW"]
    assert law.canonical_id == GDPR_ID and law.country == "EU"


def test_gdpr_in_an_english_passage_is_a_law(make_passages) -> None:
    from pipeline.extract import extract_mentions

    doc, passages = make_passages(
        "Singapore studied the GDPR of the European Union before drafting its own data rules.", lang="en"
    )
    (law,) = [m for m in extract_mentions(doc, passages) if m.label == "LAW"]
    assert law.text == "GDPR"
    assert law.canonical_id == GDPR_ID and law.country == "EU"
    assert law.law is not None and (law.law.jurisdiction, law.law.type) == ("EU", "regulation")
    assert law.canonical_name == "General Data Protection Regulation"


@pytest.mark.parametrize(
    ("text", "title", "year"),
    [
        (
            "the ASEAN Leaders' Statement on Cybersecurity Cooperation (2018) calls",
            "ASEAN Leaders' Statement on Cybersecurity Cooperation",
            2018,
        ),
        (
            "the ASEAN Leaders' Declaration on Disability Inclusive Development",
            "ASEAN Leaders' Declaration on Disability Inclusive Development",
            None,
        ),
        (
            "the Kuala Lumpur Declaration on ASEAN 2025, adopted in 2015",
            "Kuala Lumpur Declaration on ASEAN 2025",  # the bare number is part of the title
            None,
        ),
        (
            "the ASEAN Declaration on Strengthening Social Protection, 2013",
            "ASEAN Declaration on Strengthening Social Protection",
            2013,
        ),
        (
            "a Joint Statement on the Establishment of the Smart Cities Network",
            "Joint Statement on the Establishment of the Smart Cities Network",
            None,
        ),
        (
            "the ASEAN-Japan Joint Statement on Cybersecurity Cooperation",
            "ASEAN-Japan Joint Statement on Cybersecurity Cooperation",
            None,
        ),
        (
            "the ASEAN Leaders' Vision Statement on a Cohesive and Responsive ASEAN was adopted",
            "ASEAN Leaders' Vision Statement on a Cohesive and Responsive ASEAN",
            None,
        ),
    ],
)
def test_leaders_declarations_and_statements(text: str, title: str, year: int | None) -> None:
    (m,) = find_laws(text)
    assert (m.grammar, m.type, m.jurisdiction) == ("int.declaration", "declaration", "INT")
    assert (m.title, m.year) == (title, year)
    assert m.canonical_id.startswith("int/declaration/")


def test_declaration_id_is_its_title() -> None:
    (m,) = find_laws("ASEAN Leaders' Statement on Cybersecurity Cooperation (2018)")
    assert m.canonical_id == "int/declaration/2018/asean-leaders-statement-on-cybersecurity-cooperation"


@pytest.mark.parametrize(
    "text",
    [
        "a statement on the matter",
        "the declaration on page 4",
        "The Declaration on Page 4 lists",
        "Statement on risk management",
        "Statement on Internal Control",  # no Joint / Leaders' / Ministers' marker
        "In the Statement on Internal Control",
        "Joint Statement on the matter",  # lower-case after "on"
        "a Joint Statement on a matter",
        "Declaration of Interest",
        "a Declaration of Interest form",
        "Annual Declaration on Income Tax",
        "See Declaration on Income",
        "Maritime Declaration of Health untuk Kapal",
        "Aircraft General Declaration) kepada",
    ],
)
def test_generic_statements_and_declarations_are_not_laws(text: str) -> None:
    assert find_laws(text) == []


NUMBERED_KB_LAWS = [
    (
        "Data controllers follow Regulation (EU) 2016/679 when they process data.",
        "Regulation (EU) 2016/679",
        "General Data Protection Regulation",
    ),
    ("Personal data is protected under Act 709 in Malaysia.", "Act 709", "Personal Data Protection Act 2010"),
]


@pytest.mark.parametrize(("sentence", "cited", "name"), NUMBERED_KB_LAWS)
def test_a_law_cited_by_number_is_named_as_the_knowledge_base_knows_it(make_passages, sentence, cited, name):
    from pipeline.extract import extract_mentions

    doc, passages = make_passages(sentence, lang="en")
    (law,) = [m for m in extract_mentions(doc, passages) if m.label == "LAW"]
    assert law.text == cited and law.canonical_name == name


# ---- titles with a bracketed part, subsidiary legislation, possessives ------------------


@pytest.mark.parametrize(
    ("text", "country", "expected"),
    [
        ("Road Transport (Amendment) Act 2010 (Act A1380)", "MY", "my/act/2010/a1380"),
        ("the Public Sector (Governance) Act 2018", "SG", "sg/act/2018/public-sector-governance-act"),
        (
            "Personal Data Protection Regulations 2013",
            "MY",
            "my/regulation/2013/personal-data-protection-regulations",
        ),
        ("Minimum Wages Order 2024", "MY", "my/regulation/2024/minimum-wages-order"),
        # a title with its gazette number is one instrument, known by the number
        ("Minimum Wages Order 2024 [P.U. (A) 376/2024]", None, "my/regulation/2024/pu-a-376"),
        (
            "Personal Data Protection (Class of Data Users) Order 2013",
            "MY",
            "my/regulation/2013/personal-data-protection-class-of-data-users-order",
        ),
    ],
)
def test_act_and_subsidiary_titles(text: str, country: str | None, expected: str) -> None:
    assert ids(text, country) == [expected]


@pytest.mark.parametrize(
    "text",
    ["The Cabinet Order 2013 said.", "under the Rules 2013", "a Cabinet Order"],
)
def test_an_order_or_rules_need_a_title_of_two_words_and_a_year(text: str) -> None:
    assert find_laws(text) == []


def test_a_country_s_possessive_is_not_part_of_the_title() -> None:
    text = "Thailand's Computer Crime Act B.E. 2550 applies."
    (m,) = find_laws(text)
    assert (m.title, m.year) == ("Computer Crime Act", 2007)
    assert text[m.start : m.end] == "Computer Crime Act B.E. 2550"


def test_singapore_s_act_number_in_its_year_is_kept_aside() -> None:
    (m,) = find_laws("the Personal Data Protection Act 2012 (No. 26 of 2012) applies")
    assert (m.number, m.year, m.extras) == (None, 2012, {"sg_number": "26"})


# ---- Malay statutes by title ------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Kanun Tanah Negara [Akta 56 tahun 1965]", ("act", "56", 1965, "Kanun Tanah Negara")),
        (
            "Akta Majlis Perundingan Gaji Negara 2011 [Akta 732]",
            ("act", "732", 2011, "Majlis Perundingan Gaji Negara"),
        ),
        ("Ordinan Pelajaran 1957", ("act", None, 1957, "Ordinan Pelajaran")),
        ("Akta Perlembagaan (Pindaan) 1971 [Akta A30]", ("act", "A30", 1971, "Perlembagaan (Pindaan)")),
        ("Enakmen Tanah Negeri Selangor 1960", ("act", None, 1960, "Enakmen Tanah Negeri Selangor")),
        # a title of two years with its number: the number says which
        ("Akta Tafsiran 1948 dan 1967 [Akta 388]", ("act", "388", None, "Tafsiran")),
    ],
)
def test_malay_statutes_by_title(text: str, expected: tuple) -> None:
    (m,) = find_laws(text)
    assert (m.type, m.number, m.year, m.title) == expected


@pytest.mark.parametrize("text", ["menurut Akta ini pada tahun 2019", "Akta Kelahiran diterbitkan"])
def test_a_malay_act_needs_a_year_or_a_number(text: str) -> None:
    assert find_laws(text) == []


# ---- constitutions -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Article 74 of the Federal Constitution", ("MY", None)),
        ("Perkara 153 Perlembagaan Persekutuan", ("MY", None)),
        ("the Constitution of Malaysia", ("MY", None)),
        ("the Constitution of the Kingdom of Thailand B.E. 2560", ("TH", 2017)),
        ("The 1987 Philippine Constitution protects privacy", ("PH", 1987)),
        ("the Constitution of the Republic of Singapore", ("SG", None)),
        ("the Constitution of the Socialist Republic of Viet Nam", ("VN", None)),
        ("protected by the United States Constitution", ("US", None)),
        ("the U.S. Constitution", ("US", None)),
        ("the Constitution of the United States", ("US", None)),
    ],
)
def test_constitutions(text: str, expected: tuple) -> None:
    (m,) = find_laws(text)
    assert (m.type, m.jurisdiction, m.year) == ("constitution", *expected)


def test_one_title_per_country_s_constitution() -> None:
    found = find_laws("Perlembagaan Persekutuan, or the Constitution of Malaysia")
    assert len({m.canonical_id for m in found}) == 1


@pytest.mark.parametrize(
    "text",
    ["the Federal Constitution of Nigeria", "Perlembagaan Negeri Selangor", "a US Constitutional Court"],
)
def test_other_constitutions_are_left_alone(text: str) -> None:
    assert [m for m in find_laws(text) if m.type == "constitution"] == []


# ---- Viet Nam's titled laws and the Prime Minister's decisions; executive orders --------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Law on Urban Planning No. 30/2009/QH12", ("act", "30", 2009, "Law on Urban Planning")),
        ("Decision No. 950/QD-TTg dated 1 August 2018 approved", ("other", "950", 2018, None)),
        ("Decision No. 950/QĐ-TTg of 2018", ("other", "950", 2018, None)),
        ("Directive No. 16/CT-TTg", ("other", "16", None, None)),
    ],
)
def test_vietnamese_instruments(text: str, expected: tuple) -> None:
    (m,) = find_laws(text)
    assert (m.type, m.number, m.year, m.title) == expected and m.jurisdiction == "VN"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Executive Order No. 2, s. 2016 established it", ("2", 2016)),
        ("Executive Order 13985 on equity", ("13985", None)),
        ("Administrative Order No. 39", ("39", None)),
    ],
)
def test_executive_orders(text: str, expected: tuple) -> None:
    (m,) = find_laws(text)
    assert (m.type, m.number, m.year) == ("other", *expected)


def test_an_act_s_title_alone_is_marked_bare() -> None:
    (m,) = find_laws("the Public Sector (Governance) Act sets rules")
    assert (m.grammar, m.title) == ("en.act_bare", "Public Sector (Governance) Act")
    assert (m.year, m.number) == (None, None)
    assert find_laws("the Employment Act protects workers") == []  # one word: too generic
    (code,) = find_laws("within the meaning of the Penal Code.")  # a code: one word, after "the"
    assert (code.grammar, code.title) == ("en.act_bare", "Penal Code")
    assert find_laws("scan Standar Nasional QR Code") == find_laws("a QR Code payment") == []


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("the Persons with Disabilities Act 2008 applies", "Persons with Disabilities Act"),
        ("the Americans with Disabilities Act of 1990", "Americans with Disabilities Act"),
        (
            "Compared with Malaysia, the Personal Data Protection Act 2010 is strict",
            "Personal Data Protection Act",
        ),
    ],
)
def test_with_joins_a_title_only_after_a_plural(text: str, title: str) -> None:
    (m,) = find_laws(text)
    assert m.title == title


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Peraturan-Peraturan Perlindungan Data Peribadi 2013",
            ("regulation", None, 2013, "Peraturan-peraturan Perlindungan Data Peribadi"),
        ),
        ("Kaedah-Kaedah Mahkamah 2012", ("regulation", None, 2012, "Kaedah-kaedah Mahkamah")),
        ("PERINTAH GAJI MINIMUM 2024", ("regulation", None, 2024, "Perintah GAJI MINIMUM")),
        (
            "Perintah Gaji Minimum 2024 [P.U. (A) 376/2024]",
            ("regulation", "PU-A-376", 2024, "Perintah Gaji Minimum"),
        ),
    ],
)
def test_malay_subsidiary_legislation_by_title_and_year(text: str, expected: tuple) -> None:
    (m,) = find_laws(text)
    assert (m.type, m.number, m.year, m.title) == expected and m.jurisdiction == "MY"


@pytest.mark.parametrize(
    "text",
    [
        "Surat Perintah Tugas 2024 dikeluarkan",  # an Indonesian letter of command
        "Perintah Gaji Minimum ini berkuat kuasa",  # no year: "this Order"
        "atas perintah Presiden 2020",  # lower case
    ],
)
def test_no_malay_subsidiary_legislation_without_its_title_and_year(text: str) -> None:
    assert find_laws(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("the Land Public Transport Act 2010 [Act 715]", "my/act/2010/715"),
        ("the Penal Code [Act 574]", "my/act/-/574"),
        ("the Personal Data Protection (Amendment) Act 2024 [Act A1727]", "my/act/2024/a1727"),
    ],
)
def test_an_act_number_in_brackets_after_a_title_is_malaysia_s(text: str, expected: str) -> None:
    (m,) = find_laws(text)
    assert m.canonical_id == expected and m.jurisdiction == "MY"


def test_singapore_s_act_number_of_its_year_is_not_malaysia_s() -> None:
    (m,) = find_laws("the Personal Data Protection Act 2012 (No. 26 of 2012)")
    assert m.jurisdiction != "MY"


def test_a_date_after_act_in_a_list_of_amendments_is_no_act_number() -> None:
    # a reprint's list of amendments: "Amending law | In force from" read as one line
    line = "Act A1199 Consumer 2003 Protection (Amendment) In force from Act 01-09-2003 Act 15-08-2007"
    assert ids(line) == ["my/act/-/a1199"]
