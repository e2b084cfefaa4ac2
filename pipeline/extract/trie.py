"""A regular expression from many phrases, arranged as a trie so matching stays fast.

Python's ``re`` tries the alternatives of ``a|b|c`` one by one at every position; a trie
shares prefixes ("kementerian (?:dalam negeri|keuangan)") so a position that cannot start a
phrase is rejected after one character. Spaces in phrases match any run of whitespace or
hyphens, so names match across line breaks ("Smart City\\nThailand") and hyphen variants.
"""

from __future__ import annotations

import re

SPACE = r"[\s-]+"


def phrase_key(text: str) -> str:
    """The key a phrase (or a matched span) is stored under: spaces and hyphens as one space."""
    return re.sub(r"[\s\-]+", " ", text).strip()


def _tokens(phrase: str) -> list[str]:
    return [SPACE if ch == " " else re.escape(ch) for ch in phrase_key(phrase)]


def trie_pattern(phrases: list[str]) -> str:
    """A regex source matching any of ``phrases`` (longest first where one extends another)."""
    root: dict[str, dict] = {}
    for phrase in phrases:
        node = root
        for tok in _tokens(phrase):
            node = node.setdefault(tok, {})
        node[""] = {}
    return _emit(root)


def _emit(node: dict[str, dict]) -> str:
    ends_here = "" in node
    branches = [tok + _emit(child) for tok, child in sorted(node.items()) if tok]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if ends_here:
        return "(?:" + body + ")?"
    return body


def compile_phrases(phrases: list[str], flags: int = 0, left_boundary: bool = True) -> re.Pattern[str] | None:
    """A compiled whole-word matcher for ``phrases``, or None when there are none.

    Without ``left_boundary`` the pattern may match inside a word and the caller checks the
    character before a match: when phrases start with capitals this lets ``re`` skip
    quickly over text that cannot start a phrase (about twice as fast).
    """
    unique = sorted({phrase_key(p) for p in phrases if phrase_key(p)})
    if not unique:
        return None
    left = r"(?<!\w)" if left_boundary else ""
    return re.compile(left + trie_pattern(unique) + r"(?!\w)", flags)
