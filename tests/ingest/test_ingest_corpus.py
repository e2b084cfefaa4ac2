"""read_pdf on the shared corpus (skipped when ../shared/corpus is absent).

Expectations come from MANIFEST.tsv and from pdfplumber run on the same pages, never
from text copied out of the files. Long documents are sampled.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from collections import Counter
from pathlib import Path

import pdfplumber
import pytest

from pipeline.ingest import read_pdf
from pipeline.ingest.furniture import PAGE_NUMBER
from pipeline.ingest.ocr import tesseract_available
from pipeline.records import Passage

pytestmark = pytest.mark.shared

THREE_COLUMNS = "edge_en_reg_us_federal_register_3col.pdf"
TWO_COLUMNS = "en_paper_hitachi_review_2021_smart_city_thailand.pdf"
WARN = "edge_en_report_ca_warn_tables.pdf"
UUD = "id_reg_uud_1945_satu_naskah_soft_hyphens.pdf"
JUSTIFIED_TWO_COLUMNS = "en_report_ascn_monitoring_evaluation_2022.pdf"
LONG_REGULATIONS = (
    "id_reg_uu_13_2003_ketenagakerjaan.pdf",
    "en_law_my_act_599_consumer_protection_act_1999_150p.pdf",
    "id_reg_pojk_10_2024_obligasi_daerah.pdf",
)


def manifest(corpus: Path) -> list[dict[str, str]]:
    with (corpus / "MANIFEST.tsv").open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh, delimiter="\t"))


def alnum(text: str) -> str:
    """Letters and digits only, lower case: compares texts across extractors."""
    return re.sub(r"[\W_]", "", unicodedata.normalize("NFKC", text).lower())


def gutters_from_words(words: list[dict], n_columns: int) -> list[float]:
    """x of the n-1 emptiest vertical strips between the text's left and right edges."""
    left, right = min(w["x0"] for w in words), max(w["x1"] for w in words)
    cover = Counter()
    for w in words:
        for x in range(int(w["x0"]), int(w["x1"]) + 1):
            cover[x] += 1
    span = right - left
    cuts: list[float] = []
    for k in range(1, n_columns):
        centre = left + span * k / n_columns
        window = range(int(centre - span / 8), int(centre + span / 8))
        cuts.append(float(min(window, key=lambda x: (cover[x], abs(x - centre)))))
    return cuts


def median_size(chars: list[dict]) -> float:
    sizes = sorted(c["size"] for c in chars)
    return sizes[len(sizes) // 2] if sizes else 0.0


def pieces(passage: Passage) -> list[Passage]:
    """A passage cut at its page and column breaks (its ``parts``), each piece with its own
    page and box: a paragraph may run on into the next column, but each piece lies in one."""
    if not passage.parts:
        return [passage]
    ends = [part["start"] for part in passage.parts[1:]] + [len(passage.text)]
    return [
        Passage(
            passage.id,
            passage.document_id,
            part["page"],
            passage.text[part["start"] : end],
            bbox=tuple(part["bbox"]),
            kind=passage.kind,
        )
        for part, end in zip(passage.parts, ends, strict=True)
    ]


def unspliced(passage: Passage, column_texts: list[str], page: pdfplumber.page.Page) -> list[str]:
    """4-word shingles of a passage found neither in one column nor in its own box read row-wise."""
    words = passage.text.split()
    shingles = [alnum("".join(words[i : i + 4])) for i in range(len(words) - 3)]
    missing = [s for s in shingles if s and not any(s in t for t in column_texts)]
    if not missing:
        return []
    x0, top, x1, bottom = passage.bbox
    box = (max(0, x0 - 1), max(0, top - 1), min(page.width, x1 + 1), min(page.height, bottom + 1))
    own = alnum(page.within_bbox(box).extract_text() or "")
    return [s for s in missing if s not in own]


@pytest.mark.slow
@pytest.mark.parametrize(("name", "n_columns"), [(THREE_COLUMNS, 3), (TWO_COLUMNS, 2)])
def test_no_paragraph_spliced_across_columns(corpus_dir: Path, name: str, n_columns: int) -> None:
    path = corpus_dir / name
    result = read_pdf(path, ocr=False, pages=[*range(1, 8), 14, 15])  # the multi-column pages
    assert max(p.columns for p in result.pages) == n_columns
    with pdfplumber.open(path) as pdf:
        for number in sorted({p.page for p in result.passages}):
            page = pdf.pages[number - 1]
            words = page.extract_words()
            edges = [0.0, *gutters_from_words(words, n_columns), float(page.width)]
            columns = [
                alnum(page.within_bbox((a, 0, b, page.height)).extract_text() or "")
                for a, b in zip(edges, edges[1:], strict=False)
            ]
            body = median_size(page.chars)
            for passage in (piece for p in result.passages for piece in pieces(p)):
                if passage.page == number and passage.kind == "text" and len(passage.text.split()) >= 8:
                    inside = page.within_bbox(passage.bbox).chars
                    if median_size(inside) >= 0.85 * body:  # body text, not figure labels
                        assert unspliced(passage, columns, page) == [], passage.text[:120]
            page.close()


def test_justified_columns_sharing_baselines_are_not_merged(corpus_dir: Path) -> None:
    """Every body passage of these pages lies in one column, as pdfplumber crops it."""
    path = corpus_dir / JUSTIFIED_TWO_COLUMNS
    pages = [15, 16]
    result = read_pdf(path, ocr=False, pages=pages)
    assert [p.columns for p in result.pages] == [2, 2]
    checked = 0
    with pdfplumber.open(path) as pdf:
        for number in pages:
            page = pdf.pages[number - 1]
            edges = [0.0, *gutters_from_words(page.extract_words(), 2), float(page.width)]
            columns = [
                alnum(page.within_bbox((a, 0, b, page.height)).extract_text() or "")
                for a, b in zip(edges, edges[1:], strict=False)
            ]
            body = median_size(page.chars)
            for passage in (piece for p in result.passages for piece in pieces(p)):
                if passage.page != number or passage.kind != "text" or len(passage.text.split()) < 8:
                    continue
                if median_size(page.within_bbox(passage.bbox).chars) < 0.85 * body:
                    continue  # a figure label or a sidebar in a smaller font
                words = passage.text.split()
                shingles = [alnum("".join(words[i : i + 4])) for i in range(len(words) - 3)]
                assert any(all(s in col for s in shingles) for col in columns), passage.text[:120]
                checked += 1
            page.close()
    assert checked >= 4


@pytest.mark.slow
@pytest.mark.parametrize("name", LONG_REGULATIONS)
def test_running_headers_and_page_numbers_are_gone(corpus_dir: Path, name: str) -> None:
    path = corpus_dir / name
    with pdfplumber.open(path) as pdf:
        sample = list(range(2, len(pdf.pages) + 1, 6))
        edge_lines: Counter[str] = Counter()
        for number in sample:
            page = pdf.pages[number - 1]
            lines = [ln.strip() for ln in (page.extract_text() or "").splitlines() if ln.strip()]
            page.close()
            edge_lines.update({re.sub(r"\d+", "#", ln.lower()) for ln in lines[:2] + lines[-2:]})
    running = {ln for ln, n in edge_lines.items() if n >= 0.5 * len(sample)}
    assert running, "pdfplumber sees no running header or footer: the test would prove nothing"
    result = read_pdf(path, ocr=False, pages=sample)
    leftovers = [p.text for p in result.passages if re.sub(r"\d+", "#", p.text.strip().lower()) in running]
    assert leftovers == []
    assert not [p.text for p in result.passages if PAGE_NUMBER.match(p.text.strip())]


def test_soft_hyphens_keep_undang_undang_whole(corpus_dir: Path) -> None:
    result = read_pdf(corpus_dir / UUD, ocr=False, pages=range(1, 6))
    text = " ".join(p.text for p in result.passages)
    assert "UNDANG-UNDANG" in text
    assert "\u00ad" not in text and "UNDANGUNDANG" not in text


@pytest.mark.slow
def test_warn_report_tables_match_pdfplumber(corpus_dir: Path) -> None:
    path = corpus_dir / WARN
    sample = [1, 2, 15, 16]
    result = read_pdf(path, ocr=False, pages=sample)
    cells = [p for p in result.passages if p.kind == "table_cell"]
    with pdfplumber.open(path) as pdf:
        first_header = [alnum(t or "") for t in pdf.pages[0].find_tables()[0].extract()[0]]
        for number in sample:
            page = pdf.pages[number - 1]
            theirs = [t.extract() for t in page.find_tables()]
            page.close()
            ours = _grids(c for c in cells if c.page == number)
            assert [len(t) for t in ours] == [len(t) for t in theirs]
            for mine, other in zip(ours, theirs, strict=True):
                assert [len(r) for r in mine] == [len(r) for r in other]
                assert _normal(mine) == _normal(other)
    by_page = {c.page: c.table["table_id"] for c in cells if c.table["row"] > 0}
    assert by_page[1] == by_page[2]  # the listing continues from page 1 to page 2
    body = next(c for c in cells if c.page == 2 and c.table["col"] == 3)
    assert alnum(body.table["col_header"]) == first_header[3]


def _normal(grid: list[list[str | None]]) -> list[list[str]]:
    return [[alnum(c or "") for c in row] for row in grid]


def _grids(cells) -> list[list[list[str | None]]]:
    """Our cells as one grid per table part (rows in order, empty cells as '')."""
    tables: dict[str, dict[int, dict[int, str]]] = {}
    for c in cells:
        tables.setdefault(c.table["table_id"], {}).setdefault(c.table["row"], {})[c.table["col"]] = c.text
    out = []
    for rows in tables.values():
        width = max(max(r) for r in rows.values()) + 1
        out.append([[rows[r].get(k, "") for k in range(width)] for r in sorted(rows)])
    return out


def is_scan_without_text(row: dict[str, str]) -> bool:
    """Most pages are full-page images and most have no text layer."""
    pages = int(row["pages"])
    images, textless = int(row["pages_fullpage_image"] or 0), int(row["pages_without_text"] or 0)
    return 2 * images >= pages and 2 * textless >= pages


def _expected(row: dict[str, str]) -> set[str]:
    """The statuses the manifest allows without OCR."""
    if is_scan_without_text(row):
        return {"needs_ocr"}
    if "garbage" in row["edge_cases"]:  # how many pages are garbage the manifest does not say
        return {"ok", "needs_ocr"}
    return {"ok"}


@pytest.mark.slow
def test_every_corpus_file_gets_its_status(corpus_dir: Path) -> None:
    for row in manifest(corpus_dir):
        sample = range(1, 13) if int(row["pages"]) > 40 else None
        result = read_pdf(corpus_dir / row["filename"], ocr=False, pages=sample)
        doc = result.document
        assert doc.status in _expected(row), (row["filename"], doc.status, doc.error)
        if doc.status == "ok":
            assert result.passages, row["filename"]
        if "garbage" in row["edge_cases"]:  # a scan whose OCR layer is partly garbage
            assert any(p.text_source == "none" for p in result.pages), row["filename"]
        if row["encrypted"] == "yes" or "recoverable" in row["edge_cases"]:
            assert doc.status == "ok" and doc.error is None and result.passages


def test_scan_without_usable_text_is_not_taken_as_text(corpus_dir: Path) -> None:
    row = next(r for r in manifest(corpus_dir) if is_scan_without_text(r))
    result = read_pdf(corpus_dir / row["filename"], ocr=False, pages=range(1, 6))
    assert result.document.status == "needs_ocr"
    assert all(p.text_source == "none" for p in result.pages)


@pytest.mark.slow
@pytest.mark.skipif(not tesseract_available(), reason="tesseract is not installed")
def test_image_only_page_is_ocred(corpus_dir: Path) -> None:
    row = next(r for r in manifest(corpus_dir) if is_scan_without_text(r))
    result = read_pdf(corpus_dir / row["filename"], pages=[2])
    page = result.pages[0]
    assert page.text_source == "ocr" and page.quality > 0.5
    assert len(" ".join(p.text for p in result.passages).split()) > 50
