"""Keys that find a labelled passage again in its PDF, so no document text is stored.

A key is the document's sha256, the page, the passage's character span in the document text
and a sha1 of the passage text (NFC, single spaces). Labelled data files hold keys and
labels only; the text is read from the PDF with the pipeline's reader when training. When
the reader now joins the labelled passage to its neighbours (a paragraph continued across a
page break, a clause kept with its items), :func:`find_within` finds the labelled stretch
inside the longer passage by its length and text hash; a key whose text is nowhere in the
document is reported as an orphan, never re-attached by guess.
"""

from __future__ import annotations

import hashlib
import unicodedata
from dataclasses import asdict, dataclass

from pipeline.records import Passage


def normalise(text: str) -> str:
    """NFC, single spaces, stripped: the form text hashes are computed on."""
    return " ".join(unicodedata.normalize("NFC", text).split())


def text_sha1(text: str) -> str:
    """sha1 (16 hex) of the normalised text."""
    return hashlib.sha1(normalise(text).encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True)
class PassageKey:
    """Where a labelled passage is: document sha256, page, document-text span, text hash."""

    document: str
    page: int
    start: int
    end: int
    text_sha1: str

    def to_dict(self) -> dict:
        """JSON-ready form."""
        return asdict(self)


def passage_key(passage: Passage) -> PassageKey:
    """The key of a passage read by the pipeline."""
    return PassageKey(passage.document_id, passage.page, passage.start, passage.end, text_sha1(passage.text))


def find_passage(key: PassageKey, passages: list[Passage]) -> Passage | None:
    """The passage of ``passages`` with the key's text hash, nearest to its page and span;
    None when the text is nowhere in the document (an orphan)."""
    matches = [p for p in passages if text_sha1(p.text) == key.text_sha1]
    if not matches:
        return None
    return min(matches, key=lambda p: (abs(p.page - key.page), abs(p.start - key.start)))


def find_within(
    key: PassageKey,
    passages: list[Passage],
    slack: int = 2,
) -> tuple[Passage, int, int] | None:
    """``(passage, start, end)``: the stretch of a longer passage near the key's page whose
    text has the key's hash (same length within ``slack`` characters, starting and ending at
    word boundaries); None when there is none."""
    length = key.end - key.start
    for passage in passages:
        if not key.page - 2 <= passage.page <= key.page or len(passage.text) <= length - slack:
            continue
        text = passage.text
        starts = [0] + [i + 1 for i, c in enumerate(text) if c == " "]
        for a in starts:
            for n in range(length - slack, length + slack + 1):
                b = a + n
                if b > len(text) or (b < len(text) and text[b] != " "):
                    continue
                if text_sha1(text[a:b]) == key.text_sha1:
                    return passage, a, b
    return None
