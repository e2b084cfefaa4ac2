"""Text units of a plain-text, markdown, HTML or JSON document: paragraphs and short lines,
the same kinds of item the pipeline's language decision sees in PDFs.

Markup is removed (scripts, styles, tags, entities; markdown emphasis, table bars and rules;
in JSON only the string values), then the text is cut at blank lines into paragraphs; a
paragraph of short lines (a list, a table) gives its lines one by one. Long paragraphs are
cut at a sentence end near ``MAX_UNIT_CHARS``. Pure functions: the same bytes always give
the same units, so a labelled unit is found again by its text hash and occurrence.
"""

from __future__ import annotations

import html
import json
import re

MAX_UNIT_CHARS = 800
SHORT_LINE = 40
_SCRIPT = re.compile(r"<(script|style|noscript|svg)\b.*?</\1\s*>", re.S | re.I)
_COMMENT = re.compile(r"<!--.*?-->", re.S)
_BREAKING = re.compile(
    r"<\s*/?\s*(?:p|div|br|li|ul|ol|h[1-6]|tr|td|th|table|section|article"
    r"|header|footer|blockquote)\b[^>]*>",
    re.I,
)
_TAG = re.compile(r"<[^>]+>")
_MD_RULE = re.compile(r"^\s*(?:[-*_=]{3,}|\|?\s*:?-{3,}.*)\s*$", re.M)
_MD_MARKS = re.compile(r"(?<!\w)[_*]{1,3}(?=\S)|(?<=\S)[_*]{1,3}(?!\w)|^#{1,6}\s+|^>\s?", re.M)
_SPACES = re.compile(r"[ \t\u00a0]+")
_SENTENCE_END = re.compile(r"[.!?;:](?=\s)")


def strip_html(text: str) -> str:
    """Visible text of HTML: scripts, styles and comments out, block tags as line breaks."""
    text = _COMMENT.sub(" ", _SCRIPT.sub(" ", text))
    text = _BREAKING.sub("\n\n", text)
    return html.unescape(_TAG.sub(" ", text))


def strip_markdown(text: str) -> str:
    """Markdown without rules, emphasis marks, heading hashes and table bars."""
    text = _MD_RULE.sub("", text)
    text = _MD_MARKS.sub("", text)
    return text.replace("|", "\n")


def json_strings(text: str) -> str:
    """Every string value of a JSON document, one per paragraph."""
    out: list[str] = []

    def walk(node: object) -> None:
        if isinstance(node, str):
            out.append(node)
        elif isinstance(node, dict):
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(json.loads(text))
    return "\n\n".join(strip_html(s) for s in out)


def plain_text(text: str, fmt: str) -> str:
    """The document's text without markup; ``fmt``: txt, md, html, js or json."""
    if fmt == "json":
        return json_strings(text)
    if fmt in ("html", "js"):
        text = strip_html(text)
    if fmt in ("md", "html", "js"):
        text = strip_markdown(text)
    return text


def text_units(text: str, fmt: str = "txt") -> list[str]:
    """Paragraphs and short lines of a document, in order, single-spaced."""
    units: list[str] = []
    for block in re.split(r"\n\s*\n", plain_text(text, fmt)):
        lines = [_SPACES.sub(" ", ln).strip() for ln in block.splitlines()]
        lines = [ln for ln in lines if ln]
        if not lines:
            continue
        if all(len(ln) < SHORT_LINE for ln in lines) and len(lines) > 1:
            units.extend(lines)
            continue
        units.extend(_cut(" ".join(lines)))
    return units


def _cut(paragraph: str) -> list[str]:
    """A paragraph cut at sentence ends into pieces of at most about ``MAX_UNIT_CHARS``."""
    pieces: list[str] = []
    while len(paragraph) > MAX_UNIT_CHARS:
        ends = [m.end() for m in _SENTENCE_END.finditer(paragraph, 0, MAX_UNIT_CHARS)]
        cut = ends[-1] if ends and ends[-1] > MAX_UNIT_CHARS // 3 else paragraph.rfind(" ", 0, MAX_UNIT_CHARS)
        if cut <= 0:
            cut = MAX_UNIT_CHARS
        pieces.append(paragraph[:cut].strip())
        paragraph = paragraph[cut:].strip()
    if paragraph:
        pieces.append(paragraph)
    return pieces
