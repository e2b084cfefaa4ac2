"""detect_language / analyse on single texts: languages, Malay vs Indonesian, non-prose."""

from __future__ import annotations

import pytest

from pipeline.langid import detect as detect_module
from pipeline.langid import detect_language
from pipeline.langid.detect import SHORT_CHARS, analyse, normalise

ENGLISH = [
    "The Federal Government shall ensure that all information collected under this Act is "
    "protected from misuse.",
    "Smart cities in the region use data platforms to improve public services and mobility.",
    "(a) the trade name and address of the supplier, and the date of the purchase;",
]
INDONESIAN = [
    "Pemerintah Pusat wajib memastikan bahwa semua informasi yang dikumpulkan berdasarkan "
    "Undang-Undang ini dilindungi dari penyalahgunaan.",
    "Ketentuan lebih lanjut mengenai tata cara pelaporan sebagaimana dimaksud pada ayat (2) "
    "diatur dengan Peraturan Menteri.",
    "Kota cerdas dikembangkan oleh pemerintah daerah melalui rencana induk yang disusun setiap lima tahun.",
]
ENGLISH_TERMS_IN_INDONESIAN = [
    "Penerapan smart governance dan e-government di kota Bandung didukung oleh command center dan big data.",
    "b. penyelenggara menyediakan virtual account atau payment gateway bagi pengguna layanan;",
    "Malaysia mengembangkan kerangka kerja smart city melalui National Smart City Framework "
    "yang diluncurkan pada tahun 2019.",
]
MALAY = [
    "Kerajaan Persekutuan hendaklah memastikan bahawa semua maklumat yang dikumpulkan di bawah "
    "Akta ini dilindungi daripada sebarang penyalahgunaan.",
    "Pihak berkuasa tempatan boleh mengenakan caj kepada mana-mana syarikat yang tidak mematuhi "
    "peruntukan seksyen 12 kerana kesalahan itu.",
    "Majlis Perbandaran akan melaksanakan projek bandar pintar selepas pelan tindakan diluluskan "
    "oleh kerajaan negeri.",
    "Sesiapa yang melakukan kesalahan di bawah subseksyen (2) boleh didenda tidak melebihi "
    "sepuluh ribu ringgit.",
]
INDONESIAN_WITH_MALAY_LOOKING_WORDS = [
    # Malaysian names, and Indonesian uses of akta, jabatan, mahkamah, kerajaan, boleh, awam
    "Malaysia membentuk Kementerian Perumahan dan Kerajaan Tempatan untuk mengelola program "
    "kota cerdas di daerah.",
    "Masyarakat awam dapat mengikuti rapat umum yang diselenggarakan oleh majelis daerah setiap tahun.",
    "BAB 4 PERANCANGAN membahas perancangan perangkat lunak berdasarkan hasil analisis yang telah dilakukan.",
]
# Lone sentences the learned Malay model gets wrong without context (P(Malay) 0.94 and 0.99):
# "akta", "boleh" and "Setiap orang ... boleh" are bill phrasing in the Malay training data.
# Inside an Indonesian document they take the document's variety (tested below).
MALAY_LOOKING_ALONE = [
    "Pejabat yang menduduki jabatan fungsional wajib melampirkan akta kelahiran sesuai dengan "
    "putusan Mahkamah Konstitusi.",
    "Setiap orang boleh mengajukan keberatan kepada Kerajaan Thailand melalui perwakilan "
    "diplomatik di Jakarta.",
]
OTHER_LANGUAGES = [
    "Le gouvernement a publié un rapport sur les villes intelligentes dans la région.",
    "Die Regierung hat einen Bericht über intelligente Städte in der Region veröffentlicht.",
    "El gobierno publicó un informe sobre las ciudades inteligentes en la región.",
    "Ang pamahalaan ay naglathala ng ulat tungkol sa mga matalinong lungsod.",
    "Chính phủ đã công bố báo cáo về các thành phố thông minh trong khu vực.",
    "รัฐบาลได้เผยแพร่รายงานเกี่ยวกับเมืองอัจฉริยะในภูมิภาค",
    "政府发布了关于该地区智慧城市的报告。",
]


@pytest.mark.parametrize(
    ("expected", "text"),
    [("en", t) for t in ENGLISH]
    + [("id", t) for t in INDONESIAN]
    + [("id", t) for t in ENGLISH_TERMS_IN_INDONESIAN]
    + [("ms", t) for t in MALAY]
    + [("id", t) for t in INDONESIAN_WITH_MALAY_LOOKING_WORDS]
    + [("other", t) for t in OTHER_LANGUAGES],
)
def test_language_of_a_sentence(expected: str, text: str) -> None:
    lang, confidence = detect_language(text)
    assert lang == expected
    assert 0.5 < confidence <= 1.0


@pytest.mark.parametrize("text", INDONESIAN + INDONESIAN_WITH_MALAY_LOOKING_WORDS)
def test_indonesian_is_never_called_malay(text: str) -> None:
    assert detect_language(text)[0] != "ms"


@pytest.mark.xfail(strict=True, reason="the learned Malay model, without context, calls these Malay")
@pytest.mark.parametrize("text", MALAY_LOOKING_ALONE)
def test_malay_looking_indonesian_alone(text: str) -> None:
    assert detect_language(text)[0] != "ms"


@pytest.mark.parametrize("text", MALAY_LOOKING_ALONE + INDONESIAN_WITH_MALAY_LOOKING_WORDS)
def test_malay_looking_indonesian_in_an_indonesian_document_is_indonesian(text: str) -> None:
    from pipeline.langid import assign_languages
    from pipeline.records import Passage

    passages = [Passage(str(i), "d", 1, t) for i, t in enumerate([*INDONESIAN, text, *INDONESIAN])]
    assign_languages(passages)
    assert [p.lang for p in passages] == ["id"] * len(passages)


def test_a_single_malay_form_in_indonesian_gives_id_with_less_confidence() -> None:
    plain = "Pemerintah daerah menyusun rencana pembangunan untuk lima tahun ke depan."
    hedged = "Pemerintah daerah menyusun rencana pembangunan selepas lima tahun ke depan."
    assert detect_language(hedged)[0] == "id"
    assert detect_language(hedged)[1] < detect_language(plain)[1]


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("! d u a a (!= L cg e !sj: =x= -o 6 0J - f L d tr L s - | I! -.,i S?i O O", "noise"),
        ("67 valid = this.lexicon.searchInFile(rootWord, component);", "code"),
        ("for (int j = 1; j < words.length; j++) { component += words[j];", "code"),
        ("2019", "neutral"),
        ("", "neutral"),
        ("06/30/2015 07/01/2015 150 2,45 %", "neutral"),
    ],
)
def test_text_that_is_not_prose(text: str, kind: str) -> None:
    guess = analyse(text)
    assert guess.kind == kind
    if kind == "neutral":
        assert detect_language(text) == ("other", 0.0)
    else:
        assert guess.lang == "other"


def test_short_text_is_not_reliable_alone() -> None:
    text = "Tabel 2. Hasil evaluasi"
    assert len(text) < SHORT_CHARS
    guess = analyse(text)
    assert guess.lang == "id"
    assert not guess.reliable
    assert detect_language(text)[1] <= 0.6


def test_keyword_line_takes_its_label_language() -> None:
    line = "Kata kunci: smart city, e-government, open data, digital platform, governance"
    assert detect_language(line)[0] == "id"
    assert detect_language("Keywords: kota cerdas, tata kelola, pemerintahan digital")[0] == "en"


def test_normalise_joins_soft_hyphens_and_letter_spacing() -> None:
    assert normalise("UNDANG\u00adUNDANG re\ufffesolved") == "UNDANGUNDANG resolved"
    assert normalise("P E N J E L A S A N  atas") == "PENJELASAN atas"
    assert normalise("𝑿ₜ  =  x") == "Xt = x"


def test_same_answer_every_run_and_with_a_fresh_detector() -> None:
    texts = ENGLISH + INDONESIAN + MALAY + ["Data governance", "Abstrak", "Layoff Permanent"]
    first = [detect_language(t) for t in texts]
    detect_module._factory.cache_clear()
    second = [detect_language(t) for t in texts]
    assert first == second


def test_lazy_analysis_skips_langdetect_only_where_it_cannot_decide() -> None:
    row = "12/07/2015 Brinderson Coalinga 84 Closure Permanent 12/07/2015 Maricopa"
    assert analyse(row).complete
    assert not analyse(row, lazy=True).complete
    assert not analyse(row, lazy=True).reliable
    sentence = ENGLISH[1]
    assert analyse(sentence, lazy=True) == analyse(sentence)
