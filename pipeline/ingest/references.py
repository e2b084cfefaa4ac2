"""Cross-references inside running text ("sebagaimana dimaksud pada ayat (1)", "Pasal 5
huruf a", "referred to in section 3"): a line that ends in the lead of one never ends a
paragraph, and the "(1)" or "Pasal 5" that follows it is the reference, not a new clause
or heading."""

from __future__ import annotations

import re

from pipeline.lang_data import word_set

REFERENCE_TAIL = re.compile(
    r"(?:\S\s+(?:ayat|huruf|angka|butir)"
    r"|\b(?:dalam|pada|di|ketentuan|dan|atau|menurut|berdasarkan|sesuai|dengan)\s+pasal"
    r"|\b(?:in|under|of|to|by|see|and|or)\s+(?:sections?|subsections?|sub-sections?|articles?"
    r"|paragraphs?|subparagraphs?|sub-paragraphs?|clauses?)"
    r"|\b(?:dimaksud|referred to|dimaksud (?:pada|dalam|di))"
    r"|\b(?:ayat|huruf|angka|pasal|section|article)\s+\(?\w{1,4}\)?\s*(?:,|dan|atau|and|or|to"
    r"|sampai dengan|s\.d\.)"
    r")\s*$",
    re.IGNORECASE,
)
AYAT = re.compile(r"^\(\d{1,3}[a-z]?\)\s")


TAIL_CHARS = 60  # a reference lead is a few words: only the end of the text is searched
LAST_WORDS = word_set("reference_last_words")


def ends_in_reference(text: str) -> bool:
    """Whether ``text`` ends with the lead of a cross-reference ("dimaksud pada ayat")."""
    tail = text.rstrip()
    if not tail:
        return False
    last = tail.rsplit(None, 1)[-1].lower()
    if last not in LAST_WORDS and not tail.endswith(","):
        return False  # the cheap test: the last word can end no reference lead
    return bool(REFERENCE_TAIL.search(tail[-TAIL_CHARS:] if len(tail) > TAIL_CHARS else tail))
