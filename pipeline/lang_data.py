"""Word lists per language: ``pipeline/data/lang/<lang>/<name>.txt``.

Names are data: the stop words, function words, abbreviations and instrument-type names the
grammars use live in plain text files, one entry per line; a line that starts with ``#`` is
a comment, blank lines are skipped, and an entry keeps its inner spaces. A list of one
purpose has one file per language that has entries (``en``, ``id``, ``ms``); the rules that
use a list apply it to text of any language, so they take the union of its languages
(:func:`word_set`). Reading is cached: the files are read once per process.

This module sits in the lowest layer of the import contract (it imports nothing of the
project), so every stage may use it.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from pathlib import Path

LANG_DIR = Path(__file__).resolve().parent / "data" / "lang"
LANGS: tuple[str, ...] = ("en", "id", "ms")


def list_path(name: str, lang: str) -> Path:
    """The file of list ``name`` in language ``lang`` (it may not exist)."""
    return LANG_DIR / lang / f"{name}.txt"


def parse_entries(text: str) -> tuple[str, ...]:
    """The entries of a list file's text: stripped lines, without blanks and ``#`` comments."""
    lines = (line.strip() for line in text.splitlines())
    return tuple(line for line in lines if line and not line.startswith("#"))


@cache
def entries(name: str, lang: str) -> tuple[str, ...]:
    """The entries of list ``name`` in ``lang``, in file order (FileNotFoundError if none)."""
    return parse_entries(list_path(name, lang).read_text(encoding="utf-8"))


@cache
def _word_set(name: str, langs: tuple[str, ...]) -> frozenset[str]:
    found = [lang for lang in langs if list_path(name, lang).is_file()]
    if not found:
        raise FileNotFoundError(f"no word list {name!r} for {', '.join(langs)} in {LANG_DIR}")
    return frozenset(e for lang in found for e in entries(name, lang))


def word_set(name: str, langs: Iterable[str] = LANGS) -> frozenset[str]:
    """The union of list ``name`` over ``langs`` (the languages that have the file)."""
    return _word_set(name, tuple(langs))
