"""The entity scorer: matching rules on small inputs, and the thresholds on the shared gold."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from pipeline.evaluate.entities import (
    Counts,
    DocScore,
    annotation_agreement,
    evaluate,
    evaluate_items,
    in_window,
    name_keys,
    number_key,
    report,
    score_document,
    text_passages,
)
from pipeline.records import Law, Mention, Passage

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from pdfmaker import Text, make_pdf  # noqa: E402


def mention(
    label: str,
    cid: str,
    name: str,
    text: str | None = None,
    law: Law | None = None,
    country: str | None = None,
) -> Mention:
    return Mention(
        id=cid,
        document_id="d",
        passage_id="p",
        page=1,
        label=label,
        text=text or name,
        start=0,
        end=len(text or name),
        canonical_id=cid,
        canonical_name=name,
        law=law,
        country=country,
    )


def test_counts_scores() -> None:
    assert Counts(8, 2, 0).scores() == {"precision": 0.8, "recall": 1.0, "f1": 0.8889}
    assert Counts().scores()["f1"] == 1.0


def doc_score(name: str, language: str, agency: tuple[int, int, int]) -> DocScore:
    zero = Counts()
    return DocScore(name, {"LAW": zero, "AGENCY": Counts(*agency), "PROGRAMME": zero}, language)


def test_report_totals_per_language_with_intervals_over_documents() -> None:
    docs = [doc_score("a", "en", (9, 1, 0)), doc_score("b", "en", (5, 5, 5)), doc_score("c", "id", (4, 0, 1))]
    result = report(docs)
    overall = result["overall"]["AGENCY"]
    assert (overall["tp"], overall["fp"], overall["fn"], overall["documents"]) == (18, 6, 6, 3)
    low, high = overall["precision_ci"]
    assert low < overall["precision"] < high  # documents differ, so the interval has width
    assert set(result["per_language"]) == {"en", "id"}
    assert result["per_language"]["id"]["AGENCY"]["precision_ci"] == (1.0, 1.0)  # one document
    assert result["per_language"]["en"]["AGENCY"]["recall"] == round(14 / 19, 4)


def test_report_counts_the_page_windows_of_one_pdf_as_one_document() -> None:
    first, later = doc_score("a.pdf", "id", (4, 0, 1)), doc_score("a.pdf", "id", (2, 2, 0))
    first.pages, later.pages = [1, 20], [21, 40]
    result = report([first, later, doc_score("b.pdf", "id", (1, 1, 1))])
    overall = result["overall"]["AGENCY"]
    assert (overall["tp"], overall["fp"], overall["fn"], overall["documents"]) == (7, 3, 2, 2)
    assert [row["pages"] for row in result["documents"]] == [[1, 20], [21, 40], None]


@pytest.mark.parametrize(
    ("raw", "key"),
    [
        ("01", "1"),
        ("96/PMK.06/2007", "96"),
        ("KM.4", "4"),
        ("personal-data-protection-act", None),
        ("cybersecurity-act-2018", None),  # a title slug, though it holds a year
        ("13/POJK.02/2018", "13"),
        ("PU-B-415", "415"),  # a Malaysian gazette notification's id number
        ("II/MPR/1993", "ii"),  # a decree of the MPR, as written, as the id has it, alone
        ("ii-mpr", "ii"),
        ("II", "ii"),
        (None, None),
    ],
)
def test_number_key(raw, key) -> None:
    assert number_key(raw) == key


def test_name_keys_strip_qualifiers_and_parentheses() -> None:
    keys = name_keys("Ministry of Digital Economy and Society (Kementerian Ekonomi Digital dan Masyarakat)")
    assert {"ministry of digital economy and society", "kementerian ekonomi digital dan masyarakat"} <= keys
    assert "kementerian kesehatan" in name_keys("Kementerian Kesehatan Republik Indonesia")
    assert "dinas kesehatan" in name_keys("Dinas Kesehatan Provinsi DKI Jakarta")
    assert "pemerintah" not in name_keys("Pemerintah Kabupaten Malang")


def test_name_keys_drop_a_kind_word_after_a_programme_s_name() -> None:
    assert "smes go digital" in name_keys("SMEs Go Digital programme")
    assert "green mark" in name_keys("Green Mark scheme")
    assert "green mark scheme" in name_keys("Green Mark scheme")  # the whole stays a key
    assert "" not in name_keys("Programme") and name_keys("Digital programme") == {"digital programme"}


def test_law_matching_null_is_unknown_and_titles_separate_unnumbered() -> None:
    gold = {
        "laws": [
            {
                "jurisdiction": "TH",
                "type": "act",
                "number": None,
                "year": 2019,
                "title": "Cybersecurity Act",
                "country": "TH",
            },  # noqa: E501
            {
                "jurisdiction": "TH",
                "type": "act",
                "number": None,
                "year": 2019,
                "title": "Personal Data Protection Act",
                "country": "TH",
            },  # noqa: E501
            {"jurisdiction": "INT", "type": "treaty", "number": None, "year": None, "title": "ASEAN Charter"},
            {"jurisdiction": "ID", "type": "permen", "number": "01", "year": 2010, "title": None},
        ]
    }
    mentions = [
        mention(
            "LAW",
            "th/act/2019/cybersecurity-act",
            "Cybersecurity Act",
            law=Law("TH", "act", "cybersecurity-act", 2019, "Cybersecurity Act"),
            country="TH",
        ),
        mention(
            "LAW",
            "th/act/2019/personal-data-protection-act",
            "Personal Data Protection Act",
            law=Law("TH", "act", "personal-data-protection-act", 2019, "Personal Data Protection Act"),
            country="TH",
        ),  # noqa: E501
        mention(
            "LAW",
            "int/treaty/2007/asean-charter",
            "ASEAN Charter",
            law=Law("INT", "treaty", "asean-charter", 2007, "ASEAN Charter"),
            country="INT",
        ),
        mention("LAW", "id/permen/2010/1", "x", law=Law("ID", "permen", "1", 2010), country="ID"),
        mention("LAW", "id/uu/2019/11", "y", law=Law("ID", "uu", "11", 2019), country="ID"),
    ]
    score = score_document(gold, mentions)
    assert vars(score.counts["LAW"]) == {"tp": 4, "fp": 1, "fn": 0}
    assert (score.law_country_ok, score.law_country_checked) == (4, 4)


def test_law_annotated_without_its_number_matches_the_same_citation_numbered_from_the_kb() -> None:
    gold = {
        "laws": [
            {
                "jurisdiction": "MY",
                "type": "act",
                "number": None,
                "year": 1950,
                "surface": "Contracts Act 1950",
            },
            {
                "jurisdiction": "ID",
                "type": "permen",
                "number": None,
                "year": 2020,
                "surface": "Peraturan Menteri",
            },
        ]
    }

    def cited(cid: str, text: str, law: Law) -> Mention:
        return mention("LAW", cid, text, text=text, law=law, country=law.jurisdiction)

    mentions = [
        cited("my/act/1950/136", "Contracts Act 1950", Law("MY", "act", "136", 1950, "Contracts Act")),
        # another citation of the same type and year, numbered: not the unnumbered one
        cited("id/permen/2020/5", "Peraturan Menteri Nomor 5 Tahun 2020", Law("ID", "permen", "5", 2020)),
    ]
    score = score_document(gold, mentions)
    assert vars(score.counts["LAW"]) == {"tp": 1, "fp": 1, "fn": 1}


def test_a_number_that_names_an_act_on_its_own_matches_without_its_year() -> None:
    gold = {
        "laws": [
            {"jurisdiction": "MY", "type": "act", "number": "A1199", "year": 2003, "surface": "Act A1199"},
            {"jurisdiction": "ID", "type": "uu", "number": "11", "year": 2019, "surface": "UU 11/2019"},
        ]
    }

    def cited(cid: str, law: Law) -> Mention:
        return mention("LAW", cid, cid, law=law, country=law.jurisdiction)

    mentions = [
        cited("my/act/-/a1199", Law("MY", "act", "A1199", None)),  # Malaysia's Act numbers run on
        cited("id/uu/-/11", Law("ID", "uu", "11", None)),  # an Indonesian number needs its year
    ]
    score = score_document(gold, mentions)
    assert vars(score.counts["LAW"]) == {"tp": 1, "fp": 1, "fn": 1}


def test_a_constitution_cited_without_its_year_is_the_dated_annotation() -> None:
    gold = {
        "laws": [
            {"jurisdiction": "MY", "type": "constitution", "number": None, "year": 1957, "surface": "FC"},
            {"jurisdiction": "SG", "type": "constitution", "number": None, "year": 1965, "surface": "SC"},
        ]
    }

    def cited(cid: str, law: Law) -> Mention:
        return mention("LAW", cid, cid, law=law, country=law.jurisdiction)

    mentions = [
        cited("my/constitution/-/-", Law("MY", "constitution", None, None)),  # the one in force
        cited("sg/constitution/1963/-", Law("SG", "constitution", None, 1963)),  # a year that differs
    ]
    score = score_document(gold, mentions)
    assert vars(score.counts["LAW"]) == {"tp": 1, "fp": 1, "fn": 1}


def test_agency_and_programme_match_on_name_or_acronym() -> None:
    gold = {
        "agencies": [
            {"name": "Digital Economy Promotion Agency of Thailand", "acronym": "depa"},
            {"name": "Badan Tidak Ada", "acronym": None},
        ],
        "programmes": [{"name": "Masterplan Smart City Kabupaten Malang", "acronym": None}],
    }
    mentions = [
        mention("AGENCY", "agency/th/depa", "Digital Economy Promotion Agency", "depa"),
        mention(
            "PROGRAMME",
            "programme/_/masterplan-smart-city-kabupaten-malang",
            "Masterplan Smart City Kabupaten Malang",
        ),
        mention("PROGRAMME", "programme/_/other", "Other Plan"),
    ]
    score = score_document(gold, mentions)
    assert vars(score.counts["AGENCY"]) == {"tp": 1, "fp": 0, "fn": 1}
    assert vars(score.counts["PROGRAMME"]) == {"tp": 1, "fp": 1, "fn": 0}


def test_text_passages_headings_become_sections() -> None:
    passages = text_passages("Intro text here.\n\n1. Malaysia\nMalaysia has an act\nthat runs on.\n", "d")
    assert [p.kind for p in passages] == ["text", "heading", "text"]
    assert passages[2].section == "1. Malaysia" and passages[2].text == "Malaysia has an act that runs on."


@pytest.mark.shared
@pytest.mark.slow
@pytest.mark.parametrize("reader", ["ingest", "pdfium"])
def test_thresholds_on_shared_gold(gold_dir, corpus_dir, seeds_dir, reader: str) -> None:
    # "ingest" is the pipeline's own reader (what `sandingan evaluate entities` measures);
    # "pdfium" plain text keeps a check of extraction alone, independent of layout analysis.
    result = evaluate(gold_dir, corpus_dir, seeds_dir, reader=reader)
    overall = result["overall"]
    assert overall["LAW"]["precision"] >= 0.95 and overall["LAW"]["recall"] >= 0.95
    assert overall["AGENCY"]["recall"] >= 0.85
    assert overall["PROGRAMME"]["recall"] >= 0.80
    seed = [d for d in result["documents"] if d["file"].startswith("003_")]
    if seed:
        assert seed[0]["labels"]["LAW"]["tp"] == 10 and seed[0]["labels"]["LAW"]["fn"] == 0
        assert seed[0]["law_country"] == {"correct": 10, "checked": 10}


@pytest.mark.shared
@pytest.mark.parametrize("suffix", [".pdf", ".txt"])
def test_seed_paper_gives_all_ten_laws_with_their_country(gold_dir, seeds_dir, suffix) -> None:
    # the PDF cuts the Malaysian sentence at a page break; read as one passage, Act 171 and
    # Act 588 ("UU 58") keep Malaysia from the sentence that names it
    import json

    from pipeline.evaluate.entities import gold_files, read_document, score_document
    from pipeline.extract import extract_mentions

    gold = next(
        g
        for g in (json.loads(p.read_text(encoding="utf-8")) for p in gold_files(gold_dir))
        if g.get("file", "").startswith("003_")
    )
    source = seeds_dir / (gold["file"].rsplit(".", 1)[0] + suffix)
    document, passages = read_document(source, "ingest")
    score = score_document(gold, extract_mentions(document, passages))
    assert vars(score.counts["LAW"]) == {"tp": 10, "fp": 0, "fn": 0}
    assert (score.law_country_ok, score.law_country_checked) == (10, 10)


def test_annotation_agreement_matches_two_annotations_as_the_scorer_does() -> None:
    first = {
        "agencies": [
            {"name": "Badan Siber dan Sandi Negara", "acronym": "BSSN"},
            {"name": "Dinas Kesehatan"},
        ],
        "programmes": [{"name": "Satu Data Indonesia"}],
        "laws": [{"jurisdiction": "ID", "type": "uu", "number": "27", "year": None}],
    }
    second = {
        "agencies": [{"name": "BSSN"}, {"name": "Kementerian Keuangan"}],
        "programmes": [{"name": "Satu Data Indonesia", "acronym": "SDI"}],
        "laws": [
            {"jurisdiction": "ID", "type": "uu", "number": "27", "year": None},
            {"jurisdiction": "ID", "type": "pp"},
        ],
    }
    counts = annotation_agreement(first, second)
    assert vars(counts["AGENCY"]) == {"tp": 1, "fp": 1, "fn": 1}
    assert vars(counts["PROGRAMME"]) == {"tp": 1, "fp": 0, "fn": 0}
    assert vars(counts["LAW"]) == {"tp": 1, "fp": 1, "fn": 0}


def test_in_window_keeps_the_annotated_pages() -> None:
    passages = [Passage(id=str(n), document_id="d", page=n, text="x") for n in (1, 2, 3, 4)]
    assert [p.page for p in in_window(passages, [2, 3])] == [2, 3]
    assert len(in_window(passages, None)) == 4


def test_a_later_window_is_read_from_page_one_and_scored_on_its_own_pages(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SANDINGAN_OUT_DIR", str(tmp_path / "out"))
    pdf = tmp_path / "perban.pdf"
    make_pdf(
        pdf,
        [
            [Text(72, 72, "Lembaga Pengawas Data Wilayah yang selanjutnya disebut LPDW bekerja sama")],
            [Text(72, 72, "Laporan disampaikan kepada LPDW setiap tahun oleh Dinas Kesehatan Kota Bandung.")],
        ],
    )
    gold = {
        "file": "perban.pdf",
        "source": "annotated-dev",
        "language": "id",
        "pages": [2, 2],
        "laws": [],
        "agencies": [{"name": "LPDW", "acronym": None}, {"name": "Dinas Kesehatan Kota Bandung"}],
        "programmes": [],
    }
    result = evaluate_items([(gold, pdf)], blind=True)
    row = result["documents"][0]
    assert row["pages"] == [2, 2]
    # the short form is defined on page 1 only; the body there is not scored on page 2
    assert (row["labels"]["AGENCY"]["tp"], row["labels"]["AGENCY"]["fn"]) == (2, 0)
