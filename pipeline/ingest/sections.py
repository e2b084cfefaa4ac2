"""Section headings of papers and regulations (English and Indonesian), and their levels.

Levels: 1 chapter-like (BAB, CHAPTER, PART, LAMPIRAN, PENJELASAN, paper sections such as
ABSTRACT or PENDAHULUAN, "1." numbered headings); 2 "Bagian", "1.1"; 3 "Paragraf", "1.1.1";
4 article-like (Pasal, Article, Section N). A passage's section is the path of the headings
above it, joined by " > " (e.g. "BAB II ASAS > Pasal 3").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

SECTION_SEPARATOR = " > "
_ROMAN = r"[IVXLC]{1,7}"
_PAPER_WORDS = (
    r"abstract|abstrak|intisari|introduction|pendahuluan|background|latar belakang|"
    r"literature review|tinjauan pustaka|kajian pustaka|landasan teori|theoretical framework|"
    r"methods?|methodology|metode(?: penelitian)?|metodologi(?: penelitian)?|materials and methods|"
    r"research methods?|results?(?: and discussions?)?|hasil(?: dan pembahasan)?(?: penelitian)?|"
    r"discussions?|pembahasan|analysis|analisis|conclusions?(?: and recommendations?)?|"
    r"kesimpulan(?: dan saran)?|simpulan(?: dan saran)?|penutup|saran|recommendations?|"
    r"references|bibliography|daftar pustaka|daftar rujukan|acknowledge?ments?|"
    r"ucapan terima kasih|keywords|kata kunci|summary|ringkasan|executive summary|"
    r"ringkasan eksekutif|kata pengantar|foreword|preface|daftar isi|table of contents|appendix|"
    r"lampiran"
)
_NUMBER = r"(?:\d{1,2}(?:\.\d{1,2}){0,3}\.?|" + _ROMAN + r"\.|[A-H]\.)"

# (pattern, level): whole-line headings, matched against the stripped line text
LINE_HEADINGS: tuple[tuple[re.Pattern[str], int], ...] = (
    (re.compile(r"^BAB\s+(?:" + _ROMAN + r"|\d{1,3})\b.{0,100}$"), 1),
    (re.compile(r"^(?:CHAPTER|Chapter|PART|Part)\s+(?:" + _ROMAN + r"|\d{1,3}|[A-Z][a-z]+)\b.{0,100}$"), 1),
    (re.compile(r"^(?:PENJELASAN|LAMPIRAN)\b.{0,160}$"), 1),
    (re.compile(r"^(?:Bagian|BAGIAN)\s+(?:Ke\w+|KE\w+|\d{1,2})\b.{0,80}$"), 2),
    (re.compile(r"^(?:Paragraf|PARAGRAF)\s+\d{1,3}\b.{0,80}$"), 3),
    (re.compile(r"^(?:Pasal|PASAL)\s+\d{1,4}[A-Z]?$"), 4),
    (re.compile(r"^(?:Article|ARTICLE)\s+\d{1,4}[A-Z]?$"), 4),
    (re.compile(r"^(?:" + _NUMBER + r"\s*)?(?:" + _PAPER_WORDS + r")\s*:?$", re.IGNORECASE), 1),
)
# a line that starts a section and carries its first text ("Menimbang : a. bahwa ...")
INLINE_HEADINGS: tuple[tuple[re.Pattern[str], int], ...] = (
    (re.compile(r"^(Menimbang|Mengingat|Memperhatikan|Menetapkan|MEMUTUSKAN|Memutuskan)\s*:"), 1),
    (re.compile(r"^(Menimbang|Mengingat|Memperhatikan)\s+(?=(?:[a-z]|\d{1,2})[.)]\s)"), 1),
    (re.compile(r"^(Menetapkan)\s+(?=[A-Z]{4,})"), 1),
    (re.compile(r"^(Menimbang|Mengingat|Memperhatikan|Menetapkan|MEMUTUSKAN|Memutuskan)\s*$"), 1),
    (re.compile(r"^(ABSTRACT|Abstract|ABSTRAK|Abstrak|Keywords|Kata [Kk]unci)\s*[:.—–-]\s*\S"), 1),
)
LEADER = re.compile(r"(?:\.\s?){5,}\s*[\divxlc]*\s*$|\u2026{2,}")
NUMBERED = re.compile(r"^(?P<num>\d{1,2}(?:\.\d{1,2}){0,3}\.?|" + _ROMAN + r"\.|[A-H]\.)\s+(?P<title>\S.*)$")
CHAPTER_LIKE = re.compile(r"^(?:BAB|CHAPTER|Chapter|PART|Part|Bagian|BAGIAN|Paragraf|PARAGRAF)\s+\S+$")


@dataclass(frozen=True)
class Heading:
    """A recognised heading: its text, level and whether text follows it on the same line."""

    text: str
    level: int
    inline: bool = False


def is_contents_entry(text: str) -> bool:
    """A table-of-contents line: dot leaders, usually a page number at the end."""
    if text.count(".") < 5 and "\u2026\u2026" not in text:  # cheap test first: most lines
        return False
    return bool(LEADER.search(text))


def line_heading(text: str) -> Heading | None:
    """The heading a whole line is (BAB, Pasal, ABSTRACT...), by pattern alone."""
    t = text.strip()
    if len(t) > 160 or is_contents_entry(t):
        return None
    if not (t[:1].isupper() or t[:1].isdigit()):
        return None
    for pattern, level in LINE_HEADINGS:
        if pattern.match(t):
            return Heading(t.rstrip(":").strip(), level)
    for pattern, level in INLINE_HEADINGS:
        m = pattern.match(t)
        if m:
            return Heading(m.group(1).strip(), level, inline=len(t) > len(m.group(1)) + 2)
    return None


def numbered_heading(text: str, emphasised: bool) -> Heading | None:
    """A numbered heading ("2.1 Smart city policy"), when set apart by weight, size or case."""
    t = text.strip()
    m = NUMBERED.match(t)
    if not m or len(t) > 110 or t[-1] in ".;,:" or not emphasised or is_contents_entry(t):
        return None
    title = m.group("title")
    if not (title[0].isupper() or title[0].isdigit()):
        return None
    return Heading(t, numbered_level(m.group("num")))


def numbered_level(number: str) -> int:
    """Depth of a heading number: "3" or "III." -> 1, "3.1" -> 2, "3.1.2" -> 3."""
    digits = [p for p in number.rstrip(".").split(".") if p]
    return min(len(digits), 3)


def styled_heading(text: str, size_ratio: float, bold: bool, upper_ok: bool = True) -> Heading | None:
    """A short unnumbered line set larger, bold or in capitals, ending without a full stop."""
    t = text.strip()
    if not t or len(t) > 100 or t[-1] in ".;," or sum(c.isalpha() for c in t) < 3 or is_contents_entry(t):
        return None
    capitals = upper_ok and t.isupper() and len(t.split()) <= 12
    if size_ratio >= 1.25:
        return Heading(t, 1)
    if (bold and size_ratio >= 0.95) or capitals:
        return Heading(t, 2)
    return None


class SectionTracker:
    """Keeps the stack of open headings and gives the section path for each passage."""

    def __init__(self) -> None:
        self.stack: list[tuple[int, str]] = []

    def enter(self, heading: Heading) -> None:
        """Open a heading, closing those at its level or deeper."""
        while self.stack and self.stack[-1][0] >= heading.level:
            self.stack.pop()
        self.stack.append((heading.level, heading.text))

    @property
    def path(self) -> str | None:
        """The section path of the text at this point, or None before any heading."""
        return SECTION_SEPARATOR.join(t for _, t in self.stack) or None
