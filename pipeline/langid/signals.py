"""Cheap signals that say a text is not prose in a Latin-script language.

- :func:`non_latin_share`: letters of other scripts (Thai, Chinese, Arabic, Javanese...).
- :func:`code_score`: how much a text looks like program source.
- :func:`chunk_profile`: how many of the letter chunks are pronounceable words (and how
  many are scraps of one or two letters); OCR garbage ("ccd!uo!1oo >l! tr") has few words
  and many scraps, a table row of names and dates has many words.
"""

from __future__ import annotations

import re
import unicodedata

_CODE_OPERATOR = re.compile(r"==|!=|&&|\|\||\+\+|\+=|->|::|\(\)|\)\s*\{|\}|\{|;\s*$|;\s+\d")
_DOTTED_ACCESS = re.compile(r"\b[a-z_]\w*\.[a-zA-Z_]\w*\s*[(=]|\bthis\.\w+")
_CAMEL = re.compile(r"\b[a-z]+[A-Z][a-z]+\w*\b")
_CODE_KEYWORDS = frozenset(
    [
        "public",
        "private",
        "protected",
        "static",
        "final",
        "void",
        "return",
        "new",
        "else",
        "break",
        "case",
        "throws",
        "boolean",
        "int",
        "null",
        "true",
        "false",
        "def",
        "import",
        "class",
        "elif",
        "lambda",
        "const",
        "var",
        "let",
        "function",
        "String",
        "Integer",
        "ArrayList",
        "System",
        "self",
    ]
)
_VOWELS = frozenset("aeiouyAEIOUYàáâãäåèéêëìíîïòóôõöùúûüāēīōū")
_TOKEN_EDGE = "\"'“”‘’()[]{}<>.,;:!?*"


def non_latin_share(text: str) -> tuple[float, int]:
    """(share of letters outside the Latin script, number of letters)."""
    latin = other = 0
    for ch in text:
        if not ch.isalpha():
            continue
        if ch < "\u0250" or "\u1e00" <= ch <= "\u1eff" or unicodedata.name(ch, "").startswith("LATIN"):
            latin += 1
        else:
            other += 1
    total = latin + other
    return (other / total if total else 0.0), total


def code_score(text: str, tokens: list[str]) -> int:
    """Count of program-source features: operators, braces, ``obj.member(``, camelCase, keywords."""
    score = 2 * len(_CODE_OPERATOR.findall(text))
    score += 2 * len(_DOTTED_ACCESS.findall(text))
    score += len(_CAMEL.findall(text))
    score += sum(1 for t in tokens if t in _CODE_KEYWORDS)
    return score


def is_wordlike(token: str) -> bool:
    """A pronounceable word: letters (and inner hyphens), a vowel, sane capitalisation."""
    core = token.strip(_TOKEN_EDGE)
    if len(core) < 3 or not core.replace("-", "").replace("'", "").isalpha():
        return False
    if not any(ch in _VOWELS for ch in core):
        return False
    return core.islower() or core.isupper() or core[1:].islower() or "-" in core


def chunk_profile(text: str) -> tuple[float, float, int]:
    """Over the whitespace chunks that hold letters: (share that are pronounceable words,
    share that are scraps of one or two letters, number of such chunks)."""
    chunks = [c for c in text.split() if any(ch.isalpha() for ch in c)]
    if not chunks:
        return 0.0, 0.0, 0
    wordlike = sum(1 for c in chunks if is_wordlike(c))
    tiny = sum(1 for c in chunks if sum(ch.isalpha() for ch in c) <= 2)
    return wordlike / len(chunks), tiny / len(chunks), len(chunks)
