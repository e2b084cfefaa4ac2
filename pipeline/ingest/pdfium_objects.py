"""Images, straight ruling lines and drawn boxes of a page, from pdfium's page objects.

Objects are walked once (into form XObjects, composing their matrices); text objects are
skipped with bare ctypes calls. A thin path becomes one edge, a plain rectangle its four
sides, other short paths their straight pieces; curves and small drawings are skipped.
A visible rectangle (stroked, or filled with a colour other than white; plain or with
rounded corners) big enough to hold text and smaller than the page is also kept whole in
``layer.boxes``: a candidate sidebar or call-out (``pipeline.ingest.boxes`` decides).
"""

from __future__ import annotations

import ctypes
import math
from collections.abc import Callable

import pypdfium2 as pdfium
import pypdfium2.raw as raw

from pipeline.ingest.geometry import Box, PageLayer
from pipeline.ingest.pdfium_words import Transform, function_address

Matrix = tuple[float, float, float, float, float, float]
IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
MAX_PATH_SEGMENTS = 400
MAX_EDGES = 20000
MAX_FORM_DEPTH = 4
MIN_BOX_WIDTH = 36.0  # a box is wider than a few words ...
MIN_BOX_HEIGHT = 18.0  # ... and taller than a line of text
MAX_BOX_SEGMENTS = 24  # a plain or rounded rectangle, not a drawing
MAX_BOX_AREA = 0.9  # share of the page: larger rectangles are page backgrounds and frames
WHITE = 250  # a colour whose red, green and blue are all at least this is the paper's
BORDER_TOLERANCE = 4.0  # how far a box's side may lie inside its bounds (half a thick stroke)


_GET_OBJECT = ctypes.CFUNCTYPE(ctypes.c_void_p, ctypes.c_void_p, ctypes.c_int)(
    function_address(raw.FPDFPage_GetObject)
)
_OBJECT_TYPE = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_void_p)(function_address(raw.FPDFPageObj_GetType))


def collect_objects(page: pdfium.PdfPage, to_display: Transform, layer: PageLayer) -> None:
    """Images and ruling lines; text objects (most of a page) are skipped with bare calls."""
    count = raw.FPDFPage_CountObjects(page)
    handle = ctypes.cast(page.raw, ctypes.c_void_p).value
    wanted = []
    for i in range(count):
        address = _GET_OBJECT(handle, i)
        if address and _OBJECT_TYPE(address) != raw.FPDF_PAGEOBJ_TEXT:
            wanted.append(ctypes.cast(address, raw.FPDF_PAGEOBJECT))
    _walk(wanted, IDENTITY, to_display, layer, 0)


def _walk(objects: list, parent: Matrix, to_display: Transform, layer: PageLayer, depth: int) -> None:
    for obj in objects:
        kind = raw.FPDFPageObj_GetType(obj)
        if kind == raw.FPDF_PAGEOBJ_IMAGE:
            box = _bounds(obj, parent, to_display)
            if box:
                layer.images.append(box)
        elif kind == raw.FPDF_PAGEOBJ_PATH and len(layer.h_edges) + len(layer.v_edges) < MAX_EDGES:
            _path_edges(obj, parent, to_display, layer)
        elif kind == raw.FPDF_PAGEOBJ_FORM and depth < MAX_FORM_DEPTH:
            matrix = _compose(_matrix(obj), parent)
            n = raw.FPDFFormObj_CountObjects(obj)
            children = [raw.FPDFFormObj_GetObject(obj, i) for i in range(max(n, 0))]
            _walk(children, matrix, to_display, layer, depth + 1)


def _matrix(obj: object) -> Matrix:
    m = raw.FS_MATRIX()
    if not raw.FPDFPageObj_GetMatrix(obj, m):
        return IDENTITY
    return (m.a, m.b, m.c, m.d, m.e, m.f)


def _compose(first: Matrix, then: Matrix) -> Matrix:
    a, b, c, d, e, f = first
    a2, b2, c2, d2, e2, f2 = then
    return (
        a * a2 + b * c2,
        a * b2 + b * d2,
        c * a2 + d * c2,
        c * b2 + d * d2,
        e * a2 + f * c2 + e2,
        e * b2 + f * d2 + f2,
    )


def _point(m: Matrix, x: float, y: float) -> tuple[float, float]:
    return m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]


def _bounds(obj: object, parent: Matrix, to_display: Transform) -> Box | None:
    vals = [ctypes.c_float() for _ in range(4)]
    if not raw.FPDFPageObj_GetBounds(obj, *(ctypes.byref(v) for v in vals)):
        return None
    left, bottom, right, top = (v.value for v in vals)
    corners = [_point(parent, x, y) for x, y in ((left, bottom), (right, top), (left, top), (right, bottom))]
    pts = [to_display(x, y) for x, y in corners]
    xs, ys = [p[0] for p in pts], [p[1] for p in pts]
    return (min(xs), min(ys), max(xs), max(ys))


def _path_edges(obj: object, parent: Matrix, to_display: Transform, layer: PageLayer) -> None:
    box = _bounds(obj, parent, to_display)
    if box is None:
        return
    width, height = box[2] - box[0], box[3] - box[1]
    if width < 2.0 or height < 2.0:  # a thin line or thin filled rectangle
        if width >= height and width >= 1.0:
            y = (box[1] + box[3]) / 2
            layer.h_edges.append((box[0], y, box[2], y))
        elif height > width and height >= 1.0:
            x = (box[0] + box[2]) / 2
            layer.v_edges.append((x, box[1], x, box[3]))
        return
    n = raw.FPDFPath_CountSegments(obj)
    if n <= 0 or n > MAX_PATH_SEGMENTS:
        return
    matrix = None
    if width >= MIN_BOX_WIDTH and height >= MIN_BOX_HEIGHT and n <= MAX_BOX_SEGMENTS:
        matrix = _compose(_matrix(obj), parent)
        _collect_box(obj, box, n, matrix, to_display, layer)
    if n > 12 and (width < 100 or height < 30 or _page_wide(width, height, layer) or _has_curves(obj, n)):
        return  # printer's marks, drawings and glyph outlines, not rulings
    matrix = matrix or _compose(_matrix(obj), parent)
    if n <= 5 and abs(matrix[1]) < 1e-6 and abs(matrix[2]) < 1e-6:  # a plain rectangle: its 4 sides
        x0, top, x1, bottom = box
        layer.h_edges += [(x0, top, x1, top), (x0, bottom, x1, bottom)]
        layer.v_edges += [(x0, top, x0, bottom), (x1, top, x1, bottom)]
        return
    for a, b in _straight_pieces(obj, n):
        ax, ay = to_display(*_point(matrix, *a))
        bx, by = to_display(*_point(matrix, *b))
        _add_edge(layer, ax, ay, bx, by)


def _collect_box(
    obj: object, box: Box, n: int, matrix: Matrix, to_display: Transform, layer: PageLayer
) -> None:
    """Keep a visible rectangle smaller than the page in ``layer.boxes``."""
    overlap_w = min(box[2], layer.width) - max(box[0], 0.0)
    overlap_h = min(box[3], layer.height) - max(box[1], 0.0)
    if overlap_w <= 0 or overlap_h <= 0 or overlap_w * overlap_h >= MAX_BOX_AREA * layer.width * layer.height:
        return
    if _painted(obj) and _rectangular(obj, n, box, matrix, to_display):
        layer.boxes.append(box)


def _painted(obj: object) -> bool:
    """Whether the path shows on white paper: stroked, or filled, in a colour not white."""
    fill, stroke = ctypes.c_int(), ctypes.c_int()
    if not raw.FPDFPath_GetDrawMode(obj, ctypes.byref(fill), ctypes.byref(stroke)):
        return False
    if fill.value != raw.FPDF_FILLMODE_NONE and _coloured(raw.FPDFPageObj_GetFillColor, obj):
        return True
    return bool(stroke.value) and _coloured(raw.FPDFPageObj_GetStrokeColor, obj)


def _coloured(getter: Callable[..., int], obj: object) -> bool:
    """Whether pdfium's fill or stroke colour getter gives a visible colour, not the paper's."""
    rgba = [ctypes.c_uint() for _ in range(4)]
    if not getter(obj, *(ctypes.byref(v) for v in rgba)):
        return False
    r, g, b, alpha = (v.value for v in rgba)
    return alpha > 0 and min(r, g, b) < WHITE


def _rectangular(obj: object, n: int, box: Box, matrix: Matrix, to_display: Transform) -> bool:
    """Whether the path's straight pieces run along its bounds: a plain or rounded rectangle
    (a grid drawn as one path, a chart or a diagonal stroke is not)."""
    x0, top, x1, bottom = box
    t = BORDER_TOLERANCE
    along = across = 0.0
    for a, b in _straight_pieces(obj, n):
        ax, ay = to_display(*_point(matrix, *a))
        bx, by = to_display(*_point(matrix, *b))
        side = (abs(ay - by) <= 1.0 and min(abs(ay - top), abs(ay - bottom)) <= t) or (
            abs(ax - bx) <= 1.0 and min(abs(ax - x0), abs(ax - x1)) <= t
        )
        length = math.hypot(bx - ax, by - ay)
        along, across = (along + length, across) if side else (along, across + length)
    perimeter = 2 * ((x1 - x0) + (bottom - top))
    return along >= 0.5 * perimeter and across <= 0.25 * perimeter


def _page_wide(width: float, height: float, layer: PageLayer) -> bool:
    return width >= 0.95 * layer.width and height >= 0.95 * layer.height


def _has_curves(obj: object, n: int) -> bool:
    """Whether a long path starts with curves (drawings and glyph outlines, not rulings)."""
    for i in range(1, min(n, 6)):
        if raw.FPDFPathSegment_GetType(raw.FPDFPath_GetPathSegment(obj, i)) == raw.FPDF_SEGMENT_BEZIERTO:
            return True
    return False


def _straight_pieces(obj: object, n: int) -> list[tuple[tuple[float, float], tuple[float, float]]]:
    """Straight line pieces of a path in object space (curves are skipped)."""
    x, y = ctypes.c_float(), ctypes.c_float()
    pieces = []
    start = current = None
    for i in range(n):
        seg = raw.FPDFPath_GetPathSegment(obj, i)
        raw.FPDFPathSegment_GetPoint(seg, ctypes.byref(x), ctypes.byref(y))
        point = (x.value, y.value)
        kind = raw.FPDFPathSegment_GetType(seg)
        if kind == raw.FPDF_SEGMENT_LINETO and current is not None:
            pieces.append((current, point))
        if kind == raw.FPDF_SEGMENT_MOVETO:
            start = point
        current = point
        if raw.FPDFPathSegment_GetClose(seg) and start is not None and current != start:
            pieces.append((current, start))
            current = start
    return pieces


def _add_edge(layer: PageLayer, ax: float, ay: float, bx: float, by: float) -> None:
    if abs(ay - by) <= 1.0 and abs(bx - ax) >= 1.0:
        y = (ay + by) / 2
        layer.h_edges.append((min(ax, bx), y, max(ax, bx), y))
    elif abs(ax - bx) <= 1.0 and abs(by - ay) >= 1.0:
        x = (ax + bx) / 2
        layer.v_edges.append((x, min(ay, by), x, max(ay, by)))
