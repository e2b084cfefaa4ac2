"""Clean line text and join lines into paragraph text (hyphenation, soft hyphens)."""

from __future__ import annotations

import re

SOFT_HYPHEN = "\u00ad"
# pdfium marks a hyphen it recognised at a line end with U+0002 (U+FFFE in some versions)
HYPHEN_MARKS = ("\x02", "\ufffe")
LINE_END_HYPHENS = ("-", "\u2010", SOFT_HYPHEN, *HYPHEN_MARKS)
_CONTROL = re.compile(r"[\x00-\x01\x03-\x08\x0b\x0c\x0e-\x1f\x7f\ufeff\u200b]")
_SOFT_RUN = re.compile(r"\u00ad{2,}")
_INNER_MARK = re.compile(r"(?<=\w)[\u00ad\x02\ufffe](?=\w)")
_STRAY_MARK = re.compile(r"[\u00ad\x02\ufffe]")
_SPECIAL = re.compile(r"[\x00-\x1f\x7f\u00ad\ufeff\u200b\ufffe]")
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u3000]+")
_WORD_BEFORE = re.compile(r"(\w+)$")
_WORD_AFTER = re.compile(r"^(\w+)")
_SURROGATE = re.compile(r"[\ud800-\udfff]")


def join_surrogates(text: str) -> str:
    """Join UTF-16 surrogate pairs that pdfium returns split (math symbols); drop lone ones.

    Split pairs are not valid Unicode: tokenizers reject them and JSON output breaks.
    """
    if not _SURROGATE.search(text):
        return text
    return text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace").replace("\ufffd", "")


def clean_line(text: str) -> str:
    """One line's text with odd spaces, control characters and inner soft hyphens resolved.

    A soft hyphen (or pdfium hyphen mark) between two letters inside a line was drawn, so it
    is a visible hyphen when it joins a repeated word or a capitalised part
    ("UNDANG\u00adUNDANG" -> "UNDANG-UNDANG"); otherwise it is dropped. Line-end marks are kept
    for :func:`join_lines`.
    """
    text = join_surrogates(text)
    if _SPECIAL.search(text):
        text = _CONTROL.sub("", _SOFT_RUN.sub(" ", text))
        text = _INNER_MARK.sub(lambda m: _inner_hyphen(m.string, m.start()), text)
    text = _SPACES.sub(" ", text).strip()
    if text and text[-1] in LINE_END_HYPHENS:
        return _STRAY_MARK.sub("", text[:-1]) + text[-1]
    return _STRAY_MARK.sub("", text)


def _inner_hyphen(text: str, pos: int) -> str:
    before = _WORD_BEFORE.search(text[:pos])
    after = _WORD_AFTER.search(text[pos + 1 :])
    if before and after and keeps_hyphen(before.group(1), after.group(1)):
        return "-"
    return ""


def keeps_hyphen(before: str, after: str) -> bool:
    """Whether a hyphen between two word parts is part of the word.

    Kept for reduplication ("undang-undang", "kebijakan-kebijakan"), a capitalised or
    numeric second part ("non-Muslim", "COVID-19") and upper-case compounds.
    """
    b, a = before.lower(), after.lower()
    if not before or not after:
        return False
    if a == b or (len(b) >= 3 and a.startswith(b)) or (len(a) >= 3 and b.endswith(a)):
        return True
    if after[0].isdigit() or before[-1].isdigit():
        return True
    return after[0].isupper() and not before.isupper()


def join_lines(lines: list[str]) -> str:
    """Paragraph text from its lines: hyphenated breaks joined, other breaks become spaces."""
    out = ""
    for raw_line in lines:
        line = raw_line.strip()
        if not line:
            continue
        if not out:
            out = line
            continue
        if out[-1] in LINE_END_HYPHENS and len(out) > 1 and out[-2].isalpha() and line[0].isalnum():
            out = _join_hyphenated(out, line)
        else:
            out = out + " " + line
    return _STRAY_MARK.sub("", out)


def _join_hyphenated(out: str, line: str) -> str:
    mark = out[-1]
    head = out[:-1]
    before = _WORD_BEFORE.search(head)
    after = _WORD_AFTER.search(line)
    if before and after and keeps_hyphen(before.group(1), after.group(1)):
        return head + "-" + line
    if mark in ("-", "\u2010") and before and after and after.group(1)[0].isupper():
        return head + "-" + line
    return head + line
