"""Which passages carry a statement, and the text a passage is classified on.

A *fragment* is a passage that states nothing: a number ("2,50", "20%"), a lone word or
table-header cell ("No", "Keterangan"), a heading ("Pasal 5", "BAB II", "3. Indonesia"),
a signature or letterhead line ("PRESIDEN REPUBLIK INDONESIA"), page furniture (a web
address, a stamp). Fragments get no dimension, policy-stage or diffusion label and do not
count in the comparison tables; the tables report how many were left out.

A table cell is never judged alone: a cell that is not a fragment is classified on its
column and row headers followed by its own text (:func:`classification_text`).
"""

from __future__ import annotations

import re

from pipeline.records import Passage

MIN_WORDS = 3
SHOUTED_MAX_WORDS = 8
_WORD = re.compile(r"[^\W\d_]{3,}")
_HEADING = re.compile(
    r"^(?:pasal|bab|bagian|paragraf|ayat|article|section|part|chapter|schedule|jadual|"
    r"lampiran|annex|appendix|table|tabel|jadual|figure|gambar|rajah|box|kotak)\b"
    r"[\s\dIVXLCDM.,:;()\-–]*(?:[A-Z][\w-]*)?$",
    re.IGNORECASE,
)
_SENTENCE_MARK = re.compile(r"[.;:?!,]")


def statement_words(text: str) -> list[str]:
    """Words of three or more letters (numbers, codes and short tokens do not count)."""
    return _WORD.findall(text)


def _is_shouted_line(text: str, words: list[str]) -> bool:
    """A short all-capitals line without sentence punctuation (letterheads, signature blocks,
    title lines such as "PRESIDEN REPUBLIK INDONESIA")."""
    if len(words) > SHOUTED_MAX_WORDS:  # most passages: no need to look at every letter
        return False
    letters = [c for c in text if c.isalpha()]
    upper = sum(c.isupper() for c in letters)
    return (
        len(words) <= SHOUTED_MAX_WORDS
        and bool(letters)
        and upper / len(letters) > 0.9
        and not _SENTENCE_MARK.search(text.rstrip(".:"))
    )


def is_header_cell(table: dict | None) -> bool:
    """A cell of a table's header row (row 0), which names a column and states nothing."""
    return table is not None and table.get("row") == 0


def is_fragment(text: str, kind: str = "text", table: dict | None = None) -> bool:
    """True when a passage carries no statement and must get no passage label.

    Fragments: fewer than :data:`MIN_WORDS` words of three or more letters, headings
    (``kind == "heading"`` or a "Pasal 5" / "BAB II" / "Table 3" line), table header cells,
    and short all-capitals lines without punctuation.
    """
    words = statement_words(text)
    if len(words) < MIN_WORDS or kind == "heading" or is_header_cell(table):
        return True
    stripped = " ".join(text.split())
    return bool(_HEADING.match(stripped)) or _is_shouted_line(stripped, words)


def passage_is_fragment(passage: Passage) -> bool:
    """:func:`is_fragment` of a passage record."""
    return is_fragment(passage.text, passage.kind, passage.table)


def classification_text(passage: Passage) -> str:
    """The text a passage is classified on: a table cell's column and row headers, then the
    cell; any other passage's own text."""
    table = passage.table or {}
    if passage.kind != "table_cell" or not table:
        return passage.text
    context = [str(table[k]).strip() for k in ("col_header", "row_header") if table.get(k)]
    return ": ".join([*context, passage.text]) if context else passage.text


__all__ = ["classification_text", "is_fragment", "is_header_cell", "passage_is_fragment", "statement_words"]
