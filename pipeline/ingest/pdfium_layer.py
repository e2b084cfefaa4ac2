"""Read one page through pypdfium2: words with boxes, image boxes and ruling lines.

Coordinates are turned into the displayed page's (rotation applied, y down from the top
of the crop box), the convention of pdfplumber and of ``Passage.bbox``.
"""

from __future__ import annotations

import pypdfium2 as pdfium

from pipeline.ingest.geometry import PageLayer
from pipeline.ingest.pdfium_objects import collect_objects
from pipeline.ingest.pdfium_words import Transform, bold_line_starts, mark_glued, page_words, word_array


def read_layer(page: pdfium.PdfPage, number: int) -> PageLayer:
    """Words, images and ruling lines of one page, in display coordinates."""
    width, height = page.get_size()
    to_display = display_transform(page)
    layer = PageLayer(number=number, width=width, height=height)
    textpage = page.get_textpage()
    try:
        words = page_words(textpage, to_display, page.get_rotation())
        boxes = word_array(words)
        middle_x, middle_y = (boxes[:, 0] + boxes[:, 2]) / 2, (boxes[:, 1] + boxes[:, 3]) / 2
        on_page = (middle_x >= 0) & (middle_x <= width) & (middle_y >= 0) & (middle_y <= height)
        if not on_page.all():  # drop the printer's slug outside the crop box
            words = [w for w, keep in zip(words, on_page.tolist(), strict=True) if keep]
            boxes = boxes[on_page]
        mark_glued(textpage, words, boxes, to_display)
        layer.words = words
        layer.bold_chars = bold_line_starts(textpage, words, boxes)
    finally:
        textpage.close()
    collect_objects(page, to_display, layer)
    return layer


def display_transform(page: pdfium.PdfPage) -> Transform:
    """A function mapping PDF user space (y up) to the displayed page (y down, rotated)."""
    left, bottom, right, top = page.get_cropbox()
    w0, h0 = right - left, top - bottom
    rotation = page.get_rotation() % 360

    def to_display(x: float, y: float) -> tuple[float, float]:
        dx, dy = x - left, y - bottom
        if rotation == 90:
            return dy, dx
        if rotation == 180:
            return w0 - dx, dy
        if rotation == 270:
            return h0 - dy, w0 - dx
        return dx, h0 - dy

    return to_display
