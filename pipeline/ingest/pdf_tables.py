"""Ruled tables: pdfplumber's lattice algorithm run on the ruling lines pdfium found.

pdfplumber's own page parse (pdfminer) is the slow part of its table finder, so the edges
come from pypdfium2's path objects and the cell text from the page's words; the grid
(snap and join edges, intersections, tables, rows) is pdfplumber's, with its default
tolerances. The cells are found from the rule crossings by :func:`crossing_cells`, the same
smallest-cell rule as pdfplumber's ``intersections_to_cells`` with each crossing's rules
looked up once (pdfplumber rebuilds them for every pair it tests, which made it the
reader's costliest step on ruled pages). Tables continued on the next page are joined by
column count and positions.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from pdfplumber.table import (
    Table,
    cells_to_tables,
    edges_to_intersections,
    merge_edges,
)
from pdfplumber.utils import filter_edges

from pipeline.ingest.geometry import Box, PageLayer, Word
from pipeline.ingest.text import clean_line, join_lines

TOLERANCE = 3.0  # pdfplumber's default snap, join and intersection tolerance
MIN_EDGE = 3.0
MIN_CROSSINGS = 9  # a grid of 2 x 2 cells has 3 x 3 rule crossings
COLUMN_TOLERANCE = 3.0
FRAME_MIN_ROWS = 3  # rows with text, for a grid to be taken as a frame around running text
FRAME_SINGLE_SHARE = 0.9  # share of those rows with text in one cell only
FRAME_MIN_CHARS = 20  # mean length of those texts (lines of prose, not labels)
SPAN_SHARE = 0.9  # a row whose only filled cell is this wide (share of the grid) is text


@dataclass
class TableGrid:
    """One ruled table on one page: cell boxes and texts by row and column."""

    page: int
    bbox: Box
    cells: list[list[Box | None]]
    texts: list[list[str | None]] = field(default_factory=list)
    table_id: str = ""
    first_row: int = 0  # row number of this part's first row in the joined table
    header: list[str | None] = field(default_factory=list)
    repeats_header: bool = False
    row_words: dict[int, list[Word]] = field(default_factory=dict, repr=False, compare=False)

    @property
    def columns(self) -> list[float]:
        """Left edge of each column (from the first row that has the cell)."""
        n = len(self.cells[0]) if self.cells else 0
        return [next((cell[0] for r in self.cells if (cell := r[i]) is not None), 0.0) for i in range(n)]


def _edge(x0: float, top: float, x1: float, bottom: float, orientation: str) -> dict:
    return {
        "x0": x0,
        "x1": x1,
        "top": top,
        "bottom": bottom,
        "doctop": top,
        "width": x1 - x0,
        "height": bottom - top,
        "orientation": orientation,
        "object_type": "line",
    }


def has_ruling(layer: PageLayer) -> bool:
    """Cheap check: enough horizontal and vertical rules crossing to make a 2 x 2 grid."""
    h = _on_page(np.array(layer.h_edges).reshape(-1, 4), layer)
    v = _on_page(np.array(layer.v_edges).reshape(-1, 4), layer)
    h, v = h[h[:, 2] - h[:, 0] >= MIN_EDGE], v[v[:, 3] - v[:, 1] >= MIN_EDGE]
    if len(h) < 3 or len(v) < 3:
        return False
    if len(h) * len(v) > 250_000:
        return True
    t = TOLERANCE
    cross = (
        (v[None, :, 0] >= h[:, None, 0] - t)
        & (v[None, :, 0] <= h[:, None, 2] + t)
        & (h[:, None, 1] >= v[None, :, 1] - t)
        & (h[:, None, 1] <= v[None, :, 3] + t)
    )
    return int(cross.sum()) >= MIN_CROSSINGS


def _on_page(edges: np.ndarray, layer: PageLayer) -> np.ndarray:
    """Edges whose middle lies on the page (crop marks and slug rules lie outside)."""
    mx, my = (edges[:, 0] + edges[:, 2]) / 2, (edges[:, 1] + edges[:, 3]) / 2
    return edges[(mx >= 0) & (mx <= layer.width) & (my >= 0) & (my <= layer.height)]


def find_tables(layer: PageLayer) -> list[TableGrid]:
    """Ruled tables of a page with at least two rows and two columns."""
    if not has_ruling(layer):
        return []
    edges = [_edge(*e, "h") for e in layer.h_edges] + [_edge(*e, "v") for e in layer.v_edges]
    edges = filter_edges(edges, min_length=1)
    edges = merge_edges(edges, TOLERANCE, TOLERANCE, TOLERANCE, TOLERANCE)
    edges = filter_edges(edges, min_length=MIN_EDGE)
    cells = crossing_cells(edges_to_intersections(edges, TOLERANCE, TOLERANCE))
    grids = []
    for group in cells_to_tables(cells):
        # rows need only the cells, not the page (pdfplumber types the page as required)
        table = Table(None, group)  # type: ignore[arg-type]
        rows = [list(r.cells) for r in table.rows]
        if len(rows) >= 2 and len(rows[0]) >= 2:
            grids.append(TableGrid(layer.number, table.bbox, rows))
    return grids


Point = tuple[float, float]
Crossings = dict[Point, dict[str, list[dict]]]


def crossing_cells(crossings: Crossings) -> list[Box]:
    """The smallest cell whose top-left corner is each rule crossing, in crossing order.

    A crossing ``p`` opens the cell ``(p, q)`` when a vertical rule joins ``p`` to a crossing
    below it, a horizontal rule joins ``p`` to a crossing on its right, and the corner
    ``q`` diagonal to ``p`` is joined to both by rules; below-crossings are tried nearest
    first, then right-crossings nearest first (pdfplumber's rule, so the same cells).
    """
    rules = {
        p: ({_rule_key(e) for e in d["v"]}, {_rule_key(e) for e in d["h"]}) for p, d in crossings.items()
    }
    column: dict[float, list[Point]] = {}
    row: dict[float, list[Point]] = {}
    for p in sorted(crossings):
        column.setdefault(p[0], []).append(p)
        row.setdefault(p[1], []).append(p)
    cells: list[Box] = []
    for p in sorted(crossings):
        cell = _smallest_cell(p, column[p[0]], row[p[1]], rules)
        if cell is not None:
            cells.append(cell)
    return cells


def _rule_key(edge: dict) -> tuple[float, float, float, float]:
    return (edge["x0"], edge["top"], edge["x1"], edge["bottom"])


def _smallest_cell(
    p: Point, column: list[Point], row: list[Point], rules: dict[Point, tuple[set, set]]
) -> Box | None:
    """The cell opened at ``p`` (see :func:`crossing_cells`), or None."""
    v, h = rules[p]
    right = [r for r in row[row.index(p) + 1 :] if not h.isdisjoint(rules[r][1])]
    if not right:
        return None
    for below in column[column.index(p) + 1 :]:
        if v.isdisjoint(rules[below][0]):
            continue
        for r in right:
            corner = (r[0], below[1])
            found = rules.get(corner)
            if found and not found[0].isdisjoint(rules[r][0]) and not found[1].isdisjoint(rules[below][1]):
                return (p[0], p[1], corner[0], corner[1])
    return None


def is_text_frame(grid: TableGrid) -> bool:
    """Whether a filled grid only frames running text rather than tabulating anything.

    Reports made in a spreadsheet draw the sheet's cell grid around every line of a
    paragraph: almost every row with text has it in a single cell, and those texts are
    lines of prose. Read as a table, each line would become a passage of its own.
    """
    rows = [[t for t in row if t] for row in grid.texts]
    rows = [r for r in rows if r]
    single = [r[0] for r in rows if len(r) == 1]
    if len(rows) < FRAME_MIN_ROWS or len(single) < FRAME_SINGLE_SHARE * len(rows):
        return False
    return sum(len(t) for t in single) / len(single) >= FRAME_MIN_CHARS


def fill_texts(grid: TableGrid, words: list[Word]) -> list[Word]:
    """Put the words into the grid's cells; return the words outside the table."""
    x0, top, x1, bottom = grid.bbox
    per_cell: dict[tuple[int, int], list[Word]] = {}
    outside: list[Word] = []
    rows = [(min(c[1] for c in row if c), max(c[3] for c in row if c), i) for i, row in enumerate(grid.cells)]
    for w in words:
        cx, cy = (w.x0 + w.x1) / 2, (w.top + w.bottom) / 2
        if not (x0 <= cx <= x1 and top <= cy <= bottom):
            outside.append(w)
            continue
        slot = _find_cell(grid, rows, cx, cy)
        if slot is not None:
            per_cell.setdefault(slot, []).append(w)
            grid.row_words.setdefault(slot[0], []).append(w)
    grid.texts = [
        [_cell_text(per_cell.get((r, c), [])) if cell else None for c, cell in enumerate(row)]
        for r, row in enumerate(grid.cells)
    ]
    return outside


def prose_rows(grid: TableGrid) -> set[int]:
    """Rows of running text inside a filled grid: runs of two or more rows (empty rows in
    between do not break a run) whose only filled cell spans the grid's width, as when a
    spreadsheet-made report writes its paragraphs into merged rows above or below a table.
    """
    width = max(grid.bbox[2] - grid.bbox[0], 1.0)
    runs: list[int] = []
    current: list[int] = []
    for r, (boxes, texts) in enumerate(zip(grid.cells, grid.texts, strict=True)):
        filled = [b for b, t in zip(boxes, texts, strict=True) if t and b]
        if not filled:
            continue
        if len(filled) == 1 and filled[0][2] - filled[0][0] >= SPAN_SHARE * width:
            current.append(r)
            continue
        runs += current if len(current) >= 2 else []
        current = []
    runs += current if len(current) >= 2 else []
    return set(runs)


def split_prose(grid: TableGrid) -> tuple[list[TableGrid], list[Word]]:
    """(the grid's table parts, the words to read as running text instead).

    Rows of :func:`prose_rows` go back to the page's text; the table rows between them
    become grids of their own; a part with fewer than two filled rows is text too.
    """
    prose = prose_rows(grid)
    if not prose:
        return [grid], []
    released = [w for r in sorted(prose) for w in grid.row_words.get(r, [])]
    parts: list[TableGrid] = []
    segment: list[int] = []
    for r in [*range(len(grid.cells)), None]:
        if r is not None and r not in prose:
            segment.append(r)
            continue
        filled = [i for i in segment if any(grid.texts[i])]
        if len(filled) >= 2:
            parts.append(_sub_grid(grid, segment[segment.index(filled[0]) : segment.index(filled[-1]) + 1]))
        else:
            released += [w for i in filled for w in grid.row_words.get(i, [])]
        segment = []
    return parts, released


def _sub_grid(grid: TableGrid, rows: list[int]) -> TableGrid:
    cells = [grid.cells[r] for r in rows]
    boxes = [b for row in cells for b in row if b]
    bbox = (
        min(b[0] for b in boxes),
        min(b[1] for b in boxes),
        max(b[2] for b in boxes),
        max(b[3] for b in boxes),
    )
    return TableGrid(
        grid.page,
        bbox,
        cells,
        [grid.texts[r] for r in rows],
        row_words={i: grid.row_words.get(r, []) for i, r in enumerate(rows)},
    )


def _find_cell(
    grid: TableGrid, rows: list[tuple[float, float, int]], cx: float, cy: float
) -> tuple[int, int] | None:
    for row_top, row_bottom, r in rows:
        if row_top <= cy <= row_bottom:
            for c, cell in enumerate(grid.cells[r]):
                if cell and cell[0] <= cx <= cell[2] and cell[1] <= cy <= cell[3]:
                    return r, c
    return None


def _cell_text(mine: list[Word]) -> str:
    lines: list[list[Word]] = []
    for w in sorted(mine, key=lambda w: (w.top, w.x0)):
        if lines and abs(lines[-1][0].top - w.top) < 0.5 * w.height:
            lines[-1].append(w)
        else:
            lines.append([w])
    texts = [clean_line(_join_words(sorted(ln, key=lambda w: w.x0))) for ln in lines]
    return join_lines(texts)


def _join_words(words: list[Word]) -> str:
    return "".join((w.text if w.glued or i == 0 else " " + w.text) for i, w in enumerate(words))


def continues(prev: TableGrid, cur: TableGrid) -> bool:
    """Whether ``cur`` (first table of its page) continues ``prev`` (last of the page before)."""
    if cur.page != prev.page + 1:
        return False
    a, b = prev.columns, cur.columns
    return len(a) == len(b) and all(abs(x - y) <= COLUMN_TOLERANCE for x, y in zip(a, b, strict=True))


def join_parts(prev: TableGrid, cur: TableGrid) -> None:
    """Give ``cur`` the id, header and row numbering of the table ``prev`` belongs to."""
    cur.table_id = prev.table_id
    cur.header = prev.header
    cur.first_row = prev.first_row + len(prev.cells)
    cur.repeats_header = bool(cur.texts) and _norm(cur.texts[0]) == _norm(prev.header)
    if cur.repeats_header:
        cur.first_row -= 1  # row 0 of this part is the repeated header, not a new row


def _norm(row: list[str | None]) -> list[str]:
    return [" ".join((t or "").lower().split()) for t in row]


def cell_records(grid: TableGrid) -> list[tuple[int, int, Box, str, dict]]:
    """``(row, col, bbox, text, table info)`` of each non-empty cell, in row order."""
    header = grid.header or (grid.texts[0] if grid.texts else [])
    out = []
    for r, (row_boxes, row_texts) in enumerate(zip(grid.cells, grid.texts, strict=True)):
        if r == 0 and grid.repeats_header:
            continue
        number = grid.first_row + r
        for c, (box, text) in enumerate(zip(row_boxes, row_texts, strict=True)):
            if box is None or not text:
                continue
            info = {
                "table_id": grid.table_id,
                "row": number,
                "col": c,
                "row_header": (row_texts[0] or None) if c > 0 and number > 0 else None,
                "col_header": (header[c] or None) if number > 0 and c < len(header) else None,
            }
            out.append((number, c, box, text, info))
    return out
