"""Passages from the pages: furniture removed, paragraphs, sections, and table cells."""

from __future__ import annotations

from pipeline.ingest.continuation import join_across_breaks, join_clause_items
from pipeline.ingest.furniture import PageLines, drop_furniture, find_furniture
from pipeline.ingest.geometry import Block, Box, rounded
from pipeline.ingest.pages import PageWork
from pipeline.ingest.paragraphs import Paragraph, body_size, page_paragraphs
from pipeline.ingest.pdf_tables import TableGrid, cell_records, continues, join_parts
from pipeline.ingest.sections import Heading, SectionTracker
from pipeline.records import Passage


def remove_furniture(pages: list[PageWork]) -> None:
    """Drop running headers, footers and page numbers from every page's blocks."""
    views = [PageLines(p.number, p.height, [ln for b in p.blocks for ln in b.lines]) for p in pages]
    found = find_furniture(views)
    if len(found) >= sum(len(v.lines) for v in views):
        return  # everything repeats: a form or a stamp sheet, keep it rather than lose it all
    for p in pages:
        p.blocks = drop_furniture(p.blocks, p.number, found)


def link_tables(pages: list[PageWork], doc_id: str) -> None:
    """Give every table an id, joining a table with its continuation on the next page."""
    previous: TableGrid | None = None
    for p in pages:
        for k, grid in enumerate(p.tables):
            first_on_page = k == 0
            if previous is not None and first_on_page and continues(previous, grid):
                join_parts(previous, grid)
            else:
                grid.table_id = f"{doc_id[:12]}-t{p.number}-{k + 1}"
                grid.header = grid.texts[0] if grid.texts else []
            previous = grid
        if p.tables and not _table_ends_page(p):
            previous = None
        if not p.tables:
            previous = None


def _table_ends_page(p: PageWork) -> bool:
    """Whether nothing but furniture follows the page's last table."""
    last = p.tables[-1]
    below = [ln for b in p.blocks for ln in b.lines if ln.top >= last.bbox[3] - 1]
    return not below


def build_passages(pages: list[PageWork], doc_id: str) -> list[Passage]:
    """All passages of the document in reading order, with sections and table info.

    Paragraphs that continue across a page or column break become one passage (its
    ``parts`` give the page and box of each piece), and a regulation clause is kept whole
    with its items where it fits (``continuation.py``).
    """
    items: list[Paragraph | TableGrid] = []
    for p in pages:
        body = body_size(p.blocks)
        if p.scan:
            _plain_style(p, body)
        items.extend(in_reading_order(page_paragraphs(p.blocks, p.number, body), p.blocks, p.tables))
    items = join_clause_items(join_across_breaks(items))
    tracker = SectionTracker()
    passages: list[Passage] = []
    counters: dict[int, int] = {}
    for item in items:
        page = item.page
        for text, bbox, kind, table, heading in _records(item):
            if heading is not None:
                tracker.enter(heading)
            counters[page] = counters.get(page, 0) + 1
            passages.append(
                Passage(
                    id=f"{doc_id[:12]}-p{page}-{counters[page]}",
                    document_id=doc_id,
                    page=page,
                    text=text,
                    bbox=rounded(bbox),
                    section=tracker.path,
                    kind=kind,
                    table=table,
                    parts=_parts(item),
                )
            )
    return passages


def _parts(item: Paragraph | TableGrid) -> list[dict] | None:
    """Page, box and start offset (in the passage text) of each piece of a paragraph that
    crosses a page or column break; None otherwise."""
    if not isinstance(item, Paragraph) or not item.more:
        return None
    parts = item.parts()
    if len(parts) < 2:
        return None
    return [{"page": page, "bbox": list(rounded(box)), "start": start} for page, box, start in parts]


def _plain_style(page: PageWork, body: float) -> None:
    """Forget weights and sizes on scanned pages (OCR fonts and line boxes vary at random)."""
    for b in page.blocks:
        for ln in b.lines:
            ln.bold, ln.size = False, body


def in_reading_order(
    paragraphs: list[Paragraph], blocks: list[Block], tables: list[TableGrid]
) -> list[Paragraph | TableGrid]:
    """The page's paragraphs with each table in a column where its block stands in the
    reading order (``Block.table``); a table across a gutter has no block and is placed by
    ``_interleave``."""
    slots = [(k, b.table) for k, b in enumerate(blocks) if 0 <= b.table < len(tables)]
    placed = {i for _, i in slots}
    items: list[Paragraph | TableGrid] = []
    for p in paragraphs:
        while slots and slots[0][0] < p.block:
            items.append(tables[slots.pop(0)[1]])
        items.append(p)
    items += [tables[i] for _, i in slots]
    return _interleave(items, [g for i, g in enumerate(tables) if i not in placed])


def _interleave(placed: list[Paragraph | TableGrid], tables: list[TableGrid]) -> list[Paragraph | TableGrid]:
    """Tables (across a gutter) placed before the first paragraph below them (that overlaps
    them horizontally); a table with none below it in its column goes after the nearest
    paragraph above it there; tables with neither go last, column by column (left to
    right), top to bottom."""
    items = list(placed)
    loose: list[TableGrid] = []
    for grid in sorted(tables, key=lambda g: g.bbox[1]):
        at = next(
            (i for i, it in enumerate(items) if isinstance(it, Paragraph) and _below(it.bbox, grid.bbox)),
            None,
        )
        if at is None:  # after the nearest paragraph above it in its column
            above = [
                i for i, it in enumerate(items) if isinstance(it, Paragraph) and _above(it.bbox, grid.bbox)
            ]
            nearest = max(above, key=lambda i: items[i].bbox[3], default=None)
            if nearest is None:
                loose.append(grid)
                continue
            at = nearest + 1
            while at < len(items) and isinstance(items[at], TableGrid) and items[at].bbox[1] <= grid.bbox[1]:
                at += 1  # after the tables placed there before it (sorted from the top)
        items.insert(at, grid)
    return items + _by_column(loose)


def _by_column(grids: list[TableGrid]) -> list[TableGrid]:
    """Tables in column order: those that overlap horizontally share a column; columns from
    left to right, each top to bottom."""
    columns: list[list[TableGrid]] = []
    for grid in sorted(grids, key=lambda g: g.bbox[0]):
        home = next((c for c in columns if any(_overlap(g.bbox, grid.bbox) > 0 for g in c)), None)
        if home is None:
            columns.append([grid])
        else:
            home.append(grid)
    return [g for c in columns for g in sorted(c, key=lambda g: g.bbox[1])]


def _overlap(a: Box, b: Box) -> float:
    return min(a[2], b[2]) - max(a[0], b[0])


def _above(box: Box, table: Box) -> bool:
    """A paragraph above the table in the table's own column (at least half its width over
    the table: a line across the page is not in the column)."""
    return _overlap(box, table) >= 0.5 * (box[2] - box[0]) and box[3] <= table[1] + 1.0


def _below(box: Box, table: Box) -> bool:
    overlaps = min(box[2], table[2]) - max(box[0], table[0]) > 0
    return overlaps and box[1] >= table[3] - 1.0


def _records(item: Paragraph | TableGrid) -> list[tuple[str, Box, str, dict | None, Heading | None]]:
    if isinstance(item, TableGrid):
        return [(text, box, "table_cell", info, None) for _, _, box, text, info in cell_records(item)]
    text = item.text
    if not text:
        return []
    heading = item.heading
    if heading is not None and item.kind == "heading":
        heading = Heading(text, heading.level)
    return [(text, item.bbox, item.kind, None, heading)]
