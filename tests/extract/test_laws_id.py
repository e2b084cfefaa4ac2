"""The Indonesian citation grammar: one case per pattern, generic mentions, OCR, amendments."""

from __future__ import annotations

import pytest

from pipeline.extract import extract_mentions, find_laws
from pipeline.extract.laws_id import ID_KEYWORDS, ID_TYPES, find_title, instrument_types
from pipeline.extract.scan import positions_for


def ids(text: str, lang: str = "id") -> list[str]:
    return [m.to_law().canonical_id for m in find_laws(text, lang)]


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("id", "Peraturan Presiden Nomor 95 Tahun 2018 tentang SPBE", "id/perpres/2018/95"),
        ("id", "Perpres No. 95/2018", "id/perpres/2018/95"),
        ("id", "sesuai PP 59/2022 tentang Perkotaan", "id/pp/2022/59"),
        ("id", "UU No 11 Tahun 2019", "id/uu/2019/11"),
        ("id", "Undang-Undang Nomor 23 Tahun 2014 tentang Pemerintahan Daerah", "id/uu/2014/23"),
        ("id", "UNDANG-UNDANG REPUBLIK INDONESIA\nNOMOR 11 TAHUN 2019", "id/uu/2019/11"),
        ("id", "Permenkominfo Nomor 10 Tahun 2016", "id/permen/2016/10"),
        ("id", "Peraturan Menteri Dalam Negeri Nomor 80 Tahun 2015", "id/permen/2015/80"),
        (
            "id",
            "PERATURAN MENTERI KOMUNIKASI DAN INFORMATIKA REPUBLIK INDONESIA NOMOR 10 TAHUN 2016",
            "id/permen/2016/10",
        ),  # noqa: E501
        ("id", "Peraturan Menteri Keuangan Nomor 96/PMK.06/2007", "id/permen/2007/96"),
        (
            "id",
            "Peraturan Menteri Komunikasi dan Informatika Nomor: 01/PER/M.KOMINFO/01/2010",
            "id/permen/2010/1",
        ),  # noqa: E501
        ("id", "Keputusan Menteri Perhubungan Nomor: KM.4 Tahun 2001", "id/kepmen/2001/4"),
        (
            "id",
            "Ketetapan Majelis Permusyawaratan Rakyat Republik Indonesia Nomor II/MPR/1993 tentang GBHN",
            "id/other/1993/ii-mpr",
        ),
        ("id", "TAP MPR No. XVI/MPR/1998 tentang Politik Ekonomi", "id/other/1998/xvi-mpr"),
        ("id", "Ketetapan MPRS Nomor XXV/MPRS/1966", "id/other/1966/xxv-mprs"),
        ("id", "Keputusan Menteri Kesehatan Nomor HK.01.07/MENKES/239/2020", "id/kepmen/2020/239"),
        ("id", "Keputusan Menteri Koordinator Nomor Kep-70/M.EKON/12/2008", "id/kepmen/2008/70"),
        ("id", "Peraturan Daerah Provinsi DKI Jakarta Nomor 2 Tahun 2020", "id/perda/2020/2"),
        ("id", "Perda Kota Bandung No. 5 Tahun 2019", "id/perda/2019/5"),
        ("id", "Peraturan Gubernur Nomor 33 Tahun 2020", "id/pergub/2020/33"),
        ("id", "Peraturan Bupati Malang Nomor 7 Tahun 2021", "id/perbup/2021/7"),
        ("id", "Peraturan Wali Kota Surabaya Nomor 12 Tahun 2018", "id/perwal/2018/12"),
        ("id", "POJK Nomor 3 Tahun 2024", "id/pojk/2024/3"),
        ("id", "Peraturan Otoritas Jasa Keuangan Nomor 13/POJK.02/2018", "id/pojk/2018/13"),
        ("id", "Surat Edaran Otoritas Jasa Keuangan Nomor 19/SEOJK.05/2023", "id/seojk/2023/19"),
        ("id", "Peraturan Bank Indonesia Nomor 22/23/PBI/2020", "id/pbi/2020/22"),
        ("id", "Keputusan Presiden Nomor 12 Tahun 2020", "id/keppres/2020/12"),
        ("id", "Instruksi Presiden Nomor 3 Tahun 2003", "id/inpres/2003/3"),
        ("id", "Peraturan Pemerintah Pengganti Undang-Undang Nomor 1 Tahun 2020", "id/perppu/2020/1"),
        ("id", "Peraturan Kepala Badan Pengawas Tenaga Nuklir Nomor 12 Tahun 2012", "id/perban/2012/12"),
        ("id", "Peraturan BSSN Nomor 8 Tahun 2020", "id/perban/2020/8"),
        ("id", "Surat Edaran Menteri Dalam Negeri Nomor 440 Tahun 2020", "id/se/2020/440"),
        ("id", "Pasal 18 ayat (6) Undang-Undang Dasar Negara Republik Indonesia Tahun 1945", "id/uud/1945/-"),
        ("id", "UUD 1945", "id/uud/1945/-"),
        ("en", "the 1945 Constitution", "id/uud/1945/-"),
        ("en", "Government Regulation (PP) No. 59 of 2022 on Urban Areas", "id/pp/2022/59"),
        ("en", "Presidential Regulation No. 95 of 2018", "id/perpres/2018/95"),
        ("en", "Minister of Home Affairs Regulation No. 80 of 2015", "id/permen/2015/80"),
        ("en", "Minister of Communication and Informatics Regulation No. 20 of 2016", "id/permen/2016/20"),
        ("en", "Minister of Communication and Informatics Decree No. 5 of 2019", "id/kepmen/2019/5"),
        ("en", "Regional Regulation of DKI Jakarta Province No. 2 of 2020", "id/perda/2020/2"),
        ("en", "Regional Regulation of the Province of Bali No. 4 of 2019", "id/perda/2019/4"),
    ],
)
def test_indonesian_citation_patterns(lang: str, text: str, expected: str) -> None:
    assert ids(text, lang) == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "sesuai dengan ketentuan peraturan perundang-undangan",
        "diatur dalam Peraturan Gubernur.",
        "Peraturan Daerah ini mulai berlaku pada tanggal diundangkan.",
        "Peraturan Bupati atau Peraturan Daerah",
        "Lembaran Negara Republik Indonesia Tahun 2014 Nomor 244",
        "LEMBARAN DAERAH PROVINSI DAERAH KHUSUS IBUKOTA JAKARTA TAHUN 2020 NOMOR 201",
        "NOREG PERATURAN DAERAH PROVINSI DKI JAKARTA: (2-156/2020)",
        "membentuk Undang-Undang tentang Sistem Nasional Ilmu Pengetahuan",
        "the Act shall come into force",
        "Nomor : B-1004/DJAI/AI.01.04/12/2022",
    ],
)
def test_generic_mentions_are_not_laws(text: str) -> None:
    assert find_laws(text) == []


def test_ocr_letter_o_in_year() -> None:
    assert ids("Undang-Undang Nomor 2 Tahun 2O2O tentang Penetapan") == ["id/uu/2020/2"]


def test_a_ministers_guideline_is_an_instrument_of_type_other() -> None:
    text = "PEDOMAN MENTERI PENDAYAGUNAAN APARATUR NEGARA DAN REFORMASI BIROKRASI NOMOR 3 TAHUN 2024"
    assert ids(text) == ["id/other/2024/3"]
    assert ids("sesuai pedoman yang berlaku") == []


def test_ocr_letters_l_and_i_for_one_in_year() -> None:
    assert ids("Undang-Undang Nomor 7 Tahun 2OL4 tentang Perdagangan") == ["id/uu/2014/7"]
    assert ids("Peraturan Pemerintah Nomor 5 Tahun 20l9") == ["id/pp/2019/5"]
    assert ids("Undang-Undang Nomor 7 Tahun 20Lembaga") == []  # a word, not a year


def test_soft_hyphen_and_pdf_hyphen_marker() -> None:
    assert ids("UNDANG\u00adUNDANG Nomor 6 Tahun 2018") == ["id/uu/2018/6"]
    assert ids("Undang\ufffeUndang Nomor 9 Tahun 2015") == ["id/uu/2015/9"]


def test_amendment_chain_sebagaimana_telah_diubah() -> None:
    text = (
        "Undang-Undang Nomor 23 Tahun 2014 tentang Pemerintahan Daerah (Lembaran Negara Tahun "
        "2014 Nomor 244) sebagaimana telah diubah beberapa kali terakhir dengan Undang-Undang "
        "Nomor 9 Tahun 2015 tentang Perubahan Kedua atas Undang-Undang Nomor 23 Tahun 2014"
    )
    found = find_laws(text)
    assert [m.to_law().canonical_id for m in found] == ["id/uu/2014/23", "id/uu/2015/9", "id/uu/2014/23"]
    assert found[1].amends == "id/uu/2014/23"


def test_amendment_in_title_perubahan_atas() -> None:
    found = find_laws(
        "Peraturan Menteri Dalam Negeri Nomor 120 Tahun 2018 tentang Perubahan Atas "
        "Peraturan Menteri Dalam Negeri Nomor 80 Tahun 2015 tentang Pembentukan"
    )
    assert found[0].amends == "id/permen/2015/80"


def test_title_stops_at_gazette_and_keeps_acronym() -> None:
    text = " tentang Sistem Pemerintahan Berbasis Elektronik (SPBE) (Lembaran Negara Tahun 2018)"
    title, _ = find_title(text, 0)
    assert title == "Sistem Pemerintahan Berbasis Elektronik (SPBE)"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (" tentang Satu Contoh Indonesia, Badan Pusat Contoh menjadi pembina.", "Satu Contoh Indonesia"),
        (" tentang Sistem Contoh (SC), Dinas Contoh Kabupaten X melaksanakan SC.", "Sistem Contoh (SC)"),
        (
            " tentang Hubungan Pemerintah Pusat dan Daerah, Pemerintah Daerah menetapkan.",
            "Hubungan Pemerintah Pusat dan Daerah",
        ),
        (" tentang Pengelolaan Contoh, Wali Kota menetapkan.", "Pengelolaan Contoh"),
        # the title's own list goes on, and a lower-case word after the comma is no subject
        (
            " tentang Kedudukan, Tugas, Fungsi, dan Tata Kerja Badan Contoh.",
            "Kedudukan, Tugas, Fungsi, dan Tata Kerja Badan Contoh",
        ),
        (" tentang Pos, Telekomunikasi, dan Penyiaran", "Pos, Telekomunikasi, dan Penyiaran"),
    ],
)
def test_title_stops_before_the_next_clause_s_subject(text: str, expected: str) -> None:
    title, _ = find_title(text, 0)
    assert title == expected


def test_title_stops_at_running_text() -> None:
    title, _ = find_title(" tentang SPBE dan inisiatif Satu Data Indonesia.", 0)
    assert title == "SPBE"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Peraturan Walikota Surabaya Nomor 12 Tahun 2018", "id/perwal/2018/12"),
        ("PERATURAN WALI\nKOTA BOGOR NOMOR 3 TAHUN 2019", "id/perwal/2019/3"),
        ("Perwali Nomor 4 Tahun 2020", "id/perwal/2020/4"),
        ("Keputusan Walikota Malang Nomor 188 Tahun 2021", "id/kepwal/2021/188"),
        ("Peraturan OJK Nomor 1 Tahun 2020", "id/pojk/2020/1"),
        ("SE OJK Nomor 2 Tahun 2021", "id/seojk/2021/2"),
        ("Surat Edaran Bersama Menteri Dalam Negeri Nomor 7 Tahun 2020", "id/se/2020/7"),
        ("Peraturan Lembaga Kebijakan Pengadaan Nomor 12 Tahun 2021", "id/perban/2021/12"),
        ("Perka BAPETEN Nomor 12 Tahun 2012", "id/perban/2012/12"),
        ("Qanun Aceh Nomor 8 Tahun 2014", "id/perda/2014/8"),
        ("Permenkes Nomor 4 Tahun 2019", "id/permen/2019/4"),
        ("PMK Nomor 96 Tahun 2007", "id/permen/2007/96"),
        ("Undang Undang Nomor 11 Tahun 2008", "id/uu/2008/11"),
    ],
)
def test_instrument_type_names_and_short_forms(text: str, expected: str) -> None:
    """The names and short forms of pipeline/data/lang/id/instrument_types.txt, in their variants."""
    assert ids(text) == [expected]


def test_every_instrument_type_form_has_a_trigger_keyword() -> None:
    """A name or short form that no keyword of ID_KEYWORDS finds would never be tried."""
    for kind, names, forms in instrument_types():
        for form in [*names, *(f.rstrip("*") + ("kominfo" if f.endswith("*") else "") for f in forms)]:
            assert positions_for(form, None, ID_KEYWORDS)[:1] == [0], (kind, form)


def test_instrument_types_follow_the_data_file_order() -> None:
    assert [kind for kind, _ in ID_TYPES] == [kind for kind, _, _ in instrument_types()]
    assert [kind for kind, _ in ID_TYPES][:2] == ["perppu", "pojk"]  # longer names before "pp"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Peraturan Menteri Dalam Negeri Nomor 050-145 Tahun 2022", ("permen", "050-145", 2022)),
        ("Keputusan Menteri Dalam Negeri Nomor 100.1.1-6117 Tahun 2022", ("kepmen", "100.1.1-6117", 2022)),
        ("PERATURAN ANGGOTA DEWAN GUBERNUR NOMOR 21/ 18 /PADG/2019", ("other", "21", 2019)),
        ("PADG No. 21/18/PADG/2019", ("other", "21", 2019)),
        ("Instruksi Menteri Dalam Negeri Nomor 1 Tahun 2021", ("other", "1", 2021)),
        ("Peraturan Mahkamah Agung Nomor 1 Tahun 2019", ("other", "1", 2019)),
        ("Keputusan Bersama Menteri Dalam Negeri dan Menteri Keuangan No. 1/2020", ("other", "1", 2020)),
        ("Keputusan Kepala Badan Pusat Statistik Nomor 5 Tahun 2019", ("other", "5", 2019)),
        ("Peraturan Desa Nomor 1 Tahun 2020", ("other", "1", 2020)),
        ("Peraturan Direktur Jenderal Pajak Nomor PER-03/PJ/2022", ("other", "per-03/pj/2022", 2022)),
    ],
)
def test_other_instruments_and_number_forms(text: str, expected: tuple) -> None:
    (m,) = find_laws(text)
    assert (m.type, m.number, m.year) == expected


def test_a_title_ends_before_the_regulation_s_opening_words() -> None:
    text = (
        "PERATURAN PRESIDEN NOMOR 1 TAHUN 2020 TENTANG CONTOH LAYANAN DENGAN RAHMAT TUHAN "
        "YANG MAHA ESA PRESIDEN REPUBLIK INDONESIA, Menimbang"
    )
    (m,) = find_laws(text)
    assert m.title == "CONTOH LAYANAN"


@pytest.mark.parametrize(
    ("text", "issuer"),
    [
        ("Peraturan Menteri Kesehatan Nomor 9 Tahun 2020", "Kesehatan"),
        ("Permenkominfo No. 3 Tahun 2020", "kominfo"),
        ("PMK Nomor 96/PMK.06/2007", "Keuangan"),
        ("Peraturan Kepala Badan Pengawas Tenaga Nuklir Nomor 12 Tahun 2012", "Badan Pengawas Tenaga Nuklir"),
        ("Peraturan BSSN Nomor 4 Tahun 2021", "BSSN"),
        ("Peraturan Daerah Provinsi Bali Nomor 4 Tahun 2016", "Provinsi Bali"),
        ("Peraturan Gubernur Bali Nomor 58 Tahun 2019", "Bali"),
        ("Peraturan Menteri Nomor 5 Tahun 2020", None),
        ("Peraturan Presiden Nomor 5 Tahun 2020", None),  # one issuer: no issuer part
    ],
)
def test_the_issuer_a_citation_names(text: str, issuer: str | None) -> None:
    (m,) = find_laws(text)
    assert m.issuer_text == issuer


def test_regulations_of_two_ministers_with_one_number_are_two_instruments(make_passages) -> None:
    doc, passages = make_passages(
        "Peraturan Menteri Kesehatan Nomor 9 Tahun 2020 dan "
        "Peraturan Menteri Perdagangan Nomor 9 Tahun 2020.",
        "Permenkes 9/2020 berlaku.",
    )
    ids = [m.canonical_id for m in extract_mentions(doc, passages) if m.label == "LAW"]
    assert ids == ["id/permen/2020/9/kemenkes", "id/permen/2020/9/kemendag", "id/permen/2020/9/kemenkes"]


def test_a_citation_without_its_issuer_takes_the_one_the_document_names(make_passages) -> None:
    doc, passages = make_passages(
        "Peraturan Daerah Provinsi Bali Nomor 4 Tahun 2016 dan Peraturan Daerah Nomor 4 Tahun 2016.",
        "Peraturan Menteri Nomor 5 Tahun 2020 berlaku.",
    )
    ids = [m.canonical_id for m in extract_mentions(doc, passages) if m.label == "LAW"]
    assert ids == ["id/perda/2016/4/province-bali", "id/perda/2016/4/province-bali", "id/permen/2020/5"]


def test_an_indonesian_statute_s_number_and_year_without_no() -> None:
    """ "Law 25/2009" in English text: the jurisdiction comes from the context, not the grammar."""
    found = [m.to_law() for m in find_laws("Labour Law 13/2003 and Law 25/2009 on Public Services", "en")]
    assert [(law.type, law.number, law.year) for law in found] == [("act", "13", 2003), ("act", "25", 2009)]
    assert find_laws("See Law 2/2 and Table 25/2009.", "en") == []


def test_a_citation_wrapped_into_the_next_table_cell_keeps_its_year() -> None:
    # a table's reader split a cell at its wrapped line; passages are joined by "\x00"
    assert ids("bagi pemangku kepentingan (PermenPANRB No 19\x00Tahun 2018).") == ["id/permen/2018/19"]
    assert ids("Nomor 19\x00Pasal 2") == []  # no type before the number: no citation


def test_a_wrapped_citation_is_evidenced_by_the_cell_where_it_begins(make_passages) -> None:
    cells = [f"Kriteria tingkat {n} telah terpenuhi." for n in range(1, 46)]  # past the title block
    doc, passages = make_passages(*cells, "bagi pemangku kepentingan (PermenPANRB No 19", "Tahun 2018).")
    laws = [m for m in extract_mentions(doc, passages) if m.label == "LAW"]
    assert [(m.passage_id, m.text, m.law.year if m.law else None) for m in laws] == [
        ("p45", "PermenPANRB No 19", 2018)
    ]
