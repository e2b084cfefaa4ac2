"""Country attribution: entity, sentence, section, table column, document focus."""

from __future__ import annotations

from pipeline.extract import extract_mentions
from pipeline.extract.countries import CountryHit, document_focus, sentence_bounds


def law_mentions(doc, passages):
    return [m for m in extract_mentions(doc, passages) if m.label == "LAW"]


def test_entity_rule_for_indonesian_instrument(make_passages) -> None:
    doc, passages = make_passages("Malaysia meniru Perpres No. 95/2018 tentang SPBE.")
    (m,) = law_mentions(doc, passages)
    assert (m.country, m.country_rule, m.law.jurisdiction) == ("ID", "entity", "ID")


def test_sentence_rule(make_passages) -> None:
    doc, passages = make_passages("Malaysia telah menetapkan undang-undang Pemerintah Daerah 1976 (UU 171).")
    (m,) = law_mentions(doc, passages)
    assert (m.country, m.country_rule, m.canonical_id) == ("MY", "sentence", "my/act/1976/171")


def test_section_rule(make_passages) -> None:
    doc, passages = make_passages(
        ("Smart city dilindungi dengan Undang-undang Siber Nasional (2019).", "id", "2. Thailand")
    )  # noqa: E501
    (m,) = law_mentions(doc, passages)
    assert (m.country, m.country_rule) == ("TH", "section")


def test_table_column_rule(make_passages) -> None:
    cell = {"table_id": "t1", "row": 2, "col": 1, "row_header": "Regulasi", "col_header": "Malaysia"}
    doc, passages = make_passages(("Undang-Undang Pemerintah Tempatan 1976", "id", None, cell))
    (m,) = law_mentions(doc, passages)
    assert (m.country, m.country_rule) == ("MY", "table_column")


def test_document_rule_is_the_weakest(make_passages) -> None:
    # the Act sits in another section, out of reach of the ``preceding`` rule
    doc, passages = make_passages(
        "Vietnam develops smart cities.",
        "Vietnam has a national programme.",
        "Ha Noi and Da Nang lead in Vietnam.",
        ("The Urban Planning Act 2017 applies.", "en", "Conclusion"),
        lang="en",
    )
    (m,) = law_mentions(doc, passages)
    assert (m.country, m.country_rule) == ("VN", "document")


def test_no_country_without_evidence(make_passages) -> None:
    doc, passages = make_passages("The Urban Planning Act 2017 applies.", lang="en")
    (m,) = law_mentions(doc, passages)
    assert (m.country, m.country_rule, m.law.jurisdiction) == (None, None, "-")


def test_sentence_bounds_skip_abbreviations() -> None:
    text = "Menurut Perpres No. 95 tahun 2018 di Indonesia. Malaysia berbeda."
    start, end = sentence_bounds(text, 10)
    assert text[start:end].strip().endswith("Indonesia.")


def test_document_focus_needs_a_clear_lead() -> None:
    hits = [CountryHit(0, "ID", 1.0)] * 4 + [CountryHit(0, "MY", 1.0)] * 3
    assert document_focus(hits) is None
    assert document_focus([CountryHit(0, "ID", 1.0)] * 4) == "ID"
    assert document_focus([], ["TH"]) == "TH"


def test_a_malay_passage_speaks_of_malaysia_before_the_document_focus(make_passages) -> None:
    # an Indonesian report (focus ID) quoting a Malaysian act in Malay, in its own section
    doc, passages = make_passages(
        "Indonesia mengembangkan kota cerdas.",
        "Indonesia memiliki program nasional.",
        "Jakarta dan Surabaya memimpin di Indonesia.",
        ("The Urban Planning Act 2017 hendaklah terpakai bagi semua pihak berkuasa.", "ms", "Lampiran"),
        lang="id",
    )
    (m,) = law_mentions(doc, passages)
    assert (m.country, m.country_rule) == ("MY", "language")
    passages[-1].lang = "id"  # read as Indonesian, the document's focus would decide
    (m,) = law_mentions(doc, passages)
    assert (m.country, m.country_rule) == ("ID", "document")
