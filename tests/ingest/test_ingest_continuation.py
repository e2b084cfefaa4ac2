"""Paragraphs across page and column breaks, references across line breaks, clauses with
their items: the rules on made-up paragraphs, then on generated PDFs."""

from __future__ import annotations

from pathlib import Path

from pdfmaker import Text, make_pdf, paragraph
from reportlab.pdfbase.pdfmetrics import stringWidth

from pipeline.ingest import read_pdf
from pipeline.ingest.continuation import (
    CLAUSE_MAX_CHARS,
    continues,
    join_across_breaks,
    join_clause_items,
    starts_new_unit,
)
from pipeline.ingest.geometry import Line
from pipeline.ingest.paragraphs import Paragraph
from pipeline.records import page_at

WORDS = [
    "pemerintah",
    "daerah",
    "menetapkan",
    "kebijakan",
    "pengembangan",
    "kota",
    "cerdas",
    "yang",
    "meliputi",
    "tata",
    "kelola",
    "ekonomi",
    "mobilitas",
    "lingkungan",
    "masyarakat",
    "dan",
    "kehidupan",
    "warga",
    "secara",
    "terpadu",
]


def para(
    page: int,
    texts: list[str],
    block: int = 0,
    right: float = 500.0,
    size: float = 10.0,
    kind: str = "text",
    boxed: bool = False,
    full: bool = True,
) -> Paragraph:
    """A paragraph of lines 72..500 wide (the last one short unless ``full``)."""
    lines = []
    for i, t in enumerate(texts):
        x1 = right if full or i < len(texts) - 1 else right - 200
        lines.append(Line(72, 100 + 12 * i, x1, 110 + 12 * i, t, size))
    return Paragraph(page, lines, kind=kind, block=block, right=right, boxed=boxed)


def test_a_sentence_cut_at_the_page_end_continues():
    assert continues(
        para(1, ["Malaysia telah menetapkan kerangka kerja untuk"]),
        para(2, ["strategi, dan instrumen hukum yang utama."]),
    )


def test_a_finished_sentence_does_not_continue():
    assert not continues(
        para(1, ["Malaysia telah menetapkan kerangka kerja."]), para(2, ["Thailand memilih jalan lain."])
    )


def test_a_short_last_line_ends_the_paragraph():
    assert not continues(
        para(1, ["a first line of words", "a short last line"], full=False), para(2, ["the next paragraph"])
    )


def test_new_units_are_not_continuations():
    prev = para(1, ["pemerintah daerah menetapkan"])
    for start in ["Pasal 5", "BAB II", "(2) Setiap orang", "a. huruf pertama", "Figure 2: kota", "- butir"]:
        assert starts_new_unit(start)
        assert not continues(prev, para(2, [start]))


def test_a_reference_lead_continues_even_into_a_clause_marker():
    assert continues(
        para(1, ["sebagaimana dimaksud pada ayat"], full=False), para(2, ["(1) dibuktikan dengan akta."])
    )


def test_headings_boxes_and_type_size_stop_continuation():
    prev = para(1, ["pemerintah daerah menetapkan"])
    assert not continues(prev, para(2, ["lanjutan"], kind="heading"))
    assert not continues(prev, para(2, ["lanjutan"], boxed=True))
    assert not continues(para(1, ["pemerintah daerah"], boxed=True), para(2, ["lanjutan"]))
    assert not continues(prev, para(2, ["lanjutan"], size=7.0))


def test_only_breaks_join_and_tables_between_stop_it():
    a, b = para(1, ["pemerintah daerah menetapkan"]), para(1, ["lanjutan teks."])
    assert join_across_breaks([a, b]) == [a, b]  # same page and block: two paragraphs
    c, d = para(1, ["pemerintah daerah menetapkan"]), para(1, ["lanjutan teks."], block=1)
    joined = join_across_breaks([c, d])
    assert joined == [c] and c.text == "pemerintah daerah menetapkan lanjutan teks."
    e, f, table = para(1, ["pemerintah daerah menetapkan"]), para(2, ["lanjutan."]), object()
    assert join_across_breaks([e, table, f]) == [e, table, f]


def test_parts_record_each_page_with_its_offset():
    a, b = para(1, ["pemerintah daerah menetapkan"]), para(2, ["lanjutan teks."])
    [joined] = join_across_breaks([a, b])
    parts = joined.parts()
    assert [p for p, _, _ in parts] == [1, 2]
    assert joined.text[parts[1][2] :].startswith("lanjutan")


def test_a_clause_keeps_its_items_when_it_fits():
    clause = para(1, ["(2) Setiap orang wajib:"], full=False)
    items = [para(1, [f"{m}. butir {m};"], full=False) for m in "abc"]
    after = para(1, ["(3) Ketentuan lain."], full=False)
    out = join_clause_items([clause, *items, after])
    assert out == [clause, after]
    assert clause.text == "(2) Setiap orang wajib: a. butir a; b. butir b; c. butir c;"


def test_a_clause_too_long_keeps_its_items_apart():
    clause = para(1, ["(2) Setiap orang wajib:"], full=False)
    long_text = "kata " * (CLAUSE_MAX_CHARS // 5)
    items = [para(1, [f"a. {long_text}"]), para(1, ["b. butir;"])]
    assert join_clause_items([clause, *items]) == [clause, *items]


def test_items_without_a_clause_stay_apart():
    lead = para(1, ["Tujuan program ini adalah:"], full=False)  # no "(n)" clause number
    items = [para(1, ["a. satu;"]), para(1, ["b. dua."])]
    assert join_clause_items([lead, *items]) == [lead, *items]


# ---- generated PDFs -------------------------------------------------------------------------


def full_lines(n: int, width: float = 450.0, size: float = 10.0) -> list[str]:
    """``n`` made-up lines that each fill ``width`` (greedy wrap, no sentence end)."""
    lines, current, k = [], "", 0
    while len(lines) < n:
        word = WORDS[k % len(WORDS)] + ("" if k % 7 else "x")
        k += 1
        candidate = f"{current} {word}".strip()
        if current and stringWidth(candidate, "Helvetica", size) > width:
            lines.append(current)
            current = word
        else:
            current = candidate
    return lines


def at(x: float, top: float, lines: list[str], size: float = 10.0) -> list[Text]:
    return [Text(x, top + i * 12.5, t, size) for i, t in enumerate(lines)]


def test_a_paragraph_across_a_page_break_is_one_passage(tmp_path: Path):
    lines = full_lines(10)
    page1 = paragraph(72, 72, 450, "Pendahuluan singkat tentang kota.") + at(72, 700, lines[:6])
    page2 = at(72, 72, lines[6:]) + [Text(72, 72 + 4 * 12.5, "berakhir di sini.", 10)]
    result = read_pdf(make_pdf(tmp_path / "cut.pdf", [page1, page2]))
    texts = [p.text for p in result.passages]
    assert len(texts) == 2, texts
    passage = result.passages[1]
    assert passage.text.startswith(lines[0]) and passage.text.endswith("berakhir di sini.")
    assert [part["page"] for part in passage.parts] == [1, 2]
    tail = passage.text.index(lines[6])
    assert page_at(passage, tail) == 2 and page_at(passage, 0) == 1


def test_a_finished_paragraph_and_a_heading_stop_at_the_page_break(tmp_path: Path):
    lines = full_lines(6)
    page1 = at(72, 700, lines[:5] + ["ini akhir kalimat."])
    page2 = [Text(72, 72, "Pasal 5", 10)] + at(72, 90, ["Isi pasal lima."])
    result = read_pdf(make_pdf(tmp_path / "end.pdf", [page1, page2 + at(72, 200, ["x."])]))
    assert all(p.parts is None for p in result.passages)
    page1 = at(72, 700, lines[:6])  # cut mid-sentence, but the next page opens with a heading
    result = read_pdf(make_pdf(tmp_path / "head.pdf", [page1, page2]))
    assert [p.kind for p in result.passages][:2] == ["text", "heading"]
    assert all(p.parts is None for p in result.passages)


def test_a_reference_across_a_line_break_stays_in_the_clause(tmp_path: Path):
    items = at(
        72,
        100,
        [
            "(1) Pemutusan hubungan kerja sebagaimana dimaksud pada ayat",
            "(2) dibuktikan dengan akta notaris.",
            "(3) Ketentuan lebih lanjut diatur dengan Peraturan Menteri.",
        ],
    )
    result = read_pdf(make_pdf(tmp_path / "ref.pdf", [items]))
    texts = [p.text for p in result.passages]
    assert texts == [
        "(1) Pemutusan hubungan kerja sebagaimana dimaksud pada ayat (2) dibuktikan dengan akta notaris.",
        "(3) Ketentuan lebih lanjut diatur dengan Peraturan Menteri.",
    ]


def test_a_reference_across_a_page_break_stays_in_the_clause(tmp_path: Path):
    page1 = at(72, 760, ["(1) Pemutusan hubungan kerja sebagaimana dimaksud pada ayat"])
    page2 = at(72, 72, ["(2) dibuktikan dengan akta notaris.", "(3) Ketentuan lain."])
    result = read_pdf(make_pdf(tmp_path / "refpage.pdf", [page1, page2]))
    first = result.passages[0]
    assert first.text.endswith("ayat (2) dibuktikan dengan akta notaris.")
    assert [part["page"] for part in first.parts] == [1, 2]


def test_a_clause_and_its_items_are_one_passage(tmp_path: Path):
    items = at(
        72,
        100,
        [
            "(2) Setiap penyelenggara wajib:",
            "a. menyusun rencana induk;",
            "b. menyediakan data terbuka; dan",
            "c. melaporkan hasil evaluasi.",
            "(3) Ketentuan lain diatur kemudian.",
        ],
    )
    result = read_pdf(make_pdf(tmp_path / "clause.pdf", [items]))
    texts = [p.text for p in result.passages]
    assert texts[0] == (
        "(2) Setiap penyelenggara wajib: a. menyusun rencana induk; b. "
        "menyediakan data terbuka; dan c. melaporkan hasil evaluasi."
    )
    assert texts[1].startswith("(3)")


def test_a_sidebar_between_the_parts_is_stepped_over():
    a = para(1, ["pemerintah daerah menetapkan"], block=0)
    box = para(1, ["Kotak: ringkasan program."], block=2, boxed=True)
    b = para(2, ["lanjutan teks."])
    assert join_across_breaks([a, box, b]) == [a, box]
    assert a.text == "pemerintah daerah menetapkan lanjutan teks."
