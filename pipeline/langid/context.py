"""Language of a sequence of passages: short or ambiguous ones take their neighbours' language.

A passage that can stand alone (see :class:`pipeline.langid.detect.Guess`) keeps its own
answer. The others (table cells, headings, list items, lines of names and dates) are
decided by a vote: their own weak evidence, the joined text of the run of such passages
they sit in, the nearest reliable passage before and after, and the document's language.
Such answers carry a confidence of at most ``CONTEXT_CONFIDENCE`` so that later stages can
tell them apart.
"""

from __future__ import annotations

from collections.abc import Sequence

from pipeline.langid.detect import LANGUAGES, Guess, analyse
from pipeline.langid.signals import is_wordlike
from pipeline.records import Passage

CONTEXT_CONFIDENCE = 0.6  # the most a context-decided passage can get
NEIGHBOUR_WINDOW = 15  # how many passages away a reliable neighbour still counts
DOMINANT_SHARE = 0.8
BLOCK_SIZE = 8  # unreliable passages analysed together
RECHECK_MARGIN = 0.7  # a vote closer than this asks langdetect where it was skipped
VARIETY_CERTAIN = 0.995  # P(Malay) (or P(Indonesian)) a passage needs to differ from its document


def _heading_like(text: str) -> bool:
    """A line that opens what follows: a capital first, a real word, no closing punctuation.

    (Passages of kind ``heading`` count as headings too.)
    """
    stripped = text.strip()
    if not stripped or not stripped[0].isupper() or stripped[-1] in ".,;:)":
        return False
    return any(is_wordlike(token) for token in stripped.split())


def _nearest(guesses: Sequence[Guess], start: int, step: int) -> tuple[str | None, int]:
    """Language and distance of the nearest reliable guess from ``start`` in one direction."""
    i = start + step
    while 0 <= i < len(guesses) and abs(i - start) <= NEIGHBOUR_WINDOW:
        if guesses[i].reliable:
            return guesses[i].lang, abs(i - start)
        i += step
    return None, 0


def document_language(passages: Sequence[Passage], guesses: Sequence[Guess]) -> str | None:
    """The language with most characters among the reliable passages (None if there are none)."""
    chars: dict[str, int] = {}
    for passage, guess in zip(passages, guesses, strict=True):
        if guess.reliable:
            chars[guess.lang] = chars.get(guess.lang, 0) + len(passage.text)
    return max(chars, key=lambda lang: (chars[lang], lang)) if chars else None


def _run_blocks(
    texts: Sequence[str], guesses: Sequence[Guess], headings: Sequence[bool]
) -> list[Guess | None]:
    """For each unreliable passage, what its block of unreliable neighbours says together.

    Consecutive unreliable passages (table cells, a column of names, a page of OCR
    fragments, lines of code) are cut into blocks of at most ``BLOCK_SIZE``, a heading
    starting a new block, and each block's joined text is analysed once.
    """
    out: list[Guess | None] = [None] * len(texts)
    i = 0
    while i < len(texts):
        if guesses[i].reliable:
            i += 1
            continue
        j = i + 1
        while j < len(texts) and not guesses[j].reliable and j - i < BLOCK_SIZE and not headings[j]:
            j += 1
        if j - i >= 2:
            block = analyse(" ".join(texts[i:j]), lazy=True)
            out[i:j] = [block] * (j - i)
        i = j
    return out


def _vote(
    own: Guess,
    heading: bool,
    block: Guess | None,
    neighbours: list[tuple[str | None, int]],
    document: str | None,
) -> tuple[str, float, float]:
    """Decide an unreliable passage from its own evidence, its block, neighbours and document.

    Returns (language, confidence, margin of the winner over the runner-up).
    """
    votes: dict[str, float] = {}

    def add(lang: str | None, weight: float) -> None:
        if lang is not None and weight > 0:
            votes[lang] = votes.get(lang, 0.0) + weight

    if own.kind != "neutral":
        add(own.lang, 3.0 * own.strength if own.strength >= 0.75 else own.strength)
    if block is not None and block.kind != "neutral":
        add(block.lang, block.strength * (1.5 if block.reliable else 1.0))
    weights = (0.6, 1.4) if heading else (1.0, 1.0)
    for (lang, distance), weight in zip(neighbours, weights, strict=True):
        add(lang, weight / (1 + 0.1 * (distance - 1)))
    add(document, 0.5)
    if not votes:
        return own.lang, own.confidence, 0.0
    ranked = sorted(votes.items(), key=lambda kv: (-kv[1], kv[0] != own.lang))
    lang, top = ranked[0]
    margin = top - (ranked[1][1] if len(ranked) > 1 else 0.0)
    return lang, round(CONTEXT_CONFIDENCE * top / sum(votes.values()), 3), margin


def assign_languages(passages: list[Passage], document_hint: str | None = None) -> None:
    """Set ``lang`` and ``lang_confidence`` on each passage, in place.

    ``passages`` are one document in reading order. Passages under about 40 characters,
    or without language of their own, are decided from their own weak evidence, the
    block of such passages they sit in, the nearest reliable neighbours and the
    document's language (``document_hint`` if given, else the majority of the reliable
    passages), with a confidence of at most 0.6.
    """
    texts = [p.text for p in passages]
    guesses = [analyse(t, lazy=True) for t in texts]
    headings = [p.kind == "heading" or _heading_like(p.text) for p in passages]
    blocks = _run_blocks(texts, guesses, headings)
    hinted = document_hint if document_hint in LANGUAGES else None
    document = hinted or document_language(passages, guesses)
    for i, (passage, guess) in enumerate(zip(passages, guesses, strict=True)):
        if guess.reliable:
            passage.lang, passage.lang_confidence = guess.lang, guess.confidence
            continue
        neighbours = [_nearest(guesses, i, -1), _nearest(guesses, i, 1)]
        lang, confidence, margin = _vote(guess, headings[i], blocks[i], neighbours, document)
        if not guess.complete and margin < RECHECK_MARGIN:  # close call: ask langdetect too
            own = analyse(passage.text)
            lang, confidence, _ = _vote(own, headings[i], blocks[i], neighbours, document)
        passage.lang, passage.lang_confidence = lang, confidence
    _settle_variety(passages, guesses)


def document_variety(passages: Sequence[Passage], guesses: Sequence[Guess]) -> str | None:
    """``ms`` or ``id``: the variety with most characters among the passages whose own text
    says which (None when no passage does)."""
    chars = {"ms": 0, "id": 0}
    for passage, guess in zip(passages, guesses, strict=True):
        if passage.lang in chars and guess.lang in chars and not guess.neutral_variety:
            chars[guess.lang] += len(passage.text)
    if not any(chars.values()):
        return None
    return "ms" if chars["ms"] > chars["id"] else "id"


def _settle_variety(passages: Sequence[Passage], guesses: Sequence[Guess]) -> None:
    """Malay-or-Indonesian passages take the document's variety unless their own text is
    certain of the other one."""
    variety = document_variety(passages, guesses)
    if variety is None:
        return
    for passage, guess in zip(passages, guesses, strict=True):
        if passage.lang in ("ms", "id") and passage.lang != variety and not _certain(guess):
            passage.lang = variety


def _certain(guess: Guess) -> bool:
    """Whether a passage's own text settles its variety against its document's: the Malay
    model is at least ``VARIETY_CERTAIN`` sure (a Malay quotation in an Indonesian paper),
    or, without a model, the marker rule called it."""
    if guess.malay_p is None:
        return guess.lang in ("ms", "id") and not guess.neutral_variety
    return abs(guess.malay_p - 0.5) >= VARIETY_CERTAIN - 0.5


def language_profile(passages: list[Passage]) -> tuple[dict[str, float], str]:
    """Share of the text (by characters) in each language, and the dominant language.

    The dominant language is the one with at least 80% of the characters, else ``mixed``
    (``other`` for a document without text). Uses ``passage.lang`` as assigned.
    """
    chars: dict[str, int] = {}
    for passage in passages:
        chars[passage.lang] = chars.get(passage.lang, 0) + len(passage.text)
    total = sum(chars.values())
    if not total:
        return {}, "other"
    shares = {lang: round(n / total, 4) for lang, n in sorted(chars.items())}
    best = max(shares, key=lambda lang: shares[lang])
    return shares, best if chars[best] >= DOMINANT_SHARE * total else "mixed"
