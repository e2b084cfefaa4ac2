"""assign_languages on passage sequences, and language_profile."""

from __future__ import annotations

from pipeline.langid import assign_languages, language_profile
from pipeline.langid.context import CONTEXT_CONFIDENCE
from pipeline.records import Passage

ID_PARAGRAPH = (
    "Penelitian ini bertujuan untuk menganalisis kebijakan kota cerdas di tiga negara dengan "
    "menggunakan metode kualitatif dan tinjauan pustaka yang sistematis."
)
ID_PARAGRAPH_2 = (
    "Hasil penelitian menunjukkan bahwa pemerintah daerah memiliki peran yang besar dalam "
    "pelaksanaan program tersebut di tingkat kabupaten dan kota."
)
EN_PARAGRAPH = (
    "This study analyses smart city policies in three countries using qualitative methods "
    "and a systematic literature review of the published evidence."
)
EN_PARAGRAPH_2 = (
    "The results show that local governments play a large role in carrying out the "
    "programme at the level of districts and cities."
)


def passages(*texts: str) -> list[Passage]:
    """One document's passages in order."""
    return [Passage(id=str(i), document_id="doc", page=1, text=t) for i, t in enumerate(texts)]


def langs(ps: list[Passage]) -> list[str]:
    return [p.lang for p in ps]


def test_indonesian_paper_with_english_abstract() -> None:
    doc = passages(
        "Abstrak",
        ID_PARAGRAPH,
        "Kata kunci: kota cerdas, kebijakan publik",
        "Abstract",
        EN_PARAGRAPH,
        "Keywords: smart city, public policy",
        "Pendahuluan",
        ID_PARAGRAPH_2,
        ID_PARAGRAPH,
    )
    assign_languages(doc)
    assert langs(doc) == ["id", "id", "id", "en", "en", "en", "id", "id", "id"]
    shares, dominant = language_profile(doc)
    assert dominant == "mixed"
    assert shares["id"] > shares["en"] > 0.2


def test_table_cells_take_the_language_around_them() -> None:
    doc = passages(
        ID_PARAGRAPH,
        "No",
        "Indikator",
        "Nilai",
        "1",
        "Smart Governance",
        "3,75",
        "2",
        "Smart Mobility",
        "2,50",
        ID_PARAGRAPH_2,
    )
    assign_languages(doc)
    assert set(langs(doc)) == {"id"}
    assert all(p.lang_confidence <= CONTEXT_CONFIDENCE for p in doc[1:-1])
    assert all(p.lang_confidence > CONTEXT_CONFIDENCE for p in (doc[0], doc[-1]))


def test_the_same_short_line_follows_its_document() -> None:
    cells = ["2019", "Data", "Total", "Status"]
    english = passages(EN_PARAGRAPH, *cells, EN_PARAGRAPH_2)
    indonesian = passages(ID_PARAGRAPH, *cells, ID_PARAGRAPH_2)
    assign_languages(english)
    assign_languages(indonesian)
    assert set(langs(english)) == {"en"}
    assert set(langs(indonesian)) == {"id"}


def test_a_heading_belongs_to_what_follows() -> None:
    doc = passages(ID_PARAGRAPH, ID_PARAGRAPH_2, "Introduction", EN_PARAGRAPH, EN_PARAGRAPH_2)
    assign_languages(doc)
    assert doc[2].lang == "en"


def test_a_short_line_with_its_own_grammar_keeps_its_language() -> None:
    doc = passages(ID_PARAGRAPH, "(b) the date of the purchase;", ID_PARAGRAPH_2)
    assign_languages(doc)
    assert doc[1].lang == "en"


def test_english_terms_inside_an_indonesian_document() -> None:
    doc = passages(ID_PARAGRAPH, "b. menyediakan hand sanitizer;", "c. dashboard", "big data", ID_PARAGRAPH_2)
    assign_languages(doc)
    assert set(langs(doc)) == {"id"}


def test_a_page_of_ocr_garbage_is_other() -> None:
    garbage = [
        "! d u a a (!= L cg e !sj: =x= -o 6 0J - f L d tr L s - | I! -.,i S?i O O",
        "Lr",
        "c!",
        "ts",
        "f(-c tr",
        "_= r",
        "EE llL",
        "-..- C6 d Cr/,) := L tr -o:: (d cJ J, ! Vco u.J Fi y bo? t H .EjZi. a o",
        "9b%",
        "r :o;ali(s",
        ":^AA",
        "-ll",
        "ry S-ed(dbVIJ(g4 o=ccd';!C.-i EKIEEOf - *'FE E**eERAIEE ub,:*o! - E )o XtbP",
    ]
    doc = passages(ID_PARAGRAPH, *garbage, ID_PARAGRAPH_2)
    assign_languages(doc)
    assert langs(doc)[0] == langs(doc)[-1] == "id"
    assert set(langs(doc)[1:-1]) == {"other"}


def test_a_french_passage_in_an_english_report() -> None:
    french = (
        "Le rapport présente les villes intelligentes de la région et les projets qui sont "
        "financés par les pays membres."
    )
    doc = passages(EN_PARAGRAPH, french, EN_PARAGRAPH_2)
    assign_languages(doc)
    assert langs(doc) == ["en", "other", "en"]


def test_document_hint_decides_a_document_of_short_lines() -> None:
    doc = passages("2019", "Total", "Status")
    assign_languages(doc, document_hint="id")
    assert set(langs(doc)) == {"id"}


def test_assign_languages_is_deterministic() -> None:
    texts = [ID_PARAGRAPH, "Smart City (Baseline)", "2,00", "Abstract", EN_PARAGRAPH, "N", "a"]
    first, second = passages(*texts), passages(*texts)
    assign_languages(first)
    assign_languages(second)
    assert [(p.lang, p.lang_confidence) for p in first] == [(p.lang, p.lang_confidence) for p in second]


def test_empty_document() -> None:
    doc: list[Passage] = []
    assign_languages(doc)
    assert language_profile(doc) == ({}, "other")


def test_language_profile_counts_characters() -> None:
    doc = passages("a" * 90, "b" * 10)
    doc[0].lang, doc[1].lang = "id", "en"
    assert language_profile(doc) == ({"en": 0.1, "id": 0.9}, "id")
    doc[1].text = "b" * 30
    shares, dominant = language_profile(doc)
    assert dominant == "mixed" and abs(sum(shares.values()) - 1) < 1e-9


def test_a_passage_of_kind_heading_opens_what_follows() -> None:
    def document(kind: str) -> list[Passage]:
        doc = passages(ID_PARAGRAPH, ID_PARAGRAPH_2, ID_PARAGRAPH, "introduction", EN_PARAGRAPH)
        doc[3].kind = kind
        assign_languages(doc)
        return doc

    assert document("heading")[3].lang == "en"
    assert document("text")[3].lang == "id"
