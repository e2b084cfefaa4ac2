"""The stage contract: mentions index their passage, skip "other", carry ids and methods."""

from __future__ import annotations

import pytest

from pipeline.extract import extract_mentions
from pipeline.extract.extractor import extract, names_alternatives, programme_core
from pipeline.extract.kb import KBEntry, KnowledgeBase
from pipeline.records import Mention


def test_mentions_index_their_passage_text(make_passages) -> None:
    doc, passages = make_passages(
        "Kementerian Komunikasi dan Informatika (Kominfo) menginisiasi Gerakan Menuju 100 Smart City.",
        "Peraturan Presiden Nomor 39 Tahun 2019 tentang Satu Data Indonesia berlaku di Jakarta.",
    )
    mentions = extract_mentions(doc, passages)
    by_id = {p.id: p for p in passages}
    assert mentions
    for m in mentions:
        assert m.text == by_id[m.passage_id].text[m.start : m.end]
        assert m.id == Mention.make_id(m.passage_id, m.start, m.end, m.label)
        assert m.label in ("LAW", "AGENCY", "PROGRAMME", "PLACE")
    labels = {(m.label, m.canonical_id) for m in mentions}
    assert ("AGENCY", "agency/id/kominfo") in labels
    assert ("PROGRAMME", "programme/id/gerakan-menuju-100-smart-city") in labels
    assert ("LAW", "id/perpres/2019/39") in labels
    assert ("PLACE", "place/id/jakarta") in labels


def test_law_mention_carries_law_and_method(make_passages) -> None:
    doc, passages = make_passages(
        "Lihat UU No 11 Tahun 2019 tentang Sistem Nasional Ilmu Pengetahuan dan Teknologi."
    )  # noqa: E501
    (law,) = [m for m in extract_mentions(doc, passages) if m.label == "LAW"]
    assert law.law is not None and law.law.canonical_id == law.canonical_id == "id/uu/2019/11"
    assert law.method == "rule" and law.country == "ID"


def test_passages_in_other_languages_are_skipped(make_passages) -> None:
    doc, passages = make_passages(("Perpres No. 95/2018", "other"), ("Perpres No. 95/2018", "id"))
    assert [m.passage_id for m in extract_mentions(doc, passages)] == ["p1"]


def test_agencies_inside_cited_titles_are_not_mentions(make_passages) -> None:
    doc, passages = make_passages(
        "Peraturan Presiden Nomor 54 Tahun 2015 tentang Organisasi Kementerian Komunikasi dan "
        "Informatika (Lembaran Negara)."
    )
    assert [m.label for m in extract_mentions(doc, passages)] == ["LAW"]


def test_the_body_after_a_cited_title_is_a_mention(make_passages) -> None:
    text = (
        "Berdasarkan Peraturan Presiden Nomor 39 Tahun 2019 tentang Satu Contoh Indonesia, "
        "Dinas Contoh Kabupaten Sleman menyusun rencana."
    )
    assert "agency/_/dinas-contoh-kabupaten-sleman" in agency_ids(make_passages, text)


def test_document_title_split_over_heading_lines(make_passages) -> None:
    doc, passages = make_passages(
        "PERATURAN DAERAH PROVINSI DAERAH KHUSUS",
        "IBUKOTA JAKARTA",
        "NOMOR 2 TAHUN 2020",
        "TENTANG",
        "PENANGGULANGAN CORONA VIRUS DISEASE 2019",
    )
    laws = [m for m in extract_mentions(doc, passages) if m.label == "LAW"]
    assert [(m.passage_id, m.canonical_id) for m in laws] == [("p0", "id/perda/2020/2/province-dki-jakarta")]


def test_ambiguous_name_takes_the_country_of_its_context(make_passages) -> None:
    doc, passages = make_passages(
        "In Viet Nam, the Ministry of Information and Communications (MIC) leads.", lang="en"
    )  # noqa: E501
    (mic,) = [m for m in extract_mentions(doc, passages) if m.text == "MIC"]
    assert mic.country == "VN"


@pytest.mark.parametrize(
    ("text", "law_id"),
    [
        (
            "Singapore enforces the Personal Data Protection Act.",
            "sg/act/2012/personal-data-protection-act-2012",
        ),
        (
            "In Thailand, the Personal Data Protection Act took effect.",
            "th/act/2019/personal-data-protection-act",
        ),
        ("Malaysia enforces the Personal Data Protection Act.", "my/act/2010/709"),
        ("Singapore passed the Cybersecurity Act.", "sg/act/2018/cybersecurity-act-2018"),
    ],
)
def test_a_law_title_several_countries_share_takes_the_country_of_its_context(
    make_passages, text, law_id
) -> None:
    doc, passages = make_passages(text, lang="en")
    laws = [m for m in extract_mentions(doc, passages) if m.label == "LAW"]
    assert [m.canonical_id for m in laws] == [law_id]
    assert laws[0].law is not None and laws[0].law.canonical_id == law_id


def test_place_with_country(make_passages) -> None:
    doc, passages = make_passages("Cyberjaya dan Pekanbaru", lang="id")
    places = {(m.canonical_id, m.country) for m in extract_mentions(doc, passages) if m.label == "PLACE"}
    assert {("place/my/cyberjaya", "MY"), ("place/id/pekanbaru", "ID")} <= places


def test_unknown_names_the_document_also_writes_in_lower_case_are_not_mentions(make_passages) -> None:
    doc, passages = make_passages(
        "Vientiane: Drainage System upgrade; Vientiane Flood Warning System pilot.",
        "The city renewed the drainage system in 2021 and will extend it.",
    )
    names = {m.text for m in extract_mentions(doc, passages) if m.label == "PROGRAMME"}
    assert "Vientiane Flood Warning System" in names
    assert not any("Drainage" in n for n in names)


def test_a_system_named_only_with_ordinary_words_is_a_kind_of_technology(make_passages) -> None:
    doc, passages = make_passages(
        "The city installed a Hydrological Telemetry System and a Stormwater Management System.",
        "The ministry runs the Integrated Water Data System (IWDS) and the Sistem Arsip Adminduk Daring.",
        "Sistem Pendingin dan Kelembaban ruang server diperiksa setiap bulan.",
    )
    names = {m.text for m in extract_mentions(doc, passages) if m.label == "PROGRAMME"}
    assert not any(n.startswith(("Hydrological", "Stormwater", "Sistem Pendingin")) for n in names)
    assert {"Integrated Water Data System", "Sistem Arsip Adminduk Daring"} <= names


def test_a_project_card_s_name_is_a_programme_when_it_is_more_than_ordinary_words(make_passages) -> None:
    doc, passages = make_passages(
        "Khon Kaen Riverside Tram Objective: To cut travel times across the city.",
        "Build4Youth Objective: To train young coders.",
        "Smart Tourism Objective: To bring more visitors.",
        "Exhibit 4: Instant Payment Service Objective: To enable instant transfers.",
        "Since 2021 the Khon Kaen Riverside Tram has carried commuters.",
    )
    mentions = [m for m in extract_mentions(doc, passages) if m.label == "PROGRAMME"]
    names = {m.text for m in mentions}
    assert {"Khon Kaen Riverside Tram", "Build4Youth"} <= names
    assert not names & {"Smart Tourism", "Instant Payment Service"}
    assert sum(m.text == "Khon Kaen Riverside Tram" for m in mentions) == 2  # named again later


def test_a_named_platform_is_a_programme_and_a_kind_of_platform_is_not(make_passages) -> None:
    doc, passages = make_passages(
        "Agencies share data on the Smart Nation Sensor Platform and a new Data Sharing Platform.",
        "Each agency runs a data sharing platform of its own.",
    )
    names = {m.text for m in extract_mentions(doc, passages) if m.label == "PROGRAMME"}
    assert "Smart Nation Sensor Platform" in names
    assert not any("Data Sharing" in n for n in names)


def test_knowledge_base_acronyms_in_technical_lists_and_formulas_are_not_bodies(make_passages):
    doc, passages = make_passages(
        "Kantor dinas menyediakan jaringan LAN, WAN dan Internet.",
        "Indeks dihitung dengan rumus BI = 0,5 x PI.",
        "LAN menyelenggarakan pelatihan aparatur sipil negara.",
    )
    found = [(m.text, m.passage_id) for m in extract_mentions(doc, passages) if m.label == "AGENCY"]
    assert found == [("LAN", passages[2].id)]


def test_a_treaty_title_of_kind_words_only_names_no_instrument(make_passages) -> None:
    doc, passages = make_passages(
        "Kedua negara menyepakati Economic Partnership Agreement dan sebuah Framework Convention.",
        "Indonesia meratifikasi Regional Comprehensive Economic Partnership Agreement pada 2022.",
        "The Japan-Indonesia Economic Partnership Agreement entered into force in 2008.",
    )
    laws = {(m.passage_id, m.canonical_id) for m in extract_mentions(doc, passages) if m.label == "LAW"}
    assert laws == {
        ("p1", "int/treaty/2020/regional-comprehensive-economic-partnership-agreement"),  # known by name
        ("p2", "int/treaty/-/japan-indonesia-economic-partnership-agreement"),
    }


def test_the_negotiations_of_an_agreement_are_not_the_agreement(make_passages) -> None:
    doc, passages = make_passages(
        "Perundingan Indonesia-Example Comprehensive Economic Partnership Agreement dimulai 2012."
    )
    assert [m for m in extract_mentions(doc, passages) if m.label == "LAW"] == []


@pytest.mark.parametrize(
    "written", ["KabupatenlKota", "KabupatenfKota", "Kabupaten I Kota", "Kabupaten/Kota"]
)
def test_a_slash_ocr_read_as_a_letter_between_levels_of_government_is_put_back(
    make_passages, written
) -> None:
    doc, passages = make_passages(
        f"Data diserahkan kepada Dinas Pengelola Arsip Daerah {written} setiap bulan."
    )
    names = {
        (m.canonical_id, m.canonical_name) for m in extract_mentions(doc, passages) if m.label == "AGENCY"
    }
    assert names == {
        (
            "agency/_/dinas-pengelola-arsip-daerah-kabupaten-kota",
            "Dinas Pengelola Arsip Daerah Kabupaten/Kota",
        )
    }


def agency_ids(make_passages, *texts: str) -> set[str]:
    """The canonical ids of the agencies found in a document made of ``texts``."""
    doc, passages = make_passages(*texts)
    return {m.canonical_id or "" for m in extract_mentions(doc, passages) if m.label == "AGENCY"}


def test_a_name_cut_at_a_line_break_is_the_longer_name_in_the_document(make_passages) -> None:
    assert agency_ids(
        make_passages,
        "Badan Pengelola Kawasan Ekonomi Khusus Tanjung Lesung menetapkan rencana induk.",
        "Tugas Badan Pengelola Kawasan\nEkonomi dijalankan oleh sekretariat.",
    ) == {"agency/_/badan-pengelola-kawasan-ekonomi-khusus-tanjung-lesung"}


def test_a_cut_name_two_longer_names_extend_differently_stays_apart(make_passages) -> None:
    assert "agency/_/dinas-kesehatan-kabupaten" in agency_ids(
        make_passages,
        "Dinas Kesehatan Kabupaten Sleman dan Dinas Kesehatan Kabupaten Bantul bekerja sama.",
        "Dinas Kesehatan Kabupaten menyusun laporan.",
    )


def test_a_regional_parliament_written_out_is_not_the_national_one(make_passages) -> None:
    text = "Dengan Persetujuan Bersama DEWAN PERWAKILAN RAKYAT DAERAH KABUPATEN SLEMAN dan"
    assert agency_ids(make_passages, text) == {"agency/id/dprd-kab-sleman"}


def test_a_cut_name_goes_to_the_same_entity_whatever_the_order(make_passages) -> None:
    from pipeline.extract.extractor import merge_cut_names

    def mention(i: int, text: str, cid: str) -> Mention:
        return Mention(f"m{i}", "d", "p", 1, "AGENCY", text, 0, len(text), cid, text)

    def merged(order: list[int]) -> set[str]:
        made = [
            mention(0, "Badan Riset", "agency/_/badan-riset"),
            mention(1, "Badan Riset Nasional", "agency/_/badan-riset-nasional"),
            mention(2, "Badan Riset Nasional", "agency/id/brn"),
        ]
        return {m.canonical_id for m in merge_cut_names([made[i] for i in order]) if m.id == "m0"}

    assert merged([0, 1, 2]) == merged([2, 1, 0]) == {"agency/id/brn"}


def test_a_body_and_its_translation_after_a_slash_are_one_body() -> None:
    from pipeline.extract.extractor import merge_dual_offices

    text = "a certificate from Badan Siber dan Sandi Negara / the National Cyber and Crypto Agency."
    names = [
        ("Badan Siber dan Sandi Negara", "agency/id/bssn"),
        ("National Cyber and Crypto Agency", "agency/_/ncca"),
    ]
    made = [
        Mention(
            f"m{i}", "d", "p", 1, "AGENCY", n, text.index(n), text.index(n) + len(n), cid, n, country="ID"
        )
        for i, (n, cid) in enumerate(names)
    ]
    assert {m.canonical_id for m in merge_dual_offices(made, {"p": text})} == {"agency/id/bssn"}


def test_a_dual_institution_is_one_body() -> None:
    from pipeline.extract.extractor import merge_dual_offices

    text = "Menteri PPN/Kepala Badan Perencanaan Nasional dan Menteri PPN, Badan Riset Nasional"

    def mention(i: int, name: str, cid: str, at: int = 0) -> Mention:
        start = text.index(name, at)
        return Mention(
            f"m{i}", "d", "p", 1, "AGENCY", name, start, start + len(name), cid, name, country="ID"
        )

    made = [
        mention(0, "Menteri PPN", "agency/id/bappenas"),
        mention(1, "Badan Perencanaan Nasional", "agency/_/badan-perencanaan-nasional"),
        mention(2, "Menteri PPN", "agency/id/bappenas", 40),
        mention(3, "Badan Riset Nasional", "agency/_/badan-riset-nasional"),  # a comma: two bodies
    ]
    ids = [m.canonical_id for m in merge_dual_offices(made, {"p": text})]
    assert ids == [
        "agency/id/bappenas",
        "agency/id/bappenas",
        "agency/id/bappenas",
        "agency/_/badan-riset-nasional",
    ]


def test_a_national_body_going_on_with_daerah_is_its_regional_counterpart(make_passages) -> None:
    assert agency_ids(
        make_passages,
        "Instansi Daerah meliputi sekretariat dewan perwakilan rakyat daerah dan dinas daerah.",
        "Dewan Perwakilan Rakyat menyetujui undang-undang ini.",
    ) == {"agency/id/dpr"}


def test_an_international_acronym_before_a_common_noun_is_no_mention_of_the_body(make_passages) -> None:
    assert agency_ids(make_passages, "Smart cities grow in ASEAN countries and ASEAN member states.") == set()
    assert agency_ids(make_passages, "The plan was endorsed by ASEAN in 2018.") == {"agency/int/asean"}


def test_a_body_named_after_a_known_programme_is_the_body(make_passages) -> None:
    from pipeline.extract.extractor import extract
    from pipeline.extract.kb import default_kb

    kb = default_kb()
    blind = type(kb)([e for e in kb.entries.values() if e.id != "agency/th/smart-city-thailand-office"])
    doc, passages = make_passages("Proposals go to the Smart City Thailand Office for review.")
    found = [(m.label, m.text) for m in extract(doc, passages, blind) if m.label in ("AGENCY", "PROGRAMME")]
    assert found == [("AGENCY", "Smart City Thailand Office")]


# ---- one programme under forms that differ by a country or a year ------------------------

_COUNTRIES = ("republic of singapore", "singapore", "sg")


@pytest.mark.parametrize(
    ("name", "core"),
    [
        ("SG Green Plan 2030", "green plan"),
        ("Singapore Green Plan 2030", "green plan"),
        ("Green Plan", "green plan"),
        ("Rencana Strategis 2020-2024", "rencana strategis"),
        ("Singapore", "singapore"),
    ],
)
def test_a_programme_s_core_drops_a_leading_country_and_a_trailing_year(name: str, core: str) -> None:
    assert programme_core(name, _COUNTRIES) == core


def test_forms_of_one_programme_are_one_entity(make_passages) -> None:
    doc, passages = make_passages(
        "Singapore launched the Green Plan. The SG Green Plan 2030 sets targets under the "
        "Singapore Green Plan 2030.",
        lang="en",
    )
    singapore = KBEntry("place/sg", "place", "Singapore", "SG", names={"en": ["SG"]}, place_type="country")
    kb = KnowledgeBase([singapore])
    programmes = {m.canonical_id for m in extract(doc, passages, kb) if m.label == "PROGRAMME"}
    assert programmes == {"programme/_/singapore-green-plan-2030"}


# ---- an act cited by its title alone -------------------------------------------------------

_LAWS = KnowledgeBase(
    [
        KBEntry("place/sg", "place", "Singapore", "SG", place_type="country"),
        KBEntry("place/my", "place", "Malaysia", "MY", place_type="country"),
        KBEntry(
            "sg/act/2018/example-sector-governance-act-2018",
            "law",
            "Example Sector (Governance) Act 2018",
            "SG",
            law={"jurisdiction": "SG", "type": "act", "number": None, "year": 2018},
            source="a list of Acts",
        ),
    ]
)


def _law_ids(make_passages, text: str) -> list[str | None]:
    doc, passages = make_passages(text, lang="en")
    return [m.canonical_id for m in extract(doc, passages, _LAWS) if m.label == "LAW"]


def test_an_act_cited_by_title_alone_is_the_known_act_of_the_country_the_text_is_on(make_passages) -> None:
    text = "Singapore's Example Sector (Governance) Act sets rules for statutory boards."
    assert _law_ids(make_passages, text) == ["sg/act/2018/example-sector-governance-act-2018"]


@pytest.mark.parametrize(
    "text",
    [
        "The Example Sector (Governance) Act sets rules.",  # no country
        "In Malaysia, the Example Sector (Governance) Act sets rules.",  # another country's
        "Singapore's Unknown Sector Act sets rules.",  # a title the knowledge base does not know
    ],
)
def test_a_bare_act_title_is_dropped_without_a_known_act_of_its_country(make_passages, text: str) -> None:
    assert _law_ids(make_passages, text) == []


def test_a_long_form_the_document_defines_counts_as_its_acronym() -> None:
    short = {"sistem contoh berbasis elektronik": "sceb"}
    assert programme_core("Arsitektur Sistem Contoh Berbasis Elektronik Nasional", (), short) == (
        "arsitektur sceb nasional"
    )


def test_a_programme_named_with_a_long_form_and_with_its_acronym_is_one(make_passages) -> None:
    doc, passages = make_passages(
        "Sistem Contoh Berbasis Elektronik yang selanjutnya disingkat SCEB adalah tata kelola. "
        "Arsitektur Sistem Contoh Berbasis Elektronik Nasional disusun. Arsitektur SCEB Nasional dipakai."
    )
    found = {m.canonical_id for m in extract(doc, passages, KnowledgeBase([])) if m.label == "PROGRAMME"}
    assert len([cid for cid in found if "arsitektur" in (cid or "")]) == 1


def test_a_local_government_of_no_known_region_is_not_one(make_passages) -> None:
    ids = agency_ids(
        make_passages,
        "GUBERNUR BANK SENTRAL menetapkan aturan. BUPATI SLEMNA menandatangani.",
        "Bupati Sleman dan Walikota Jakarta Selatan hadir.",
    )
    assert not any("bank" in i or "slemna" in i for i in ids)
    assert "agency/_/pemerintah-kota-jakarta-selatan" in ids  # "Kota Administrasi Jakarta Selatan"
    assert any(i.endswith("sleman") for i in ids)


def test_a_programme_a_naming_verb_introduces_keeps_the_bodies_it_names(make_passages) -> None:
    doc, passages = make_passages(
        'Their project named "River Watch in Sample City Municipality" won the award.', lang="en"
    )
    found = {(m.label, m.text) for m in extract_mentions(doc, passages)}
    assert ("PROGRAMME", "River Watch in Sample City Municipality") in found
    assert ("AGENCY", "Sample City Municipality") in found


def test_a_defined_named_system_is_a_programme_with_its_short_form(make_passages) -> None:
    doc, passages = make_passages(
        "Dalam Peraturan ini yang dimaksud dengan: 1. Aplikasi Tata Surat Digital yang selanjutnya "
        "disebut Atasdi adalah suatu sistem pengelolaan surat. Atasdi dipakai oleh dinas."
    )
    programmes = {(m.text, m.canonical_id) for m in extract_mentions(doc, passages) if m.label == "PROGRAMME"}
    assert ("Aplikasi Tata Surat Digital", "programme/_/aplikasi-tata-surat-digital") in programmes
    assert ("Atasdi", "programme/_/aplikasi-tata-surat-digital") in programmes


def test_a_body_kind_a_definition_defines_is_no_mention(make_passages) -> None:
    text = (
        "3. Lembaga Standar adalah lembaga yang menyusun Standar. Pengelolaan dilakukan oleh Lembaga Standar."
    )
    assert agency_ids(make_passages, text) == set()


def test_a_corporation_is_a_body_only_with_a_public_word_or_a_known_place(make_passages) -> None:
    ids = agency_ids(
        make_passages,
        "Notices were filed by Lockheed Example Corporation and Quill Corporation.",
        "The Penang Development Corporation and Putrajaya Corporation approved the plan.",
    )
    assert "agency/_/penang-development-corporation" in ids
    assert any("putrajaya" in i or i == "agency/my/ppj" for i in ids)
    assert not any("lockheed" in i or "quill" in i for i in ids)


def test_a_unit_every_body_has_is_named_with_its_owner_written_after_it(make_passages) -> None:
    ids = agency_ids(
        make_passages,
        "Dokumen disusun oleh Biro Perencanaan Kementerian Koordinator Bidang Perekonomian.",
        "Hubungi Departemen Kebijakan Sistem Pembayaran Bank Indonesia.",
        "Kementerian Keuangan dan Biro Hukum menyusun rancangan.",
    )
    assert "agency/_/biro-perencanaan-kementerian-koordinator-bidang-perekonomian" in ids
    assert "agency/_/departemen-kebijakan-sistem-pembayaran-bank-indonesia" in ids
    assert "agency/_/biro-hukum" in ids  # no owner after it
    assert "agency/_/biro-perencanaan" not in ids


def test_kinds_of_body_in_law_are_no_agencies(make_passages) -> None:
    ids = agency_ids(
        make_passages,
        "Badan Publik dan Lembaga Jasa Keuangan wajib melapor kepada Otoritas Jasa Keuangan.",
        "Badan Usaha Milik Negara, Dewan Pengawas dan Kantor Akuntan Publik diperiksa.",
        "Pihak Berkuasa Tempatan boleh mengenakan cukai.",
        # a company's organs
        "Direksi dan Dewan Komisaris membentuk Komite Audit dan Komite Nominasi dan Remunerasi.",
        "Akta dibuat di Kantor Notaris.",  # a private office
        "Bangunan untuk Lembaga Keuangan/Koperasi dikenai tarif.",  # kinds joined by a slash
        "Bangunan untuk Yayasan, Lembaga Pendidikan Formal/Non Formal dikenai tarif.",  # a kind two ways
        "The Board of Directors and the Audit Committee met before the General Meeting of Shareholders.",
    )
    assert ids == {"agency/id/ojk"}


def test_kinds_of_plan_and_system_are_no_programmes(make_passages) -> None:
    doc, passages = make_passages(
        "Setiap instansi menyusun Rencana Kerja dan Anggaran serta Sistem Manajemen Mutu.",
        "The Geographic Information System supports the Smart Mobility Master Plan.",
        "Section 2 sets out the Conceptual Framework and the Decision Support System (DSS).",
        "Sistem Pendukung Keputusan (SPK) dan Kerangka Pemikiran penelitian ini.",
        "The Pilot Project and the Final Project used the Student Exchange Program data.",
        "All fees collected shall be paid into the Federal Consolidated Fund.",  # public accounts
    )
    names = {m.text for m in extract_mentions(doc, passages) if m.label == "PROGRAMME"}
    assert names == {"Smart Mobility Master Plan"}


def named(label: str, cid: str, name: str) -> Mention:
    """A mention of ``name`` pointing at ``cid`` (for the merge functions)."""
    return Mention(cid, "d", "p", 1, label, name, 0, len(name), canonical_id=cid, canonical_name=name)


def test_a_body_named_by_its_head_and_an_acronym_of_the_rest_is_the_full_name() -> None:
    from pipeline.extract.extractor import merge_initialled_names

    def agency(cid: str, name: str) -> Mention:
        return named("AGENCY", cid, name)

    full = "Kementerian Pendayagunaan Aparatur Negara dan Reformasi Birokrasi"
    mentions = [
        agency("agency/_/kementerian-pendayagunaan", full),
        agency("agency/_/kementerian-panrb", "Kementerian PANRB"),
        agency("agency/_/badan-xyz", "Badan XYZ"),  # no name it abbreviates: stays
    ]
    merged = merge_initialled_names(mentions)
    assert [m.canonical_id for m in merged] == [
        "agency/_/kementerian-pendayagunaan",
        "agency/_/kementerian-pendayagunaan",
        "agency/_/badan-xyz",
    ]
    assert merged[1].canonical_name == full


def test_a_programme_named_by_its_acronym_and_the_words_after_it_is_the_full_name() -> None:
    from pipeline.extract.extractor import merge_acronym_inside

    def programme(cid: str, name: str) -> Mention:
        return named("PROGRAMME", cid, name)

    full = "Australia for ASEAN (Aus4ASEAN) Futures Initiative"
    mentions = [
        programme("programme/_/australia-for-asean", full),
        programme("programme/_/aus4asean-futures", "Aus4ASEAN Futures Initiative"),
        programme("programme/_/futures-fund", "Aus4ASEAN Futures Fund"),  # another name: stays
    ]
    merged = merge_acronym_inside(mentions)
    assert [m.canonical_id for m in merged] == [
        "programme/_/australia-for-asean",
        "programme/_/australia-for-asean",
        "programme/_/futures-fund",
    ]
    assert merged[1].canonical_name == full


def test_a_body_named_with_its_head_s_post_before_it_is_written_as_the_post(make_passages) -> None:
    doc, passages = make_passages(
        "Ditetapkan di Jakarta\nKEPALA BADAN SIBER DAN SANDI NEGARA,",
        "Laporan disampaikan kepada Badan Siber dan Sandi Negara.",
    )
    bssn = [m for m in extract_mentions(doc, passages) if m.label == "AGENCY"]
    assert [m.text for m in bssn] == ["KEPALA BADAN SIBER DAN SANDI NEGARA", "Badan Siber dan Sandi Negara"]
    assert {m.canonical_id for m in bssn} == {"agency/id/bssn"}
    first = bssn[0]
    assert passages[0].text[first.start : first.end] == first.text


def test_a_title_block_read_across_column_labels_and_repeated_before_the_elucidation(make_passages) -> None:
    filler = [f"Pasal {n} berlaku sejak tanggal diundangkan." for n in range(1, 45)]
    doc, passages = make_passages(
        "PERATURAN PEMERINTAH REPUBLIK INDONESIA",
        "Menimbang",
        "Mengingat",
        "NOMOR 27 TAHUN 2020",
        "TENTANG PENGELOLAAN SAMPAH SPESIFIK",
        *filler,
        "PENJELASAN",
        "ATAS",
        "PERATURAN PEMERINTAH REPUBLIK INDONESIA",
        "NOMOR 27 TAHUN 2020",
    )
    laws = [m for m in extract_mentions(doc, passages) if m.label == "LAW"]
    assert {m.canonical_id for m in laws} == {"id/pp/2020/27"}
    assert sorted(m.passage_id for m in laws) == ["p0", "p51"]


def test_a_programme_a_definition_introduces_is_found_wherever_its_name_is_written(make_passages) -> None:
    doc, passages = make_passages(
        "1. Tata Data Lestari adalah kebijakan tata kelola Data pemerintah.",
        "Penyelenggaraan Tata Data Lestari dilakukan oleh instansi pusat.",
        "Ungkapan tata data lestari ditulis kecil di sini.",
    )
    found = [m for m in extract_mentions(doc, passages) if m.label == "PROGRAMME"]
    assert [m.passage_id for m in found] == ["p0", "p1"]
    assert len({m.canonical_id for m in found}) == 1


def test_a_project_described_by_an_activity_is_no_programme(make_passages) -> None:
    doc, passages = make_passages(
        "Projects: Formulation of Smart City Roadmap; Construction of Concrete Roads Project.",
        "The Vientiane Smart Mobility Programme continues.",
        lang="en",
    )
    names = {m.text for m in extract_mentions(doc, passages) if m.label == "PROGRAMME"}
    assert names == {"Vientiane Smart Mobility Programme"}


def test_united_states_legal_citation_marks_give_a_law_its_country(make_passages) -> None:
    doc, passages = make_passages(
        "The Paperwork Reduction Act of 1995 (44 U.S.C. 3501 et seq.) applies to this rule.",
        lang="en",
    )
    (law,) = [m for m in extract_mentions(doc, passages) if m.label == "LAW"]
    assert law.canonical_id == "us/act/1995/paperwork-reduction-act" and law.country == "US"


def test_cells_of_a_project_column_are_programmes_when_more_than_ordinary_words(make_passages) -> None:
    def cell(text: str, row: int, header: str = "Project") -> tuple:
        return (text, "en", None, {"table_id": "t1", "row": row, "col": 1, "col_header": header})

    doc, passages = make_passages(
        cell("Riverside Walk Way Kuantan", 1),
        cell("JakLingko", 2),
        cell("SIAPKU", 3),
        cell("Smart Parking", 4),
        cell("CCTV", 5),
        cell("Bukit Merah Transit Lane", 1, header="City"),
        cell("Desa Pintar Canal", 6),  # Indonesian words in English text: a name
        "JakLingko riders grew in 2023.",
        lang="en",
    )
    mentions = [m for m in extract_mentions(doc, passages) if m.label == "PROGRAMME"]
    names = {m.text for m in mentions}
    assert {"JakLingko", "SIAPKU", "Desa Pintar Canal"} <= names
    assert any(n.startswith("Riverside Walk Way") for n in names)
    assert not names & {"Smart Parking", "CCTV", "Bukit Merah Transit Lane"}
    assert sum(m.text == "JakLingko" for m in mentions) == 2  # named again in a sentence


def test_a_programme_with_a_city_before_a_name_the_document_gives_alone_is_that_one(make_passages) -> None:
    doc, passages = make_passages(
        "The Digital Payment Hub (DPH) was launched in 2025.", "3. Port Lumen Digital Payment Hub Industry"
    )
    kb = KnowledgeBase([KBEntry("place/xa/port-lumen", "place", "Port Lumen", "XA", place_type="city")])
    found = {(m.text, m.canonical_name) for m in extract(doc, passages, kb) if m.label == "PROGRAMME"}
    assert ("Port Lumen Digital Payment Hub", "Digital Payment Hub") in found
    assert {name for _, name in found} == {"Digital Payment Hub"}


def test_a_journal_s_title_is_no_programme(make_passages) -> None:
    doc, passages = make_passages(
        "Rahman, A. (2021). Smart towns. Journal of Urban Contoh Policy, 12(3), 1-20.",
        ("Dimuat dalam Jurnal Kebijakan Contoh dan Program Nasional Literasi Contoh.", "id"),
        lang="en",
    )
    names = {m.text for m in extract_mentions(doc, passages) if m.label in ("PROGRAMME", "AGENCY")}
    assert names == {"Program Nasional Literasi Contoh"}


def test_a_known_body_the_document_writes_only_in_lower_case_is_no_mention(make_passages) -> None:
    kb = KnowledgeBase(
        [
            KBEntry("agency/xa/kpc", "agency", "Komisi Pemilihan Contoh", "XA"),
            KBEntry("agency/xa/bcc", "agency", "Badan Contoh Cuaca", "XA"),
        ]
    )
    doc, passages = make_passages(
        "Pemilihan umum diselenggarakan oleh suatu komisi pemilihan contoh yang mandiri.",
        "Data cuaca dari badan contoh cuaca dan dari Badan Contoh Cuaca dipakai.",
        lang="id",
    )
    found = {m.canonical_id for m in extract(doc, passages, kb) if m.label == "AGENCY"}
    assert found == {"agency/xa/bcc"}


def test_a_group_or_foundation_is_a_body_only_with_a_public_word(make_passages) -> None:
    doc, passages = make_passages(
        "The Digital Government Contoh Group and the Strategy Group met Penguin Contoh Group "
        "to review the Age Group figures. The National Contoh Foundation and Acme Foundation paid.",
        lang="en",
    )
    names = {m.text for m in extract(doc, passages, KnowledgeBase([])) if m.label == "AGENCY"}
    assert names == {"Digital Government Contoh Group", "Strategy Group", "National Contoh Foundation"}


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Skripsi ini diajukan pada Program Studi Teknik Contoh dan Program Magister Manajemen.", "id"),
        ("She completed the Master of Urban Contoh Program and the PhD Programme in Geography.", "en"),
        ("Para lulusan Program Pascasarjana mengikuti upacara.", "id"),  # no "Lulusan Program"
    ],
)
def test_a_course_of_study_is_no_programme(make_passages, text: str, lang: str) -> None:
    doc, passages = make_passages(text, lang=lang)
    assert not [m for m in extract(doc, passages, KnowledgeBase([])) if m.label == "PROGRAMME"]


def test_a_system_named_in_another_language_is_a_name_in_english_text(make_passages) -> None:
    doc, passages = make_passages(
        ("Kuantan runs the Sistem Pengurusan Lalulintas Pintar across the city.", "en"),
        ("Sistem Pengurusan Lalulintas Pintar dipasang di persimpangan.", "ms"),
    )
    found = [m.passage_id for m in extract(doc, passages, KnowledgeBase([])) if m.label == "PROGRAMME"]
    assert found == ["p0"]  # ordinary Malay words in Malay text: a kind of system


# ---- a body used only where its country is named ------------------------------------------


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("The Federal Sample Commission and the FSC met.", set()),
        (
            "In Examplia the Federal Sample Commission and the FSC met.",
            {"agency/xa/federal-sample-commission"},
        ),
        # the document's own definition wins over the list's acronym
        ("In Examplia the Five Sample Cities (FSC) met; the FSC agreed.", set()),
    ],
)
def test_a_body_that_needs_its_country_is_found_only_where_the_country_is_named(
    make_passages, text: str, found: set[str]
) -> None:
    examplia = KBEntry("place/xa", "place", "Examplia", "XA", place_type="country")
    body = KBEntry(
        "agency/xa/federal-sample-commission",
        "agency",
        "Federal Sample Commission",
        "XA",
        acronyms=("FSC",),
        needs_country=True,
    )
    doc, passages = make_passages(text, lang="en")
    mentions = extract(doc, passages, KnowledgeBase([examplia, body]))
    assert {m.canonical_id for m in mentions if (m.canonical_id or "").startswith("agency/xa/")} == found


# ---- a body whose name is a regulation's whole title ---------------------------------------


@pytest.mark.parametrize(
    ("text", "agencies"),
    [
        # the regulation sets the body up: its title is the body's name
        (
            "Peraturan Presiden Nomor 6 Tahun 2015 tentang Badan Contoh Kreatif sebagaimana telah diubah.",
            {"Badan Contoh Kreatif"},
        ),
        # a body inside a longer title is the title's subject, not a mention
        (
            "Peraturan Presiden Nomor 7 Tahun 2015 tentang Organisasi dan Tata Kerja Badan Contoh Kreatif.",
            set(),
        ),
    ],
)
def test_a_body_named_by_a_whole_title_is_kept(make_passages, text: str, agencies: set[str]) -> None:
    doc, passages = make_passages(text, lang="id")
    assert {m.text for m in extract(doc, passages, KnowledgeBase([])) if m.label == "AGENCY"} == agencies


# ---- a lower-case English kind word after a name is English grammar -----------------------


@pytest.mark.parametrize(
    ("text", "lang", "programmes"),
    [
        ("The city runs the Green Example scheme for every district.", "en", {"Green Example"}),
        # a tariff table's Indonesian cell: "app" abbreviates a word, it names no app
        ("Biopsi Contoh Sinonasal app Gingivobuccal 1 x tindakan 4.694.000", "id", set()),
    ],
)
def test_a_lower_case_kind_word_names_a_programme_in_english_text_only(
    make_passages, text: str, lang: str, programmes: set[str]
) -> None:
    doc, passages = make_passages(text, lang=lang)
    assert {m.text for m in extract(doc, passages, KnowledgeBase([])) if m.label == "PROGRAMME"} == programmes


# ---- a programme's generation -------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "found"),
    [
        (
            "Examplia's Example Nation 2.0 aims to use technology.",
            {("Example Nation 2.0", "programme/_/example-nation-2-0")},
        ),
        ("The Example Nation began in 2014.", {("Example Nation", "programme/xa/example-nation")}),
        (
            "See the Example Nation 2.1 section.",
            {("Example Nation", "programme/xa/example-nation")},
        ),  # a section
        (
            "18. Examplia Example Nation 1.0 Initiatives Industry",
            {("Example Nation 1.0 Initiatives", "programme/_/example-nation-1-0-initiatives")},
        ),
    ],
)
def test_a_programme_followed_by_its_generation_is_that_generation(
    make_passages, text: str, found: set[tuple[str, str]]
) -> None:
    nation = KBEntry("programme/xa/example-nation", "programme", "Example Nation", "XA")
    doc, passages = make_passages(text, lang="en")
    mentions = extract(doc, passages, KnowledgeBase([nation]))
    assert {(m.text, m.canonical_id) for m in mentions if m.label == "PROGRAMME"} == found


# ---- an international body's institute, centre or office ----------------------------------


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Data come from the EXORG Institute for Statistics.", {("EXORG Institute for Statistics", "INT")}),
        ("EXORG and its members agreed.", {("EXORG", "INT")}),
    ],
)
def test_an_international_body_s_unit_is_a_body_of_its_own(
    make_passages, text: str, found: set[tuple[str, str]]
) -> None:
    org = KBEntry("agency/int/exorg", "agency", "Example Organisation", "INT", acronyms=("EXORG",))
    doc, passages = make_passages(text, lang="en")
    mentions = extract(doc, passages, KnowledgeBase([org]))
    assert {(m.text, m.country) for m in mentions if m.label == "AGENCY"} == found


# ---- a company's legal form after a name ---------------------------------------------------


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Example Foundation Health Plan, Inc. Oakland 120 Layoff", set()),
        ("The Harbor Example Network Ltd. and Contoh Platform Sdn. Bhd. filed notices.", set()),
        ("The Example Growth Programme, Incheon and Busan joined.", {"Example Growth Programme"}),  # a city
    ],
)
def test_a_name_a_company_s_legal_form_follows_is_a_company(
    make_passages, text: str, found: set[str]
) -> None:
    doc, passages = make_passages(text, lang="en")
    names = {m.text for m in extract(doc, passages, KnowledgeBase([])) if m.label in ("PROGRAMME", "AGENCY")}
    assert names == found


def test_a_minister_s_post_is_the_ministry_the_document_names(make_passages) -> None:
    doc, passages = make_passages(
        "The Minister for Urban Renewal and the Environment opened the park.",
        "The Ministry of Urban Renewal and the Environment (MURE) manages parks.",
        "The Minister for Coastal Works spoke.",
    )
    mentions = extract(doc, passages, KnowledgeBase([]))
    found = {(m.text, m.canonical_id) for m in mentions if m.label == "AGENCY"}
    ministry = "agency/_/ministry-of-urban-renewal-and-the-environment"
    assert ("Minister for Urban Renewal and the Environment", ministry) in found
    assert ("Ministry of Urban Renewal and the Environment", ministry) in found
    assert ("Minister for Coastal Works", "agency/_/minister-for-coastal-works") in found


def test_a_minister_s_post_is_the_ministry_the_knowledge_base_knows(make_passages) -> None:
    kb = KnowledgeBase(
        [KBEntry(id="agency/xx/mot", kind="agency", name="Ministry of Transport", country="XX")]
    )
    doc, passages = make_passages("The Minister for Transport announced the plan.")
    assert [m.canonical_id for m in extract(doc, passages, kb) if m.label == "AGENCY"] == ["agency/xx/mot"]


def test_a_programme_named_with_its_owner_s_acronym_is_the_programme(make_passages) -> None:
    doc, passages = make_passages(
        "The Ministry of Coastal Works (MCW) leads the Riverton Blue Plan.",
        "MCW hosted the MCW Riverton Blue Plan Conversation with 80 residents.",
    )
    mentions = extract(doc, passages, KnowledgeBase([]))
    ids = {m.text: m.canonical_id for m in mentions if m.label == "PROGRAMME"}
    assert len(ids) == 2 and len(set(ids.values())) == 1, ids


def test_names_that_differ_only_by_the_are_one_entity(make_passages) -> None:
    doc, passages = make_passages(
        "The Ministry of Coastal Works and the Environment manages parks.",
        "Later the Ministry of Coastal Works and Environment opened a park.",
    )
    mentions = extract(doc, passages, KnowledgeBase([]))
    ids = {m.text: m.canonical_id for m in mentions if m.label == "AGENCY"}
    one = "agency/_/ministry-of-coastal-works-and-the-environment"
    assert ids == {
        "Ministry of Coastal Works and the Environment": one,
        "Ministry of Coastal Works and Environment": one,
    }


@pytest.mark.parametrize(
    ("name", "event"),
    [
        ("ASEAN Smart Cities Network Showcase of New Zealand Initiatives", True),
        ("Riverton Summit on Urban Resilience Framework", True),
        ("Smart City Action Plan", False),
        ("Workshop on Smart City Strategy", False),  # the topic is named; the event word begins it
    ],
)
def test_an_event_s_title_is_no_programme(name: str, event: bool) -> None:
    from pipeline.extract.extractor import event_title

    assert event_title(name) is event


def test_an_embassy_s_name_takes_the_city_written_after_it(make_passages) -> None:
    kb = KnowledgeBase(
        [KBEntry(id="place/xx/riverton", kind="place", name="Riverton", country="XX", place_type="city")]
    )
    doc, passages = make_passages(
        "The survey was funded by the Freedonian Embassy Riverton and the Sylvanian Embassy.",
        "Smart City Primer. Riverlab and Marovian Embassy Riverton: Riverton.",
        "The Freedonian Embassy in Riverton hosted it.",
        lang="en",
    )
    agencies = {m.text for m in extract(doc, passages, kb) if m.label == "AGENCY"}
    assert {"Freedonian Embassy Riverton", "Sylvanian Embassy", "Marovian Embassy Riverton"} <= agencies
    assert not any("in Riverton" in a for a in agencies)


def test_a_word_broken_in_two_by_ocr_ends_the_name_whole(make_passages) -> None:
    doc, passages = make_passages(
        "mendapatkan nomor dari Direktorat Jenderal Paj ak; dan Dinas Kesehatan an kota."
    )
    agencies = {
        (m.text, m.canonical_name) for m in extract(doc, passages, KnowledgeBase([])) if m.label == "AGENCY"
    }
    assert ("Direktorat Jenderal Paj ak", "Direktorat Jenderal Pajak") in agencies
    # "Kesehatan" is a word already: "an" is not part of it
    assert any(text == "Dinas Kesehatan" for text, _ in agencies)


def test_a_name_that_begins_with_an_acronym_is_the_name_written_out(make_passages) -> None:
    doc, passages = make_passages(
        "kewenangan Unit Pelaksana Teknis Dinas Kependudukan dan Pencatatan Sipil Kabupaten/Kota.",
        "dilaksanakan UPT Dinas Kependudukan dan Pencatatan Sipil Kabupaten/Kota dan UPT Pasar Baru.",
    )
    ids = {m.text: m.canonical_id for m in extract(doc, passages, KnowledgeBase([])) if m.label == "AGENCY"}
    long = "Unit Pelaksana Teknis Dinas Kependudukan dan Pencatatan Sipil Kabupaten/Kota"
    assert ids["UPT Dinas Kependudukan dan Pencatatan Sipil Kabupaten/Kota"] == ids[long]
    assert ids["UPT Pasar Baru"] != ids[long]


def test_a_word_and_its_negation_after_a_slash_name_a_kind() -> None:
    assert names_alternatives("Lembaga Pendidikan Formal/Non Formal")
    assert names_alternatives("Organisasi Pemerintah/Non-Pemerintah")
    assert not names_alternatives("Dinas Pendidikan Formal/Non Formal Kota Bogor")  # not at the end
    assert not names_alternatives("Badan Pengawas/Non Teknis")  # not one word and its negation


def test_a_programme_a_pattern_found_is_found_again_where_it_stands_alone(make_passages) -> None:
    doc, passages = make_passages(
        ("The Harbour Bright initiative began in 2014.", "en"),
        (
            "Later the city embarked on Harbour Bright with urgency, and Harbour Bright Awards "
            "were given by Mayor Harbour Bright.",
            "en",
        ),
        ("Harbour Bright adalah kata biasa dalam teks ini.", "id"),
    )
    found = [
        (m.passage_id, m.text, m.canonical_id)
        for m in extract_mentions(doc, passages)
        if m.label == "PROGRAMME"
    ]
    assert found == [
        (passages[0].id, "Harbour Bright", "programme/_/harbour-bright"),
        (passages[1].id, "Harbour Bright", "programme/_/harbour-bright"),
    ]


def test_a_system_of_the_whole_government_is_a_programme_each_agency_s_is_a_kind(make_passages) -> None:
    doc, passages = make_passages(
        "Sistem Penghubung Layanan Instansi Pusat terhubung dengan Sistem Penghubung Layanan Pemerintah.",
        "Setiap instansi menyediakan sistem penghubung layanan untuk pertukaran data pemerintah.",
        lang="id",
    )
    names = {m.text for m in extract_mentions(doc, passages) if m.label == "PROGRAMME"}
    assert names == {"Sistem Penghubung Layanan Pemerintah"}


def test_a_university_s_unit_is_neither_a_body_nor_a_programme(make_passages) -> None:
    doc, passages = make_passages(
        ("John Tan, Department of Computer Science, National University of Example, Singapore.", "en"),
        (
            "The Department of Urban Planning at Riverside University and the School of Public Policy met.",
            "en",
        ),
        ("Universitas Contoh Raya, Fakultas Teknik, Malang.", "id"),
        ("The Department of Statistics published the census, and the Department of Transport agreed.", "en"),
    )
    found = {(m.label, m.text) for m in extract_mentions(doc, passages) if m.label in ("AGENCY", "PROGRAMME")}
    assert found == {("AGENCY", "Department of Statistics"), ("AGENCY", "Department of Transport")}


def test_pejabat_is_an_office_in_malay_and_an_official_in_indonesian(make_passages) -> None:
    doc, passages = make_passages(
        ("Pejabat Pegawai Negeri Sipil (PPNS) berwenang melakukan penyidikan. PPNS melapor.", "id"),
        ("Pejabat Tanah dan Galian mengeluarkan hakmilik tanah.", "ms"),
    )
    found = {m.text for m in extract_mentions(doc, passages) if m.label == "AGENCY"}
    assert found == {"Pejabat Tanah dan Galian"}


def test_a_body_s_role_or_kind_is_no_named_body(make_passages) -> None:
    doc, passages = make_passages(
        ("Project Name | Lead Agency | Status", "en"),
        ("The Implementing Agency reports to the Line Ministry; Harbourside Town Council agreed.", "en"),
    )
    found = {m.text for m in extract_mentions(doc, passages) if m.label == "AGENCY"}
    assert found == {"Harbourside Town Council"}


def test_a_title_alone_is_the_law_the_document_cites_in_full_by_that_title(make_passages) -> None:
    doc, passages = make_passages(
        ("Officers are public servants within the meaning of the Penal Code [Act 574].", "en"),
        ("Members are deemed public servants within the meaning of the Penal Code.", "en"),
        ("The Riverside Data Act 2010 (Act 901) applies, and the Riverside Data Act says more.", "en"),
    )
    laws = [
        (m.passage_id, m.text, m.canonical_id) for m in extract_mentions(doc, passages) if m.label == "LAW"
    ]
    assert laws == [
        (passages[0].id, "Penal Code [Act 574]", "my/act/-/574"),
        (passages[1].id, "Penal Code", "my/act/-/574"),
        (passages[2].id, "Riverside Data Act 2010 (Act 901)", "my/act/2010/901"),
        (passages[2].id, "Riverside Data Act", "my/act/2010/901"),
    ]


def test_a_region_s_office_named_after_a_ministry_s_field_is_not_the_ministry(make_passages) -> None:
    doc, passages = make_passages(
        "Kepala Dinas Kominfo Kota Makassar dan Bappeda Kota Bogor menyampaikan paparan.", lang="id"
    )
    found = {m.canonical_id for m in extract_mentions(doc, passages) if m.label == "AGENCY"}
    assert found == {"agency/_/dinas-kominfo-kota-makassar", "agency/_/bappeda-kota-bogor"}
