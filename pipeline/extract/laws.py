"""All citation grammars together: ``find_laws(text, lang)``.

Each grammar is a pure function ``(text, keyword index or None) -> list[LawMatch]`` (see
:data:`GRAMMARS`); this module
runs them, keeps the longest of overlapping matches, joins an Act number written beside an
act title ("Consumer Protection Act 1999 (Act 599)", "Act 599 Consumer Protection Act 1999")
and links amendment chains.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from pipeline.extract import laws_foreign as foreign
from pipeline.extract import laws_id
from pipeline.extract.lawmatch import LawMatch, resolve_overlaps
from pipeline.extract.scan import KeywordIndex
from pipeline.extract.text import fold_text, lower_same_length

Grammar = Callable[[str, KeywordIndex | None], list[LawMatch]]
LAW_KEYWORDS: tuple[str, ...] = (*laws_id.KEYWORDS, *foreign.KEYWORDS)

# Order is priority on equal length: Indonesian forms first, then the most specific.
GRAMMARS: dict[str, Grammar] = {
    "id.constitution": laws_id.find_constitution,
    "constitution": foreign.find_constitutions,
    "id.citation": laws_id.find_id_citations,
    "vn.numbered": foreign.find_vn_instruments,
    "id.english": laws_id.find_en_citations,
    "ph.republic_act": foreign.find_ph_acts,
    "executive_order": foreign.find_executive_orders,
    "en.act_title": foreign.find_en_acts,
    "id.foreign_act": foreign.find_id_foreign_acts,
    "ms.act_title": foreign.find_ms_acts,
    "ms.subsidiary_title": foreign.find_ms_subsidiary,
    "my.act_number": foreign.find_my_act_numbers,
    "my.pu": foreign.find_my_gazette_notifications,
    "eu.numbered": foreign.find_eu_acts,
    "int.treaty": foreign.find_treaties,
    "int.declaration": foreign.find_declarations,
}
_JOIN_GAP = re.compile(r"^[\s,;:()\[\]-]{0,4}$")


def find_laws(text: str, lang: str = "id", index: KeywordIndex | None = None) -> list[LawMatch]:
    """Every legal citation in ``text``, in order, with canonical parts and amendment links.

    ``lang`` is accepted for symmetry with the other finders: all grammars run on every
    language, since Indonesian texts cite English act titles and English texts cite
    "UU No. 11/2019". ``index`` (keyword positions in the folded text) may be shared with
    other finders run over the same text.
    """
    folded = fold_text(text)
    if index is None:
        index = KeywordIndex(lower_same_length(folded), LAW_KEYWORDS)
    matches: list[LawMatch] = []
    for grammar in GRAMMARS.values():
        matches.extend(grammar(folded, index))
    kept = _join_act_numbers(resolve_overlaps(matches), folded)
    laws_id.link_amendments(kept, folded)
    return kept


def _join_act_numbers(matches: list[LawMatch], text: str) -> list[LawMatch]:
    """Merge a bare "Act 599" with an adjacent act title that has no number of its own."""
    out: list[LawMatch] = []
    for m in matches:
        prev = out[-1] if out else None
        if prev and _joinable(prev, m, text):
            out[-1] = _merge(prev, m)
        else:
            out.append(m)
    return out


def _joinable(a: LawMatch, b: LawMatch, text: str) -> bool:
    grammars = {a.grammar, b.grammar}
    if "my.act_number" not in grammars or len(grammars) != 2:
        return False
    titled = a if b.grammar == "my.act_number" else b
    return (
        titled.type == "act" and titled.number is None and _JOIN_GAP.match(text[a.end : b.start]) is not None
    )


def _merge(a: LawMatch, b: LawMatch) -> LawMatch:
    numbered, titled = (a, b) if a.grammar == "my.act_number" else (b, a)
    return LawMatch(
        min(a.start, b.start),
        max(a.end, b.end),
        type="act",
        jurisdiction="MY",
        number=numbered.number,
        year=titled.year,
        title=titled.title,
        title_end=max(a.title_end, b.title_end),
        acronym=titled.acronym,
        grammar=titled.grammar + "+my.act_number",
        confidence=0.9,
    )
