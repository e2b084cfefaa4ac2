"""Plain geometry records shared by the ingest modules (no PDF library here).

Coordinates are PDF points in the page as displayed (rotation applied), measured from the
top-left corner of the crop box: ``(x0, top, x1, bottom)``, the convention pdfplumber uses.
"""

from __future__ import annotations

from dataclasses import dataclass, field

Box = tuple[float, float, float, float]


MARK_START = "\x00"  # a stand-in segment (a sidebar's or table's place in the flow) starts so


@dataclass(slots=True)
class Word:
    """A run of characters without a space in it."""

    x0: float
    top: float
    x1: float
    bottom: float
    text: str
    char: int = -1  # index of the first character in the pdfium text page (-1: OCR)
    glued: bool = False  # follows the previous word with no real space (a split ligature)

    @property
    def height(self) -> float:
        """Height of the (loose) character boxes: a proxy for the font size."""
        return self.bottom - self.top


@dataclass(slots=True)
class Segment:
    """Words that follow each other on one line with no gutter between them."""

    x0: float
    top: float
    x1: float
    bottom: float
    text: str
    size: float
    bold: bool = False
    char: int = -1

    @property
    def width(self) -> float:
        """Horizontal extent."""
        return self.x1 - self.x0

    @property
    def height(self) -> float:
        """Vertical extent."""
        return self.bottom - self.top

    @property
    def middle(self) -> float:
        """Vertical centre, used to tell whether two segments share a line."""
        return (self.top + self.bottom) / 2


@dataclass(slots=True)
class Line:
    """One line of text inside one column."""

    x0: float
    top: float
    x1: float
    bottom: float
    text: str
    size: float
    bold: bool = False


@dataclass
class Block:
    """Lines read one after the other: a column of a band, or a spanning line.

    ``boxed``: the lines lie inside a framed or shaded box (a sidebar, a call-out), read
    apart from the page's columns; no paragraph continues into or out of such a block.
    ``table``: the block stands for the page's ruled table of that index (it has no lines).
    """

    lines: list[Line] = field(default_factory=list)
    column: int = 0
    x0: float = 0.0
    x1: float = 0.0
    boxed: bool = False
    table: int = -1  # a ruled table's place in the reading order: its index on the page, no lines


@dataclass
class PageLayer:
    """What one page holds: words, image boxes, straight ruling lines and drawn boxes.

    ``boxes``: visible rectangles (stroked, or filled with a colour other than white) big
    enough to hold text, smaller than the page: candidate sidebars and call-outs.
    """

    number: int
    width: float
    height: float
    words: list[Word] = field(default_factory=list)
    images: list[Box] = field(default_factory=list)
    h_edges: list[Box] = field(default_factory=list)
    v_edges: list[Box] = field(default_factory=list)
    boxes: list[Box] = field(default_factory=list)
    bold_chars: set[int] = field(default_factory=set)

    @property
    def image_coverage(self) -> float:
        """Share of the page area covered by its largest image (0..1)."""
        area = self.width * self.height
        if area <= 0 or not self.images:
            return 0.0
        largest = max(_clipped_area(b, self.width, self.height) for b in self.images)
        return min(1.0, largest / area)

    @property
    def char_count(self) -> int:
        """Number of non-space characters in the text layer."""
        return sum(len(w.text) for w in self.words)


def _clipped_area(box: Box, width: float, height: float) -> float:
    x0, top, x1, bottom = max(box[0], 0.0), max(box[1], 0.0), min(box[2], width), min(box[3], height)
    return max(0.0, x1 - x0) * max(0.0, bottom - top)


def union(boxes: list[Box]) -> Box:
    """The smallest box holding all the boxes."""
    return (
        min(b[0] for b in boxes),
        min(b[1] for b in boxes),
        max(b[2] for b in boxes),
        max(b[3] for b in boxes),
    )


def center_inside(box: Box, area: Box, margin: float = 0.0) -> bool:
    """Whether the centre of ``box`` lies inside ``area`` grown by ``margin``."""
    cx, cy = (box[0] + box[2]) / 2, (box[1] + box[3]) / 2
    return area[0] - margin <= cx <= area[2] + margin and area[1] - margin <= cy <= area[3] + margin


def rounded(box: Box) -> Box:
    """A box rounded to 0.01 pt, for stable records."""
    return (round(box[0], 2), round(box[1], 2), round(box[2], 2), round(box[3], 2))
