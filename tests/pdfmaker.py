"""Build small test PDFs with reportlab, so tests never depend on real documents.

A page is a list of items; ``make_pdf`` draws them. Coordinates are PDF points measured
from the top-left corner of the page (as pdfplumber and ``Passage.bbox`` use them)::

    from pdfmaker import Text, make_pdf, paragraph, column_page, ruled_table  # tests/ is on sys.path

    pages = [
        [Text(72, 60, "ABSTRACT", size=12, font="Helvetica-Bold"),
         *paragraph(72, 80, 450, "Some words that wrap over several lines ...")],
        column_page([["left column paragraph ..."], ["right column paragraph ..."]]),
        ruled_table(72, 100, [["Country", "Law"], ["Indonesia", "UU 11/2019"]], [120, 200]),
    ]
    make_pdf(tmp_path / "doc.pdf", pages, header="Journal of Tests", footer="Page {page}")

Items: ``Text`` (one line), ``Rule`` (a straight line), ``Box`` (a rectangle: outlined,
filled, shaded in a colour, rounded), ``Picture``
(a raster image, optionally with text drawn into its pixels, for OCR tests).
Helpers: ``paragraph`` (word-wrapped lines), ``column_page`` (N columns of paragraphs),
``ruled_table`` (a grid with cell texts), ``table_pages`` (one table run over several pages,
header repeated or not), ``image_page`` (a page that is one scanned image).
Soft hyphens go straight into the strings (``"UNDANG\u00adUNDANG"``): the standard fonts
encode U+00AD as WinAnsi 0xAD, as PDFlib-made files do.
Bad files: ``write_empty``, ``write_not_pdf``, ``write_truncated``.
Encryption: ``make_pdf(..., user_password="u")`` needs a password to open;
``make_pdf(..., owner_password="o")`` alone restricts permissions but opens freely.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont
from reportlab.lib.pagesizes import A4
from reportlab.lib.pdfencrypt import StandardEncryption
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

PAGE = A4  # (595.27, 841.89) points


@dataclass
class Text:
    """One line of text; ``top`` is the top of the line box (baseline = top + 0.8 * size)."""

    x: float
    top: float
    text: str
    size: float = 10.0
    font: str = "Helvetica"


@dataclass
class Rule:
    """A straight stroked line from (x0, top) to (x1, bottom)."""

    x0: float
    top: float
    x1: float
    bottom: float
    width: float = 0.8


@dataclass
class Box:
    """A rectangle outline (or filled when ``fill`` is set).

    ``color`` (red, green, blue in 0..1) fills it with that colour (a shaded box; draw it
    before the text it holds); ``stroke=False`` leaves out the outline; ``radius`` rounds
    the corners.
    """

    x0: float
    top: float
    x1: float
    bottom: float
    fill: bool = False
    color: tuple[float, float, float] | None = None
    stroke: bool = True
    radius: float = 0.0


@dataclass
class Picture:
    """A grey-scale raster image; ``lines`` are drawn into its pixels (not a text layer)."""

    x0: float
    top: float
    x1: float
    bottom: float
    lines: tuple[str, ...] = ()
    font_size: int = 36
    dpi: int = 150


Item = Text | Rule | Box | Picture


def paragraph(
    x: float,
    top: float,
    width: float,
    text: str,
    size: float = 10.0,
    leading: float | None = None,
    font: str = "Helvetica",
) -> list[Text]:
    """``text`` wrapped to ``width``, one ``Text`` per line, starting at ``top``."""
    leading = leading or size * 1.25
    lines = wrap_words(text.split(), width, size, font)
    return [Text(x, top + i * leading, line, size, font) for i, line in enumerate(lines)]


def wrap_words(words: Sequence[str], width: float, size: float = 10.0, font: str = "Helvetica") -> list[str]:
    """Words filled greedily into lines no wider than ``width``."""
    lines: list[str] = []
    current = ""
    for word in words:
        candidate = f"{current} {word}".strip()
        if current and stringWidth(candidate, font, size) > width:
            lines.append(current)
            current = word
        else:
            current = candidate
    if current:
        lines.append(current)
    return lines


def bottom_of(items: Sequence[Item]) -> float:
    """Lowest point of the items (where the next block can start)."""
    ends = [it.top + it.size if isinstance(it, Text) else it.bottom for it in items]
    return max(ends, default=0.0)


def column_page(
    columns: Sequence[Sequence[str]],
    *,
    top: float = 72.0,
    margin: float = 56.0,
    gutter: float = 24.0,
    size: float = 10.0,
    gap: float | None = None,
    page_width: float = PAGE[0],
) -> list[Text]:
    """Paragraphs laid out in ``len(columns)`` columns, each column read top to bottom."""
    n = len(columns)
    width = (page_width - 2 * margin - (n - 1) * gutter) / n
    gap = size if gap is None else gap
    items: list[Text] = []
    for i, paragraphs in enumerate(columns):
        x, y = margin + i * (width + gutter), top
        for text in paragraphs:
            lines = paragraph(x, y, width, text, size)
            items.extend(lines)
            y = bottom_of(lines) + gap
    return items


def ruled_table(
    x: float,
    top: float,
    rows: Sequence[Sequence[str]],
    col_widths: Sequence[float],
    row_height: float = 18.0,
    size: float = 9.0,
    font: str = "Helvetica",
) -> list[Item]:
    """A table with a rule around every cell and each cell's text (one line) inside."""
    items: list[Item] = []
    right = x + sum(col_widths)
    for r in range(len(rows) + 1):
        items.append(Rule(x, top + r * row_height, right, top + r * row_height))
    bottom = top + len(rows) * row_height
    edge = x
    for w in [0.0, *col_widths]:
        edge += w
        items.append(Rule(edge, top, edge, bottom))
    for r, row in enumerate(rows):
        cx = x
        for text, w in zip(row, col_widths, strict=False):
            if text:
                items.append(Text(cx + 3, top + r * row_height + (row_height - size) / 2, text, size, font))
            cx += w
    return items


def table_pages(
    x: float,
    top: float,
    header: Sequence[str],
    rows: Sequence[Sequence[str]],
    col_widths: Sequence[float],
    rows_per_page: int,
    repeat_header: bool = True,
    row_height: float = 18.0,
) -> list[list[Item]]:
    """One ruled table continued over as many pages as it takes (``rows_per_page`` rows each)."""
    pages: list[list[Item]] = []
    for start in range(0, len(rows), rows_per_page):
        chunk = list(rows[start : start + rows_per_page])
        grid = [list(header), *chunk] if start == 0 or repeat_header else chunk
        pages.append(ruled_table(x, top, grid, col_widths, row_height))
    return pages


def image_page(
    lines: Sequence[str], font_size: int = 36, page_size: tuple[float, float] = PAGE
) -> list[Item]:
    """A page that is one full-page image of the given text lines (a scan without OCR)."""
    return [Picture(0, 0, page_size[0], page_size[1], tuple(lines), font_size)]


def make_pdf(
    path: Path,
    pages: Sequence[Sequence[Item]],
    *,
    page_size: tuple[float, float] = PAGE,
    header: str | None = None,
    footer: str | None = None,
    title: str | None = None,
    user_password: str | None = None,
    owner_password: str | None = None,
) -> Path:
    """Write the pages to ``path``; ``header``/``footer`` (``{page}`` -> number) on every page."""
    encrypt = None
    if user_password is not None or owner_password is not None:
        encrypt = StandardEncryption(
            user_password or "",
            ownerPassword=owner_password or user_password,
            canPrint=0,
            canModify=0,
            canCopy=0,
            canAnnotate=0,
        )
    canvas = Canvas(str(path), pagesize=page_size, encrypt=encrypt)
    if title:
        canvas.setTitle(title)
    height = page_size[1]
    for number, items in enumerate(pages, start=1):
        for item in items:
            _draw(canvas, item, height)
        if header:
            _draw(canvas, Text(56, 28, header.format(page=number), 8), height)
        if footer:
            _draw(canvas, Text(page_size[0] / 2 - 20, height - 36, footer.format(page=number), 8), height)
        canvas.showPage()
    canvas.save()
    return Path(path)


def _draw(canvas: Canvas, item: Item, height: float) -> None:
    if isinstance(item, Text):
        canvas.setFont(item.font, item.size)
        canvas.drawString(item.x, height - item.top - 0.8 * item.size, item.text)
    elif isinstance(item, Rule):
        canvas.setLineWidth(item.width)
        canvas.line(item.x0, height - item.top, item.x1, height - item.bottom)
    elif isinstance(item, Box):
        _draw_box(canvas, item, height)
    else:
        image = _raster(item)
        canvas.drawImage(
            ImageReader(image), item.x0, height - item.bottom, item.x1 - item.x0, item.bottom - item.top
        )


def _draw_box(canvas: Canvas, box: Box, height: float) -> None:
    shape = (box.x0, height - box.bottom, box.x1 - box.x0, box.bottom - box.top)
    paint = {"stroke": 1 if box.stroke else 0, "fill": 1 if box.fill or box.color else 0}
    if box.color is None and box.radius == 0:
        canvas.rect(*shape, **paint)
        return
    canvas.saveState()
    if box.color is not None:
        canvas.setFillColorRGB(*box.color)
    if box.radius:
        canvas.roundRect(*shape, box.radius, **paint)
    else:
        canvas.rect(*shape, **paint)
    canvas.restoreState()


def _raster(pic: Picture) -> Image.Image:
    scale = pic.dpi / 72.0
    size = (max(1, int((pic.x1 - pic.x0) * scale)), max(1, int((pic.bottom - pic.top) * scale)))
    image = Image.new("L", size, 255)
    draw = ImageDraw.Draw(image)
    font = ImageFont.load_default(size=pic.font_size)
    y = int(pic.font_size * 1.5)
    for line in pic.lines:
        draw.text((int(pic.font_size * 1.5), y), line, fill=0, font=font)
        y += int(pic.font_size * 1.6)
    return image


def write_empty(path: Path) -> Path:
    """A zero-byte file."""
    Path(path).write_bytes(b"")
    return Path(path)


def write_not_pdf(path: Path, content: bytes = b"<html><body>not a pdf</body></html>\n") -> Path:
    """A file with a .pdf name that is something else."""
    Path(path).write_bytes(content)
    return Path(path)


def write_truncated(source: Path, path: Path, keep: float = 0.5) -> Path:
    """The first ``keep`` share of another PDF's bytes (a broken download)."""
    data = Path(source).read_bytes()
    Path(path).write_bytes(data[: max(16, int(len(data) * keep))])
    return Path(path)
