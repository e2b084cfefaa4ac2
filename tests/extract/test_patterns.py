"""Unknown agencies and programmes found by the shape of their names."""

from __future__ import annotations

import pytest

from pipeline.extract import find_patterns
from pipeline.extract.candidates import strip_qualifier, unknown_id
from pipeline.extract.extractor import DocumentText, find_candidates
from pipeline.extract.kb import KBEntry, KnowledgeBase
from pipeline.extract.patterns import (
    bodies_of_any_agency,
    country_government_hits,
    generic_body_name,
    technology_term,
)
from pipeline.records import Passage


def names(text: str) -> list[tuple[str, str]]:
    return [(h.label, h.name) for h in sorted(find_patterns(text), key=lambda h: h.start)]


def resolved(text: str) -> list[tuple[str, str]]:
    """Names the patterns give once overlapping finds are resolved (no knowledge base)."""
    doc = DocumentText.build([Passage(id="p", document_id="d", page=1, text=text, lang="en")])
    found, _ = find_candidates(doc, KnowledgeBase([]))
    return [(c.label, c.canonical_name or "") for c in found]


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        (
            "id",
            "bekerja sama dengan Kementerian Dalam Negeri, Kementerian Keuangan",
            [("AGENCY", "Kementerian Dalam Negeri"), ("AGENCY", "Kementerian Keuangan")],
        ),
        (
            "id",
            "MENTERI HUKUM DAN HAK ASASI MANUSIA REPUBLIK INDONESIA,",
            [("AGENCY", "Kementerian Hukum dan Hak Asasi Manusia Republik Indonesia")],
        ),
        (
            "id",
            "Dinas Perindustrian, Perdagangan, Koperasi, Usaha Kecil dan Menengah;",
            [("AGENCY", "Dinas Perindustrian, Perdagangan, Koperasi, Usaha Kecil dan Menengah")],
        ),
        ("id", "Badan Riset dan Inovasi Nasional dibentuk", [("AGENCY", "Badan Riset dan Inovasi Nasional")]),
        ("id", "Pemerintah Kabupaten Malang menyusun", [("AGENCY", "Pemerintah Kabupaten Malang")]),
        (
            "id",
            "1 Bupati Belitung 22 Bupati Minahasa Utara",
            [("AGENCY", "Pemerintah Kabupaten Belitung"), ("AGENCY", "Pemerintah Kabupaten Minahasa Utara")],
        ),
        ("id", "Walikota Bau Bau", [("AGENCY", "Pemerintah Kota Bau Bau")]),
        (
            "id",
            "DPRD Provinsi DKI Jakarta",
            [("AGENCY", "Dewan Perwakilan Rakyat Daerah Provinsi DKI Jakarta")],
        ),  # noqa: E501
        (
            "en",
            "the Ministry of Science, Technology and Innovation said",
            [("AGENCY", "Ministry of Science, Technology and Innovation")],
        ),
        (
            "en",
            "Iskandar Regional Development Authority (IRDA)",
            [("AGENCY", "Iskandar Regional Development Authority")],
        ),  # noqa: E501
        ("en", "Makassar City Government has worked", [("AGENCY", "Makassar City Government")]),
        ("en", "with the Government of Thailand", [("AGENCY", "Government of Thailand")]),
        (
            "en",
            "the National Steering Committee on Smart City",
            [("AGENCY", "National Steering Committee on Smart City")],
        ),  # noqa: E501
        ("en", "Malaysia Digital Economy Corporation", [("AGENCY", "Malaysia Digital Economy Corporation")]),
        # an Indonesian region's body by its short form, and one that lists its fields
        ("id", "bersama Bappeda Kota Bogor hadir", [("AGENCY", "Bappeda Kota Bogor")]),
        (
            "id",
            "Dinas Komunikasi, Informatika dan Statistik Kota Bogor hadir",
            [("AGENCY", "Dinas Komunikasi, Informatika dan Statistik Kota Bogor")],
        ),
        (
            "id",
            "Dinas Pendidikan, Dinas Kesehatan, dan Dinas Sosial hadir",
            [("AGENCY", "Dinas Pendidikan"), ("AGENCY", "Dinas Kesehatan"), ("AGENCY", "Dinas Sosial")],
        ),
        # Malaysia: the Prime Minister's Department, a state's government, an office
        ("ms", "Jabatan Perdana Menteri menyelaras", [("AGENCY", "Jabatan Perdana Menteri")]),
        ("ms", "dengan Kerajaan Negeri Selangor", [("AGENCY", "Kerajaan Negeri Selangor")]),
        ("en", "the Selangor State Government agreed", [("AGENCY", "Selangor State Government")]),
        ("ms", "Pejabat Tanah dan Galian mengeluarkan", [("AGENCY", "Pejabat Tanah dan Galian")]),
        ("id", "Program Quick Win serta", [("PROGRAMME", "Program Quick Win")]),
        # a page reference, a statute's part, a section heading or a food court is no part of a body
        ("en", "see 108–9 Ninth Circuit Court of Appeals", [("AGENCY", "Ninth Circuit Court of Appeals")]),
        ("en", "Part VII APPEAL TRIBUNAL", [("AGENCY", "Appeal Tribunal")]),
        ("en", "the Part XIA Committee", []),
        ("en", "Decision of Appeal Tribunal", [("AGENCY", "Appeal Tribunal")]),
        ("en", "lunch at the MET Food Court", []),
        # branches of the armed forces and the nation's missions abroad; not the labour force
        ("id", "Angkatan Darat, Angkatan Laut", [("AGENCY", "Angkatan Darat"), ("AGENCY", "Angkatan Laut")]),
        ("id", "Survei Angkatan Kerja Nasional", []),
        (
            "id",
            "melalui Perwakilan Republik Indonesia di luar negeri",
            [("AGENCY", "Perwakilan Republik Indonesia")],
        ),
        # a list item's number ends a programme name
        (
            "id",
            "Portal Data Menko Perekonomian 3 Menyediakan layanan",
            [("PROGRAMME", "Portal Data Menko Perekonomian")],
        ),
        # a leading phase is no part of the name
        (
            "en",
            "Phase 1 of the Automated Citywide Traffic Control System was built",
            [("PROGRAMME", "Automated Citywide Traffic Control System")],
        ),
        # one header word among others is a name's word ("Kota")
        ("id", "melalui Program Kota Tanpa Kumuh", [("PROGRAMME", "Program Kota Tanpa Kumuh")]),
        ("id", "Gerakan Menuju Kota Cerdas (Smart City)", [("PROGRAMME", "Gerakan Menuju Kota Cerdas")]),
        (
            "id",
            "Rencana Induk Pemajuan Ilmu Pengetahuan dan Teknologi",
            [("PROGRAMME", "Rencana Induk Pemajuan Ilmu Pengetahuan dan Teknologi")],
        ),
        ("en", "the Siem Reap Smart City Roadmap supported", [("PROGRAMME", "Siem Reap Smart City Roadmap")]),
        ("en", "Smart City Master Plan 2018-2037", [("PROGRAMME", "Smart City Master Plan 2018-2037")]),
        ("en", "the Master Plan on ASEAN Connectivity", [("PROGRAMME", "Master Plan on ASEAN Connectivity")]),
        ("en", "the Twenty-Year National Strategy", [("PROGRAMME", "Twenty-Year National Strategy")]),
        ("en", "the ASEAN Smart Cities Framework", [("PROGRAMME", "ASEAN Smart Cities Framework")]),
        ("en", "ASEAN Community Blueprints 2025", [("PROGRAMME", "ASEAN Community Blueprints 2025")]),
        ("en", "the Digital Economy Initiative", [("PROGRAMME", "Digital Economy Initiative")]),
        ("en", "the ASEAN Smart Cities Network", [("PROGRAMME", "ASEAN Smart Cities Network")]),
        ("en", "under the Data Regulatory Sandbox", [("PROGRAMME", "Data Regulatory Sandbox")]),
        ("en", "through the TechSkills Accelerator", [("PROGRAMME", "TechSkills Accelerator")]),
        ("id", "melalui Portal Satu Data Indonesia", [("PROGRAMME", "Portal Satu Data Indonesia")]),
        ("id", "melalui Portal SPBE", []),  # a portal of any agency
        # committees, tribunals and courts, head-first and head-last
        ("en", "the Committee on Advertisement shall", [("AGENCY", "Committee on Advertisement")]),
        ("en", "the Tribunal for Consumer Claims held", [("AGENCY", "Tribunal for Consumer Claims")]),
        ("en", "an appeal to the High Court", [("AGENCY", "High Court")]),
        ("en", "the Court of Appeal said", [("AGENCY", "Court of Appeal")]),
        ("en", "a Judge of the High Court", [("AGENCY", "High Court")]),  # a post, then the court
        # an office that runs a programme is a body, not the programme
        ("en", "the Data Sharing Programme Office said", [("AGENCY", "Data Sharing Programme Office")]),
        # funds, grants, scholarships, fellowships, allowances and campaigns
        ("en", "the EV Common Charger Grant co-funds", [("PROGRAMME", "EV Common Charger Grant")]),
        ("en", "the Smart Nation Scholarship and", [("PROGRAMME", "Smart Nation Scholarship")]),
        ("en", "the Smart Nation Fellowship attracts", [("PROGRAMME", "Smart Nation Fellowship")]),
        ("en", "the Clean Air Campaign began", [("PROGRAMME", "Clean Air Campaign")]),
        (
            "en",
            "the Investment Allowance for Emissions Reduction helps",
            [("PROGRAMME", "Investment Allowance for Emissions Reduction")],
        ),
        # a programme's acronym between its words and its head; not a person's title before a body
        (
            "en",
            "the Agri-Food Cluster Transformation (ACT) Fund supports",
            [("PROGRAMME", "Agri-Food Cluster Transformation (ACT) Fund")],
        ),
        # "Road Map" heads an Indonesian name; a name ending in a year runs to its period's end
        (
            "id",
            "sesuai Road Map Reformasi Birokrasi 2020 – 2024 yang",
            [("PROGRAMME", "Road Map Reformasi Birokrasi 2020 – 2024")],
        ),
        # a participle and its preposition open a clause before the name
        (
            "en",
            "Building on the Friends of Silver Infocomm programme launched in 2016",
            [("PROGRAMME", "Friends of Silver Infocomm")],
        ),
        # "New" begins a place here, not a name's leading noise
        (
            "en",
            "at the invitation of the New Zealand Ministry of Foreign Affairs and Trade, delegates",
            [("AGENCY", "New Zealand Ministry of Foreign Affairs and Trade")],
        ),
        # an owner's possessive before a programme names a body of its own
        (
            "en",
            "tap into the National Youth Council's National Youth Fund today",
            [("AGENCY", "National Youth Council"), ("PROGRAMME", "National Youth Fund")],
        ),
        (
            "en",
            "by the Australia for ASEAN (Aus4ASEAN) Futures Initiative with",
            [("PROGRAMME", "Australia for ASEAN (Aus4ASEAN) Futures Initiative")],
        ),
        # an acronym that spells the body before it is the body's, not the programme's
        (
            "en",
            "Ministry of Transport (MOT)/Land Transport Authority’s (LTA) Green Plan Conversations",
            [
                ("AGENCY", "Ministry of Transport"),
                ("AGENCY", "Land Transport Authority"),
                ("PROGRAMME", "Green Plan"),
            ],
        ),
        ("en", "Mr Eoin Ee (MR) Ministry of Trade", [("AGENCY", "Ministry of Trade")]),
        # a lower-case kind word after a name of two words or a brand; the word is not part of it
        ("en", "must meet the Green Mark scheme by", [("PROGRAMME", "Green Mark")]),
        ("en", "the Open Innovation initiative and", [("PROGRAMME", "Open Innovation")]),
        ("en", "under the Cities of Tomorrow programme", [("PROGRAMME", "Cities of Tomorrow")]),
        ("en", "the refreshed GreenGov.SG initiative", [("PROGRAMME", "GreenGov.SG")]),
        ("en", "the Smart Urban Mobility project leverages", [("PROGRAMME", "Smart Urban Mobility")]),
        ("en", "the national SkillsFuture movement", [("PROGRAMME", "SkillsFuture")]),
        ("en", "such as via the MyInfo platform as", [("PROGRAMME", "MyInfo")]),
        (
            "en",
            "captured in the Digital Skills Competencies framework",
            [("PROGRAMME", "Digital Skills Competencies")],
        ),
        ("en", "the Davao project and the Bus platform", []),
        (
            "en",
            "developed the Data Protection Trustmark certification to",
            [("PROGRAMME", "Data Protection Trustmark")],
        ),
        ("en", "the Ministry of Finance programme pays", [("AGENCY", "Ministry of Finance")]),
        ("en", "under the ASEAN programme", []),
        # "and" joins a remit's last word; not a second body
        (
            "en",
            "the Research Programme on the Governance of AI and Data to develop",
            [("PROGRAMME", "Research Programme on the Governance of AI and Data")],
        ),
        (
            "en",
            "The Committee on Trade and Ministry of Finance met",
            [("AGENCY", "Committee on Trade"), ("AGENCY", "Ministry of Finance")],
        ),
        # a national network; the internet is no programme
        (
            "id",
            "melalui Jaringan Informasi Geospasial Nasional dan Jaringan Internet",
            [("PROGRAMME", "Jaringan Informasi Geospasial Nasional")],
        ),
        # a set of plans or programmes under one name
        (
            "en",
            "The Industry Digital Plans for SMEs help",
            [("PROGRAMME", "Industry Digital Plans for SMEs")],
        ),
        # a duration before the name is no part of it
        ("en", "the 10-year HDB Green Towns Programme will", [("PROGRAMME", "HDB Green Towns Programme")]),
    ],
)
def test_unknown_entity_patterns(lang: str, text: str, expected: list[tuple[str, str]]) -> None:
    assert names(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "the national strategy",
        "a Master Plan",
        "The Plan",
        "3.1 Program",
        "Kebijakan Publik",
        "Pemerintah Daerah",
        "Bupati/Walikota Administrasi",
    ],
)
def test_generic_heads_are_not_entities(text: str) -> None:
    assert find_patterns(text) == []


def test_names_do_not_run_across_lines() -> None:
    assert names("Makassar, Indonesia\nMakassar City Government") == [("AGENCY", "Makassar City Government")]


def test_unknown_id_from_normalised_name() -> None:
    assert unknown_id("AGENCY", "Dinas Kesehatan") == "agency/_/dinas-kesehatan"


def test_country_qualifier_is_stripped() -> None:
    assert strip_qualifier("Kementerian Kesehatan Republik Indonesia") == ("Kementerian Kesehatan", "ID")
    assert strip_qualifier("Ministry of Transport of Thailand") == ("Ministry of Transport", "TH")
    # after "Nasional" / "Negara" a bare country is part of the name
    assert strip_qualifier("Tentara Nasional Indonesia") == ("Tentara Nasional Indonesia", None)
    assert strip_qualifier("Kepolisian Negara Republik Indonesia") == ("Kepolisian Negara", "ID")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a position title and its "of" are not part of the body's name
        (
            "Dr. A. Rahman, Director of the City Planning Department, opened",
            [("AGENCY", "City Planning Department")],
        ),
        (
            "said the Deputy Director General of the Harbour Development Authority",
            [("AGENCY", "Harbour Development Authority")],
        ),
        (
            "the President and CEO of the Harbour Development Authority said",
            [("AGENCY", "Harbour Development Authority")],
        ),
        (
            "(Mr. A. Rahman) President /CEO of Harbour Development Authority",
            [("AGENCY", "Harbour Development Authority")],
        ),
        # a note or label marker glued on by a dash or colon is cut off
        (
            "NOTE—The Municipal Council of Seberang Perai approves",
            [("AGENCY", "Municipal Council of Seberang Perai")],
        ),
        ("Sumber: Kantor Statistik Daerah", [("AGENCY", "Kantor Statistik Daerah")]),
        # a legal-form qualifier on the next line belongs to the name
        (
            "the Electronic Government Agency\n(Public Organization) runs",
            [("AGENCY", "Electronic Government Agency (Public Organization)")],
        ),
        # "X and Y" where Y is a body of its own: two bodies
        (
            "The Ministry of Transport and Harbour Development Authority signed",
            [("AGENCY", "Ministry of Transport"), ("AGENCY", "Harbour Development Authority")],
        ),
        ("the Ministry of Science and Technology signed", [("AGENCY", "Ministry of Science and Technology")]),
        # a year or an article number after a body's name is not part of it
        (
            "diganti oleh Suruhanjaya Perkhidmatan Pelajaran 2006 dan",
            [("AGENCY", "Suruhanjaya Perkhidmatan Pelajaran")],
        ),
        # short forms of local governments
        (
            "Pemkot Surabaya dan Pemkab Banyuwangi",
            [("AGENCY", "Pemerintah Kota Surabaya"), ("AGENCY", "Pemerintah Kabupaten Banyuwangi")],
        ),
        ("oleh Pemprov Jawa Timur", [("AGENCY", "Pemerintah Provinsi Jawa Timur")]),
        # a contents page's number glued to a name is not part of it
        (
            "10.5. Tim Koordinasi SPBE Kementerian Koordinator Bidang Perekonomian81",
            [("AGENCY", "Tim Koordinasi SPBE"), ("AGENCY", "Kementerian Koordinator Bidang Perekonomian")],
        ),
        # an owner's possessive before a programme is not part of its name
        ("IMDA's Silver Infocomm Initiative helps seniors", [("PROGRAMME", "Silver Infocomm Initiative")]),
        (
            "the Harbour Board’s Clean Water Programme",
            [("AGENCY", "Harbour Board"), ("PROGRAMME", "Clean Water Programme")],
        ),
        ("Siem Reap's Department of Tourism said", [("AGENCY", "Department of Tourism")]),
        ("the Prime Minister's Office said", [("AGENCY", "Prime Minister's Office")]),
        # a body joined by "dan" to an office holder stops before it
        ("Mahkamah Rayuan dan Hakim Besar di Malaysia", [("AGENCY", "Mahkamah Rayuan")]),
        ("Dewan Perwakilan Rakyat dan Presiden membahas", [("AGENCY", "Dewan Perwakilan Rakyat")]),
        # Indonesia's President and Vice President, as offices
        ("PRESIDEN REPUBLIK INDONESIA,", [("AGENCY", "Presiden")]),  # the country is a qualifier
        ("Wakil Presiden membantu", [("AGENCY", "Wakil Presiden")]),
        ("urusan Pemerintah Pusat dan Pemerintah Daerah", []),  # levels of government, no body
        ("Peraturan Presiden mengatur", []),
        # a function word in Title case ends a head-first name
        ("dan/atau Menteri Terhadap Wajib Bayar", []),
        ("Kegiatan Internal Kementerian Tingkat Unit Organisasi", []),
        # "and the" inside a head-first name; two head-last bodies joined by "and"
        (
            "led by the Ministry of Sustainability and the Environment, and shared",
            [("AGENCY", "Ministry of Sustainability and the Environment")],
        ),
        (
            "Ministry of Sustainability and the Environment Email: info@example.sg",
            [("AGENCY", "Ministry of Sustainability and the Environment")],
        ),
        # "and the" before a word that "for" follows: a second name begins
        (
            "the Office for Example Risk Reduction and the Centre for Example Cities",
            [("AGENCY", "Office for Example Risk Reduction")],
        ),
        ("Biro Umum Indikator Tingkat Kematangan", []),
        (
            "the Traffic Management Coordination Committee and Cebu City Traffic Office worked",
            [("AGENCY", "Traffic Management Coordination Committee"), ("AGENCY", "Cebu City Traffic Office")],
        ),
        (
            "the Ministry of Transport and the Land Transport Authority",
            [("AGENCY", "Ministry of Transport"), ("AGENCY", "Land Transport Authority")],
        ),
        # "<head> of <Place> and <name> <head>": two bodies
        (
            "the Electricity Generating Authority of Thailand and Provincial Electricity Authority agreed",
            [
                ("AGENCY", "Electricity Generating Authority"),  # its country is a qualifier
                ("AGENCY", "Provincial Electricity Authority"),
            ],
        ),
        # a local government after "dan" is a second body
        (
            "Dinas Pendidikan Kota Bandung dan Pemerintah Kota Bogor bekerja sama",
            [("AGENCY", "Dinas Pendidikan Kota Bandung"), ("AGENCY", "Pemerintah Kota Bogor")],
        ),
        # the state institutions' head words
        (
            "Majelis Permusyawaratan Rakyat, Mahkamah Agung, dan Kejaksaan Agung",
            [
                ("AGENCY", "Majelis Permusyawaratan Rakyat"),
                ("AGENCY", "Mahkamah Agung"),
                ("AGENCY", "Kejaksaan Agung"),
            ],
        ),
        ("personel Tentara Nasional Indonesia bertugas", [("AGENCY", "Tentara Nasional Indonesia")]),
        # courts, committees, task forces, inspectorates and technical centres; Malay
        # committees and authorities
        (
            "diperiksa oleh Pengadilan Hubungan Industrial dan Komite Nasional Keuangan Syariah",
            [
                ("AGENCY", "Pengadilan Hubungan Industrial"),
                ("AGENCY", "Komite Nasional Keuangan Syariah"),
            ],
        ),
        (
            "Gugus Tugas Percepatan Penanganan COVID-19 dibentuk",
            [("AGENCY", "Gugus Tugas Percepatan Penanganan COVID-19")],
        ),
        # an inspectorate general without its owner is any ministry's
        (
            "oleh Inspektorat Jenderal dan Balai Besar Wilayah Sungai",
            [("AGENCY", "Balai Besar Wilayah Sungai")],
        ),
        ("Kementerian Dalam Negeri dan Inspektorat Daerah", [("AGENCY", "Kementerian Dalam Negeri")]),
        # a nation's legislature, cabinet or head of state written alone; not inside a name
        (
            "The bill was passed by Parliament and Jemaah Menteri; the Yang di-Pertuan Agong assented.",
            [("AGENCY", "Parliament"), ("AGENCY", "Jemaah Menteri"), ("AGENCY", "Yang di-Pertuan Agong")],
        ),
        ("the European Parliament and Parliament House and the Cabinet Secretary", []),
        # a legislature's chamber alone; not a university's senate, not a bill's name
        (
            "the House of Lords, the House of Commons and the Senate agreed",
            [("AGENCY", "House of Lords"), ("AGENCY", "House of Commons"), ("AGENCY", "Senate")],
        ),
        ("the University Senate debated Senate Bill 5", []),
        # a statutory law officer alone, as the office; not a deputy's post, a holder's name
        # or the office's chambers
        (
            "by consent of the Public Prosecutor, the Attorney General's consent or the Auditor-General",
            [("AGENCY", "Public Prosecutor"), ("AGENCY", "Attorney General"), ("AGENCY", "Auditor-General")],
        ),
        ("Assistant Attorney General and Attorney General John Doe at the Attorney General's Chambers", []),
        # a regional public hospital
        (
            "dirujuk ke RSUD Kota Tegal atau Rumah Sakit Umum Daerah Sleman",
            [("AGENCY", "RSUD Kota Tegal"), ("AGENCY", "Rumah Sakit Umum Daerah Sleman")],
        ),
        # coordination and steering teams, forums and departments; a focus group is a meeting
        (
            "Tim Koordinasi SPBE Nasional dan Forum Satu Data Indonesia dalam Forum Group Discussion",
            [("AGENCY", "Tim Koordinasi SPBE Nasional"), ("AGENCY", "Forum Satu Data")],
        ),
        ("oleh Departemen Dalam Negeri", [("AGENCY", "Departemen Dalam Negeri")]),
        (
            "Jawatankuasa Kira-Kira Wang Negara dan Pihak Berkuasa Penerbangan Awam",
            [("AGENCY", "Jawatankuasa Kira-Kira Wang Negara"), ("AGENCY", "Pihak Berkuasa Penerbangan Awam")],
        ),
        # missions abroad; a body named after the programme it serves is a body, not the
        # programme; local governments of the Philippines, Cambodia, Thailand
        (
            "melalui Kedutaan Besar Republik Indonesia atau Konsulat Jenderal Republik Indonesia",
            [
                ("AGENCY", "Kedutaan Besar Republik Indonesia"),
                ("AGENCY", "Konsulat Jenderal Republik Indonesia"),
            ],
        ),
        ("Dewan Pengarah Satu Data Indonesia", [("AGENCY", "Dewan Pengarah Satu Data")]),
        ("the Embassy of Japan supported", [("AGENCY", "Embassy of Japan")]),
        ("the City Government of Manila launched", [("AGENCY", "City Government of Manila")]),
        ("the LGU of Davao runs buses", [("AGENCY", "LGU of Davao")]),
        (
            "Phnom Penh Capital Hall and Battambang Provincial Hall. Makassar City Government",
            [
                ("AGENCY", "Phnom Penh Capital Hall"),
                ("AGENCY", "Battambang Provincial Hall"),
                ("AGENCY", "Makassar City Government"),
            ],
        ),
        (
            "the Chiang Mai Provincial Administrative Organisation",
            [("AGENCY", "Chiang Mai Provincial Administrative Organisation")],
        ),
        # a United Nations programme or fund is an organisation
        (
            "funded by the United Nations Development Programme",
            [("AGENCY", "United Nations Development Programme")],
        ),
    ],
)
def test_span_discipline(text: str, expected: list[tuple[str, str]]) -> None:
    assert resolved(text) == expected


REGENCIES = [
    "Sleman",
    "Bantul",
    "Kulon Progo",
    "Gunungkidul",
    "Klaten",
    "Boyolali",
    "Sukoharjo",
    "Wonogiri",
    "Karanganyar",
    "Sragen",
    "Grobogan",
]


@pytest.mark.parametrize(
    "text",
    [
        "Country City Project Status Budget",
        "Nama Kegiatan Lokasi Proyek Anggaran",
        "Kepada Yth. " + ", ".join(f"Bupati {name}" for name in REGENCIES) + " di tempat",
        "Tembusan: " + "; ".join(f"{i}. Bupati {name}" for i, name in enumerate(REGENCIES, 1)) + ".",
    ],
)
def test_header_rows_and_address_lists_are_not_entities(text: str) -> None:
    assert resolved(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "b. Kode Program",  # a table header
        "Tabel 2 Program Kegiatan",  # header words after the head
        "disetujui oleh Ketua Program",  # a post, not a programme
        "Kepala Bagian Program dan Anggaran",  # a section of a ministry and its head
        "Program Studi Teknik Informatika Fakultas Teknologi Informasi",  # a university's programme
        "lulusan Program Pascasarjana Universitas Indonesia",
    ],
)
def test_programme_heads_with_headers_posts_or_degrees_are_not_programmes(text: str) -> None:
    assert [h for h in find_patterns(text) if h.label == "PROGRAMME"] == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Read the Singapore Green Plan factsheet.", "Singapore Green Plan"),
        ("Conversation on Sustainable Living: The Singapore Green Plan", "Singapore Green Plan"),
        ("the Vision for the Digital Economy Framework", "Vision for the Digital Economy Framework"),
        ("Towards the Digital Economy Framework", "Digital Economy Framework"),
    ],
)
def test_a_programme_name_starts_after_an_article_that_opens_a_new_phrase(text: str, name: str) -> None:
    assert [h.name for h in find_patterns(text) if h.label == "PROGRAMME"] == [name]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("1 National Development and Reform Commission", "National Development and Reform Commission"),
        ("(b) Land Transport Authority", "Land Transport Authority"),
        ("targets. See National Environment Agency for details", "National Environment Agency"),
    ],
)
def test_an_agency_name_starts_after_a_list_number_or_a_reference_word(text: str, name: str) -> None:
    assert [h.name for h in find_patterns(text)] == [name]


@pytest.mark.parametrize(
    ("text", "names"),
    [
        (
            "Speech by Mrs.Vunnaporn Devahastin Deputy Permanent Secretary Ministry of Digital Economy",
            ["Ministry of Digital Economy"],
        ),
        ("Speech by Dr. Tan Lee Mayor of Cebu City Hall", ["Cebu City Hall"]),
        (
            "1.National Development and Reform Commission (China)",
            ["National Development and Reform Commission"],
        ),
    ],
)
def test_a_person_and_post_or_a_glued_list_number_is_not_part_of_a_name(text: str, names: list[str]) -> None:
    assert [h.name for h in find_patterns(text)] == names


@pytest.mark.parametrize(
    ("text", "names"),
    [
        (
            "LINGKUNGAN KEMENTERIAN KOORDINATOR BIDANG\nKEMARITIMAN DAN INVESTASI.",
            ["Kementerian Koordinator Bidang Kemaritiman dan Investasi"],
        ),
        (
            "KEPALA BADAN PERENCANAAN PEMBANGUNAN\nNASIONAL TENTANG DATA",
            ["Badan Perencanaan Pembangunan Nasional"],
        ),
        (
            "MENTERI PERENCANAAN PEMBANGUNAN NASIONAL/KEPALA BADAN PERENCANAAN",
            ["Kementerian Perencanaan Pembangunan Nasional", "Badan Perencanaan"],
        ),
        ("Kementerian Keuangan\nNegara wajib", ["Kementerian Keuangan"]),
    ],
)
def test_line_breaks_and_slashes_inside_indonesian_names(text: str, names: list[str]) -> None:
    assert [" ".join(h.name.split()) for h in find_patterns(text)] == names


def test_a_body_set_up_on_a_policy_is_an_agency_not_a_programme() -> None:
    hits = find_patterns("the Presidential Committee on New Southern Policy")
    assert [(h.label, h.name) for h in hits] == [("AGENCY", "Presidential Committee on New Southern Policy")]


@pytest.mark.parametrize(
    "text",
    [
        "Kementerian Terwujudnya kebijakan keselamatan",  # a matrix cell's statement
        "Badan Ditetapkannya standar",
        "Lembaga Lainnya",
        "Badan Usaha",  # any business entity
    ],
)
def test_nominalised_verbs_and_generic_entities_are_no_names(text: str) -> None:
    assert find_patterns(text) == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Kementerian Perhubungan Gedung Karya Lantai 5", "Kementerian Perhubungan"),
        ("Land Transport Authority Tel 6225 5582", "Land Transport Authority"),
    ],
)
def test_an_address_ends_a_name(text: str, name: str) -> None:
    assert [h.name for h in find_patterns(text)] == [name]


@pytest.mark.parametrize(
    "text",
    [
        "Aplikasi Tata Naskah Dinas Elektronik",  # "official", not a service
        "biaya perjalanan Dinas Luar Kota",
        "pejabat Jabatan Pimpinan Tinggi Madya",  # a civil-service post
        "Program Sektor Utama Sektor Periode dan Output Pendukung 2020-2024 2025-2029",  # a header row
        "Program Scktor Ulama Sektor Periode dan Output Pendukung",  # the same row as OCR read it
        "dokumen Rencana SPBE disusun",  # a kind of plan every agency has
        "menetapkan Strategi Nasional",
        "Rencana SPBE Instansi Pusat/Pemerintah Daerah",  # the plan of any agency
        "Tim Koordinasi SPBE Instansi Pusat/Pemerintah Daerah",  # the team of any agency
        "akses Jaringan Intra Instansi Pusat/Pemerintah",  # the same owner cut at a cell's edge
        "Sistem Informasi Perangkat Daerah",
    ],
)
def test_indonesian_heads_that_name_no_body_or_programme(text: str) -> None:
    assert find_patterns(text) == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Establishment of the National Consumer Advisory Council", "National Consumer Advisory Council"),
        ("The Inaugural Green Plan", "Green Plan"),
        ("Adoption of ASCN MnE Framework", "ASCN MnE Framework"),
        ("MENTERI KOORDINATOR BIDANG KEMARITIMAN", "Kementerian Koordinator Bidang Kemaritiman"),
    ],
)
def test_section_words_before_a_name_are_not_part_of_it(text: str, name: str) -> None:
    assert [h.name for h in find_patterns(text)] == [name]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "Salinan KEMENTERIAN SEKRETARIAT NEGARA REPUBLIK INDONESIA",
            "Kementerian Sekretariat Negara Republik Indonesia",
        ),
        (
            "Unit Pelaksana Teknis Dinas Kependudukan dan Pencatatan Sipil",
            "Unit Pelaksana Teknis Dinas Kependudukan dan Pencatatan Sipil",
        ),
        (
            "Sekretariat Dewan Perwakilan Rakyat Daerah Provinsi",
            "Sekretariat Dewan Perwakilan Rakyat Daerah Provinsi",
        ),
        (
            "Dewan Perwakilan Rakyat Daerah Kabupaten Banjarnegara",
            "Dewan Perwakilan Rakyat Daerah Kabupaten Banjarnegara",
        ),
    ],
)
def test_a_body_named_after_another_bodys_head(text: str, name: str) -> None:
    assert name in [h.name for h in find_patterns(text)]


def test_a_list_of_body_kinds_is_no_body() -> None:
    assert find_patterns("Kementerian, Badan, dan Lembaga") == []


def test_a_conference_programme_is_no_programme() -> None:
    assert find_patterns("see the Conference Program") == []


def test_a_programme_named_after_its_head_is_kept() -> None:
    assert [h.name for h in find_patterns("melalui Program Keluarga Sejahtera Mandiri")] == [
        "Program Keluarga Sejahtera Mandiri"
    ]


def test_a_numbered_table_of_regents_without_an_addressee_is_kept() -> None:
    table = " ".join(f"{i} Bupati {name}" for i, name in enumerate(REGENCIES, 1))
    assert len(resolved(table)) == len(REGENCIES)


def test_a_short_addressee_list_is_kept() -> None:
    assert len(resolved("Kepada Yth. Bupati Sleman, Bupati Bantul, Bupati Kulon Progo")) == 3


def test_two_positions_in_a_sentence_are_kept() -> None:
    assert names("Bupati Sleman dan Bupati Bantul menandatangani") == [
        ("AGENCY", "Pemerintah Kabupaten Sleman"),
        ("AGENCY", "Pemerintah Kabupaten Bantul"),
    ]


def test_an_international_organisation_beginning_a_name_stays_part_of_it() -> None:
    kb = KnowledgeBase(
        [
            KBEntry(
                "agency/int/asean",
                "agency",
                "Association of Southeast Asian Nations",
                "INT",
                acronyms=("ASEAN",),
            ),
            KBEntry("agency/my/mot", "agency", "Ministry of Transport", "MY", acronyms=("MOT",)),
            KBEntry("place/my", "place", "Malaysia", "MY", place_type="country"),
        ]
    )
    text = (
        "Cities joined the ASEAN Smart Cities Network. In Malaysia, the MOT's Green Mobility Programme began."
    )
    doc = DocumentText.build([Passage(id="p", document_id="d", page=1, text=text, lang="en")])
    found, _ = find_candidates(doc, kb)
    names = [(c.label, c.canonical_name) for c in found]
    assert ("PROGRAMME", "ASEAN Smart Cities Network") in names
    # a national body's acronym, as the programme's owner, stays its own mention (without the
    # possessive, "MOT Green Mobility Programme" is one name: see below)
    assert ("AGENCY", "Ministry of Transport") in names
    assert ("PROGRAMME", "Green Mobility Programme") in names


def test_a_body_named_after_a_known_programme_is_a_body() -> None:
    kb = KnowledgeBase(
        [KBEntry("programme/id/sdi", "programme", "Satu Data Indonesia", "ID", acronyms=("SDI",))]
    )
    text = "Dewan Pengarah Satu Data Indonesia menetapkan kebijakan. Satu Data Indonesia berjalan."
    doc = DocumentText.build([Passage(id="p", document_id="d", page=1, text=text, lang="id")])
    found, _ = find_candidates(doc, kb)
    assert [(c.label, c.canonical_name) for c in found] == [
        ("AGENCY", "Dewan Pengarah Satu Data"),
        ("PROGRAMME", "Satu Data Indonesia"),
    ]


def test_a_mission_abroad_keeps_the_country_that_is_all_its_name_has() -> None:
    assert strip_qualifier("Kedutaan Besar Republik Indonesia") == ("Kedutaan Besar Republik Indonesia", "ID")
    assert strip_qualifier("Embassy of Japan") == ("Embassy of Japan", "JP")
    assert strip_qualifier("Kementerian Luar Negeri Republik Indonesia") == ("Kementerian Luar Negeri", "ID")


def test_national_governments_are_named_by_their_country() -> None:
    text = "Pemerintah Republik Indonesia dan Pemerintah Australia; the Singapore Government; Thai Government"
    countries = [
        (text.index(w), text.index(w) + len(w), c)
        for w, c in [("Indonesia", "ID"), ("Australia", "AU"), ("Singapore", "SG"), ("Thai", "TH")]
    ]
    hits = country_government_hits(text, countries)
    assert [(h.name, h.country) for h in hits] == [
        ("Pemerintah Republik Indonesia", "ID"),
        ("Pemerintah Australia", "AU"),
        ("Singapore Government", "SG"),
        ("Thai Government", "TH"),
    ]
    assert country_government_hits("Indonesia and Australia signed", [(0, 9, "ID"), (14, 23, "AU")]) == []
    title = "PERATURAN PEMERINTAH REPUBLIK INDONESIA NOMOR 27"
    assert country_government_hits(title, [(30, 39, "ID")]) == []


def test_central_banks_are_named_by_their_country() -> None:
    text = "Bank Indonesia, the Bank of Thailand, the State Bank of Vietnam and World Bank Indonesia"
    countries = [
        (m, m + len(w), c)
        for w, c in [("Indonesia", "ID"), ("Thailand", "TH"), ("Vietnam", "VN")]
        for m in [i for i in range(len(text)) if text.startswith(w, i)]
    ]
    hits = country_government_hits(text, countries)
    assert [(h.name, h.country) for h in hits] == [
        ("Bank Indonesia", "ID"),
        ("Bank of Thailand", "TH"),
        ("State Bank of Vietnam", "VN"),
    ]
    # the country is the bank's name, not a qualifier to strip; a bank's system keeps to the rule
    assert strip_qualifier("Bank of Thailand") == ("Bank of Thailand", None)
    assert strip_qualifier("Bank Indonesia") == ("Bank Indonesia", None)
    assert strip_qualifier("Sistem Pembayaran Bank Indonesia")[0] == "Sistem Pembayaran Bank"


def test_heads_of_government_are_named_by_their_country() -> None:
    text = (
        "oleh Perdana Menteri Australia dan Jabatan Perdana Menteri Malaysia; the Prime Minister of Singapore"
    )
    countries = [
        (text.index(w), text.index(w) + len(w), c)
        for w, c in [("Australia", "AU"), ("Malaysia", "MY"), ("Singapore", "SG")]
    ]
    hits = country_government_hits(text, countries)
    assert [(h.name, h.country) for h in hits] == [
        ("Perdana Menteri Australia", "AU"),
        ("Prime Minister of Singapore", "SG"),
    ]
    assert strip_qualifier("Prime Minister of Singapore") == ("Prime Minister of Singapore", None)
    assert names("dan Perdana Menteri Australia pada") == []  # not "Menteri Australia", a ministry


def test_a_head_first_name_ends_where_the_next_one_begins() -> None:
    text = (
        "Ministry of Education Ministry of Sustainability and the Environment "
        "Ministry of Trade and Industry Ministry of Transport"
    )
    assert names(text) == [
        ("AGENCY", "Ministry of Education"),
        ("AGENCY", "Ministry of Sustainability and the Environment"),
        ("AGENCY", "Ministry of Trade and Industry"),
        ("AGENCY", "Ministry of Transport"),
    ]


def test_a_known_acronym_of_a_country_the_document_never_names_is_no_mention() -> None:
    kb = KnowledgeBase(
        [
            KBEntry("agency/id/big", "agency", "Badan Informasi Geospasial", "ID", acronyms=("BIG",)),
            KBEntry("place/id", "place", "Indonesia", "ID", place_type="country"),
        ]
    )

    def found(text: str, lang: str) -> list[str]:
        doc = DocumentText.build([Passage(id="p", document_id="d", page=1, text=text, lang=lang)])
        return [c.canonical_id or "" for c in find_candidates(doc, kb)[0]]

    assert found("The BIG media companies own the radio.", "en") == []
    assert found("In Indonesia, BIG publishes base maps.", "en") == ["place/id", "agency/id/big"]
    assert found("Peta dasar diterbitkan oleh BIG.", "id") == ["agency/id/big"]


def test_a_pattern_name_with_republik_indonesia_finds_the_known_body() -> None:
    kb = KnowledgeBase(
        [KBEntry("agency/id/tni", "agency", "Tentara Nasional Indonesia", "ID", acronyms=("TNI",))]
    )
    text = "Personel Tentara Nasional Republik Indonesia bertugas."
    doc = DocumentText.build([Passage(id="p", document_id="d", page=1, text=text, lang="id")])
    found, _ = find_candidates(doc, kb)
    assert [c.canonical_id for c in found] == ["agency/id/tni"]


@pytest.mark.parametrize(
    ("name", "generic"),
    [
        ("Ministry of Education", True),
        ("MINISTRY OF  HOME AFFAIRS", True),
        ("Kementerian Pendidikan", True),
        ("Department of Health", True),
        ("Ministry of Digital Economy and Society", False),
        ("Ministry of Trade and Industry", False),
        ("Ministry of Land, Infrastructure, Transport and Tourism", False),
        ("Land Transport Authority", False),
    ],
)
def test_a_body_named_by_its_sector_alone_is_generic(name: str, generic: bool) -> None:
    assert generic_body_name(name) is generic


def test_a_team_is_not_a_word_of_its_parent_s_name() -> None:
    assert names("KEMENTERIAN CONTOH BIDANG KELAUTAN Tim Pertimbangan menetapkan") == [
        ("AGENCY", "Kementerian Contoh Bidang Kelautan")
    ]


def test_a_decree_is_not_a_word_of_a_body_s_name() -> None:
    found = names("hukum Ketetapan Majelis Contoh Sementara dan Ketetapan Majelis Contoh untuk diambil")
    assert all("Ketetapan" not in name for _, name in found)
    assert ("AGENCY", "Majelis Contoh Sementara") in found


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("menyusun Arsitektur SPBE Nasional", "Arsitektur SPBE Nasional"),
        ("menyusun Peta Rencana SPBE Nasional", "Peta Rencana SPBE Nasional"),
        ("dan Pusat Data Nasional dibangun", "Pusat Data Nasional"),
        ("Rencana Induk Contoh Nasional ditetapkan", "Rencana Induk Contoh Nasional"),
    ],
)
def test_the_nation_s_instance_of_a_planning_instrument_is_a_programme(text: str, expected: str) -> None:
    assert ("PROGRAMME", expected) in names(text)


def test_an_agency_s_instance_of_a_planning_instrument_is_not() -> None:
    assert not [n for n in names("Arsitektur SPBE Instansi Pusat disusun") if n[1].startswith("Arsitektur")]


def test_a_national_programme_holds_the_known_programme_it_is_built_on() -> None:
    kb = KnowledgeBase([KBEntry("programme/id/contoh", "programme", "Contoh", "ID", acronyms=("CTH",))])
    text = "Penyusunan Peta Rencana CTH Nasional serta Pusat Data Nasional."
    doc = DocumentText.build([Passage(id="p", document_id="d", page=1, text=text, lang="id")])
    found, _ = find_candidates(doc, kb)
    assert [c.canonical_name for c in found if c.label == "PROGRAMME"] == [
        "Peta Rencana CTH Nasional",
        "Pusat Data Nasional",
    ]


def test_under_is_never_a_word_of_a_name_in_capitals() -> None:
    found = names("BOLD TARGETS UNDER CONTOH GREEN PLAN 2030 were set")
    assert ("PROGRAMME", "Contoh Green Plan 2030") in found


def test_a_known_name_before_a_lower_case_kind_word_wins() -> None:
    kb = KnowledgeBase([KBEntry("programme/sg/skillsfuture", "programme", "SkillsFuture", "SG")])
    text = "The SkillsFuture programme helps workers."
    doc = DocumentText.build([Passage(id="p", document_id="d", page=1, text=text, lang="en")])
    found, _ = find_candidates(doc, kb)
    assert [(c.label, c.canonical_id) for c in found] == [("PROGRAMME", "programme/sg/skillsfuture")]


def test_a_programme_named_with_its_owner_s_acronym_first_keeps_it() -> None:
    kb = KnowledgeBase(
        [KBEntry("agency/sg/hdb", "agency", "Housing and Development Board", "SG", acronyms=("HDB",))]
    )
    text = "The HDB Green Towns Programme starts. The Housing and Development Board builds flats."
    doc = DocumentText.build([Passage(id="p", document_id="d", page=1, text=text, lang="en")])
    found, _ = find_candidates(doc, kb)
    names = [(c.label, c.canonical_name) for c in found]
    assert ("PROGRAMME", "HDB Green Towns Programme") in names
    assert ("AGENCY", "Housing and Development Board") in names


def test_a_regional_body_inside_a_programme_s_name_stays_part_of_it() -> None:
    name = "Association of Southeast Asian Nations"
    asean = KBEntry("agency/int/asean", "agency", name, "INT", acronyms=("ASEAN",))
    kb = KnowledgeBase([asean])
    text = "The Australia for ASEAN Futures Initiative funds it."
    doc = DocumentText.build([Passage(id="p", document_id="d", page=1, text=text, lang="en")])
    found, _ = find_candidates(doc, kb)
    assert [(c.label, c.canonical_name) for c in found] == [
        ("PROGRAMME", "Australia for ASEAN Futures Initiative")
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # generic words alone name a programme written in Title case mid-sentence
        ("is the Digital Government Blueprint by", [("PROGRAMME", "Digital Government Blueprint")]),
        ("Digital Government Blueprint", []),  # a heading's capitals say nothing
        ("adopted the National Strategy", []),  # one generic word
    ],
)
def test_generic_words_written_as_a_name(text: str, expected: list[tuple[str, str]]) -> None:
    assert names(text) == expected


def test_a_unit_s_owner_acronym_is_no_part_of_its_name() -> None:
    assert resolved("by the Urban Planning Department of YCDC and") == [
        ("AGENCY", "Urban Planning Department")
    ]


def test_singapore_s_programme_brands() -> None:
    text = "We expand Wireless@SG; Accreditation@SG:D helps. Mail info@sg.example or John@SG.gov."
    assert names(text) == [("PROGRAMME", "Wireless@SG"), ("PROGRAMME", "Accreditation@SG:D")]
    assert names("look out for openings through Careers@Gov today") == [("PROGRAMME", "Careers@Gov")]


def test_a_public_service_named_by_its_web_address() -> None:
    text = (
        "Residents use Parking.sg and Data.gov.sg; Brunei runs Gov.bn. See www.usgs.gov, "
        "simpeg.ekon.go.id, data.gov.sg and Amazon.com."
    )
    assert names(text) == [("PROGRAMME", "Parking.sg"), ("PROGRAMME", "Data.gov.sg"), ("PROGRAMME", "Gov.bn")]
    hits = [h for h in find_patterns("Brunei runs Gov.bn.") if h.rule == "brand.domain"]
    assert [(h.name, h.country) for h in hits] == [("Gov.bn", "BN")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The Riverton Command Centre watches traffic.", "Riverton Command Centre"),
        ("The Ipoh Integrated Operation Center opened.", "Ipoh Integrated Operation Center"),
        ("It runs the Kampar Analytics Centre and more.", "Kampar Analytics Centre"),
    ],
)
def test_a_city_s_command_or_operation_centre_is_a_programme(text: str, expected: str) -> None:
    hits = [h for h in find_patterns(text) if h.label == "PROGRAMME"]
    assert [h.name for h in hits] == [expected]


def test_a_facility_named_with_ordinary_words_only_is_a_kind_of_facility() -> None:
    kb = KnowledgeBase([KBEntry("place/my/ipoh", "place", "Ipoh", "MY", place_type="city")])
    text = "An Emergency Incident Command Centre and the Ipoh Integrated Operation Center opened."
    doc = DocumentText.build([Passage(id="p", document_id="d", page=1, text=text, lang="en")])
    found, _ = find_candidates(doc, kb)
    assert [c.canonical_name for c in found if c.label == "PROGRAMME"] == ["Ipoh Integrated Operation Center"]


def test_a_data_centre_defined_by_its_acronym_is_no_programme() -> None:
    text = "6. KEBIJAKAN INTERNAL PUSAT DATA (DATA CENTER). Pusat data (data center) disediakan."
    doc = DocumentText.build([Passage(id="p", document_id="d", page=1, text=text, lang="id")])
    found, _ = find_candidates(doc, KnowledgeBase([]))
    assert not [c for c in found if c.label == "PROGRAMME"]


def test_a_programme_s_acronym_before_a_lower_case_kind_word_is_not_part_of_its_name() -> None:
    hits = find_patterns("They took an AI for Everyone (AI4E) programme last year.")
    assert [(h.label, h.name) for h in hits] == [("PROGRAMME", "AI for Everyone")]


def test_a_technical_term_s_acronym_before_a_kind_word_names_a_technology() -> None:
    assert not [
        h for h in find_patterns("Firms use the Internet of Things (IoT) platform.") if h.label == "PROGRAMME"
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Salinan sesuai dengan aslinya KEMENTERIAN DALAM NEGERI Kepala Biro Hukum, ttd",
        "SALINAN SESUAI DENGAN ASLINYA, Kepala Biro Hukum, ttd",
        "Salinan sesuai dengan aslinya\nKepala Bagian Hukum,",
    ],
)
def test_the_unit_of_a_copy_certification_stamp_is_no_mention(text: str) -> None:
    assert not [h for h in find_patterns(text) if h.name.endswith("Hukum")]


def test_a_unit_named_outside_the_stamp_is_a_body() -> None:
    hits = find_patterns("Salinan sesuai dengan aslinya disampaikan kepada Biro Hukum.")
    assert [h.name for h in hits if h.label == "AGENCY"] == ["Biro Hukum"]


@pytest.mark.parametrize(
    "text", ["PRESIDEN REPUBLIK INOONESIA", "PRES IDEN REPUBLIK INDONESIA,", "PRESIDEN REPUBLTK INDONESIA"]
)
def test_the_president_s_letterhead_as_a_scan_reads_it_is_the_president(text: str) -> None:
    assert [(h.label, h.rule) for h in find_patterns(text)] == [("AGENCY", "national.presiden")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The Controller of Consumer Affairs may appoint officers.", "Controller of Consumer Affairs"),
        ("The Registrar of Companies agreed.", "Registrar of Companies"),
        ("The Brunei Darussalam Central Bank approved it.", "Brunei Darussalam Central Bank"),
        ("The European Central Bank disagreed.", "European Central Bank"),
    ],
)
def test_statutory_offices_and_central_banks_are_bodies(text: str, expected: str) -> None:
    assert [h.name for h in find_patterns(text) if h.label == "AGENCY"] == [expected]


def test_a_controller_in_lower_case_is_no_office() -> None:
    assert not find_patterns("The controller of the data must comply.")


def test_a_company_joined_to_a_body_by_and_is_left_out_of_it() -> None:
    text = "The buses, run by the Riverton City Development Company and Riverton Transport Office, run."
    assert [h.name for h in find_patterns(text) if h.label == "AGENCY"] == ["Riverton Transport Office"]


def test_a_hub_is_a_programme_unless_one_ordinary_word_names_it() -> None:
    kb = KnowledgeBase([KBEntry("place/th/korat", "place", "Korat", "TH", place_type="city")])
    text = "The Digital Payment Hub, the Korat Hub and a Knowledge Hub opened."
    doc = DocumentText.build([Passage(id="p", document_id="d", page=1, text=text, lang="en")])
    found, _ = find_candidates(doc, kb)
    assert [c.canonical_name for c in found if c.label == "PROGRAMME"] == ["Digital Payment Hub", "Korat Hub"]


def test_a_country_and_a_city_run_into_a_project_s_name_are_not_part_of_it() -> None:
    kb = KnowledgeBase(
        [
            KBEntry("place/xa", "place", "Arcadia", "XA", place_type="country"),
            KBEntry("place/xa/port-lumen", "place", "Port Lumen", "XA", place_type="city"),
        ]
    )
    text = "1. Arcadia Port Lumen National Information Hub Civic & Social\n2. Port Lumen Harbour Data Hub"
    doc = DocumentText.build([Passage(id="p", document_id="d", page=1, text=text, lang="en")])
    found, _ = find_candidates(doc, kb)
    names = [(c.canonical_name, doc.text[c.start : c.end]) for c in found if c.label == "PROGRAMME"]
    assert names == [
        ("National Information Hub", "National Information Hub"),
        ("Port Lumen Harbour Data Hub", "Port Lumen Harbour Data Hub"),  # one place stays
    ]


def test_one_word_before_program_and_a_capitalised_word_after_it_is_no_head_last_name() -> None:
    assert not [h for h in find_patterns("Para Mahasiswa Program Sarjana hadir.") if h.label == "PROGRAMME"]
    hits = find_patterns("The Urban Services Program Safety list.")  # two words before it: a name
    assert "Urban Services Program" in [h.name for h in hits if h.label == "PROGRAMME"]


@pytest.mark.parametrize(
    ("name", "technology"),
    [
        ("Convolutional Neural Network", True),
        ("Deep Learning Framework", True),
        ("Long Short-Term Memory Network", True),  # each part of a hyphenated word
        ("Jaringan Saraf Tiruan", True),
        ("Smart Nation Sensor Platform", False),  # a sensor is no machine-learning term
        ("National Sensor Network", False),  # the nation's
        ("ASEAN Smart Cities Network", False),  # no technology word
        ("Sensor Data Programme", False),  # a head that names no technology
    ],
)
def test_a_technology_is_named_by_its_terms(name: str, technology: bool) -> None:
    assert technology_term(name) is technology


def test_a_technology_is_no_programme() -> None:
    assert resolved("We trained a Convolutional Neural Network. The Example Smart City Programme began.") == [
        ("PROGRAMME", "Example Smart City Programme")
    ]


def test_a_number_an_article_names_is_part_of_the_programme() -> None:
    assert names("It is done through the 100 Experiments initiative.") == [("PROGRAMME", "100 Experiments")]
    assert names("1 Smart Nation programme") == [("PROGRAMME", "Smart Nation")]  # a list's number


def test_a_grant_in_lower_case_after_a_coined_name_is_a_programme() -> None:
    assert names("tap into the Young ChangeMakers (YCM) grant.") == [("PROGRAMME", "Young ChangeMakers")]


def test_an_acronym_with_a_colon_stands_between_a_name_and_its_kind() -> None:
    found = names("The Singapore Digital (SG:D) movement was launched.")
    assert found == [("PROGRAMME", "Singapore Digital")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The Minister for Transport announced it.", ["Minister for Transport"]),
        ("Keynote by Mr. Don Pramudwinai Minister of Foreign Affairs", ["Minister of Foreign Affairs"]),
        ("Minister for Education Mr Chan Chun Sing spoke.", ["Minister for Education"]),
        ("Mr Lee, Minister of State for Trade and Industry, said.", []),
        ("The Deputy Minister of Finance and the Chief Minister of Penang met.", []),
        ("The Senior Minister of State for Health agreed.", []),
    ],
)
def test_a_minister_s_post_is_the_office_a_junior_post_is_none(text: str, expected: list[str]) -> None:
    assert [h.name for h in find_patterns(text) if h.label == "AGENCY"] == expected


def test_a_plan_named_by_the_agency_after_it_is_that_agency_s_plan() -> None:
    text = "tertuang dalam Rencana Induk SPBE Kementerian Koordinator Bidang Kelautan dan terpadu."
    found = [(h.name, h.rule) for h in find_patterns(text)]
    assert ("Rencana Induk SPBE Kementerian Koordinator Bidang Kelautan", "prefix.owned_plan") in found
    assert ("Kementerian Koordinator Bidang Kelautan", "prefix.agency") in found
    assert resolved(text) == [("PROGRAMME", "Rencana Induk SPBE Kementerian Koordinator Bidang Kelautan")]


def test_a_plan_followed_by_a_word_that_names_no_agency_is_no_owned_plan() -> None:
    found = [h.rule for h in find_patterns("Rencana Induk SPBE yang disusun oleh Kementerian Keuangan")]
    assert "prefix.owned_plan" not in found


def test_a_plan_named_in_full_keeps_its_name_before_the_agency() -> None:
    text = "selaras dengan Rencana Induk Teknologi Informasi dan Komunikasi Kementerian Keuangan;"
    assert "prefix.owned_plan" not in [h.rule for h in find_patterns(text)]


def test_a_lower_case_kind_of_something_names_no_programme() -> None:
    assert names("introducing a Government-wide ICT&SS scheme of service, as a means") == []
    found = names("the Smart Urban Mobility project of the ministry")
    assert found == [("PROGRAMME", "Smart Urban Mobility")]


def test_an_indonesian_copula_in_title_case_ends_a_name() -> None:
    assert names("c. Program Kampung Siaga Bencana Merupakan kegiatan desa") == [
        ("PROGRAMME", "Program Kampung Siaga Bencana")
    ]
    assert names("Rencana Induk SPBE Instansi Pusat dan Pemerintah") == []  # any agency's plan


def test_diplomatic_missions_are_agencies() -> None:
    assert names("the Freedonian Embassy and the Sylvanian High Commission agreed") == [
        ("AGENCY", "Freedonian Embassy"),
        ("AGENCY", "Sylvanian High Commission"),
    ]
    assert names("a note from the Consulate General of Freedonia") == [
        ("AGENCY", "Consulate General of Freedonia")
    ]


def test_units_of_a_dinas_are_agencies_and_suku_alone_is_no_head() -> None:
    assert names("dibentuk Suku Dinas Kependudukan dan Pencatatan Sipil Kabupaten/Kota") == [
        ("AGENCY", "Suku Dinas Kependudukan dan Pencatatan Sipil Kabupaten/Kota")
    ]
    assert names("oleh UPT Disdukcapil Kabupaten/Kota") == [("AGENCY", "UPT Disdukcapil Kabupaten/Kota")]
    assert names("berdasarkan Suku, Agama, Ras dan Antar Golongan") == []


def test_a_team_given_to_any_agency_is_a_kind_of_team() -> None:
    text = (
        "a. Tim Koordinasi SPBE Instansi Pusat/Pemerintah Daerah dibentuk; Forum Kolaborasi Data "
        "Pemerintah Daerah; Tim Pengarah SPBE Kementerian Koordinator Bidang Perekonomian; "
        "Dinas Kesehatan Pemda."
    )
    assert bodies_of_any_agency(text) == {"tim koordinasi spbe", "forum kolaborasi data"}


def test_a_team_named_alone_where_every_agency_has_one_is_no_agency() -> None:
    text = "Tim Koordinasi SPBE Instansi Pusat dibentuk. Laporan disampaikan kepada Tim Koordinasi SPBE."
    assert [n for label, n in resolved(text) if label == "AGENCY"] == []
