"""Language of one text: langdetect (seeded) combined with function-word evidence.

:func:`analyse` returns a :class:`Guess` that also says whether the text can stand alone
(``reliable``); :func:`pipeline.langid.context.assign_languages` decides the others from
their neighbours. Everything here is a pure function of the text: the same text always
gets the same answer (langdetect's sampling is seeded per call by ``seed = 0``).
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from langdetect.detector_factory import PROFILES_DIRECTORY, DetectorFactory
from langdetect.lang_detect_exception import LangDetectException

from pipeline.langid.lexicon import (
    function_word_counts,
    lead_label,
    load_lexicon,
    malay_indonesian_scores,
    strip_addresses,
    words,
)
from pipeline.langid.malay import current_model, malay_probability
from pipeline.langid.signals import chunk_profile, code_score, non_latin_share

LANGUAGES = ("en", "id", "ms", "other")
SHORT_CHARS = 40  # under this a passage is decided with its neighbours
MAX_DETECT_CHARS = 200  # langdetect reads at most this many characters
MAX_ANALYSE_CHARS = 1000  # the word-level evidence reads at most this many
MIN_DETECT_LETTERS = 12  # below this langdetect's answer is noise
PROFILES = ("en", "id", "fr", "de", "es", "it", "pt", "nl", "tl", "vi")
SEED = 0
_JOINERS = {"\u00ad": "", "\ufffe": "", "\u200b": "", "\ufeff": ""}
_JOINERS_RE = re.compile("|".join(map(re.escape, _JOINERS)))
_SPACE = re.compile(r"\s+")
_LETTER_SPACED = re.compile(r"\b(?:[A-Z] ){3,}[A-Z]\b")  # "I N D O N E S I A"


@dataclass(frozen=True)
class Guess:
    """What a text alone says about its language.

    ``kind``: prose | neutral (no letters to speak of) | noise (OCR garbage) | code | script
    (a non-Latin script). ``strength`` (0..1) weighs the text's own vote when its
    neighbours decide. ``complete`` is False when langdetect was skipped (``lazy``) and
    could still change the answer a little.
    """

    lang: str
    confidence: float
    reliable: bool
    kind: str
    strength: float = 0.0
    complete: bool = True
    neutral_variety: bool = False  # Malay-or-Indonesian with nothing to tell which
    malay_p: float | None = None  # the Malay model's P(Malay), when it was asked


NEUTRAL = Guess("other", 0.0, False, "neutral", 0.0)


def normalise(text: str) -> str:
    """NFKC (math letters, ligatures), soft hyphens joined, letter-spaced words closed up."""
    text = unicodedata.normalize("NFKC", _JOINERS_RE.sub("", text))
    text = _SPACE.sub(" ", text).strip()
    return _LETTER_SPACED.sub(lambda m: m.group(0).replace(" ", ""), text)


@lru_cache(maxsize=1)
def _factory() -> DetectorFactory:
    """One seeded langdetect factory with only the profiles the decision uses."""
    factory = DetectorFactory()
    factory.set_seed(SEED)
    texts = [Path(PROFILES_DIRECTORY, name).read_text(encoding="utf-8") for name in PROFILES]
    factory.load_json_profile(texts)
    return factory


def langdetect_families(text: str) -> dict[str, float]:
    """langdetect probabilities folded into ``en``, ``id`` and ``other`` (empty: no features)."""
    sample = text[:MAX_DETECT_CHARS]
    if sum(ch.isupper() for ch in sample) > sum(ch.islower() for ch in sample):
        sample = sample.lower()  # langdetect skips all-capital words
    detector = _factory().create()
    detector.append(sample)
    try:
        found = detector.get_probabilities()
    except LangDetectException:
        return {}
    families = {"en": 0.0, "id": 0.0, "other": 0.0}
    for item in found:
        key = item.lang if item.lang in ("en", "id") else "other"
        families[key] += item.prob
    return families


def _special_kind(clean: str, plain: str, tokens: list[str], counts: dict[str, int]) -> Guess | None:
    """A Guess for non-Latin script, program code or OCR garbage; None for prose."""
    long_enough = len(clean) >= SHORT_CHARS
    share, letters = non_latin_share(plain)
    if letters >= 3 and share > 0.5:
        return Guess("other", round(min(0.99, share), 3), letters >= 12, "script", 1.0)
    prose = sum(counts.values())
    code = code_score(clean, tokens)
    if code >= 5 and code >= 2 * prose:
        return Guess("other", 0.9, long_enough, "code", 0.8)
    if letters < 2:
        return NEUTRAL
    if prose < 3:  # OCR garbage seldom holds three function words
        wordlike, tiny, chunks = chunk_profile(plain)
        if chunks >= 5 and wordlike < 0.3 and (prose == 0 or tiny >= 0.5):
            return Guess("other", 0.8, long_enough, "noise", 0.6)
    if prose == 0 and not any(len(t) >= 3 for t in tokens):
        return NEUTRAL
    return None


def _labelled(plain: str, counts: dict[str, int], length: int) -> Guess | None:
    """A keyword line or front-matter field of terms takes its label's language.

    Caption labels ("Tabel", "Figure") only add evidence: they count as two function words.
    """
    found = lead_label(plain)
    if found is None:
        return None
    group, lang, rest = found
    if group == "boost":
        counts[lang] += 2
        return None
    rest_counts = function_word_counts(words(rest))
    if sum(rest_counts.values()):
        return None
    reliable = length >= SHORT_CHARS
    return Guess(lang, 0.8 if reliable else 0.55, reliable, "prose", 0.8)


def _lexical_only(counts: dict[str, int]) -> str | None:
    """The family when function words alone settle it (no need to run langdetect)."""
    ranked = sorted(counts.items(), key=lambda kv: -kv[1])  # ties keep en, id, other order
    (best, n_best), (_, n_second) = ranked[0], ranked[1]
    if (n_best >= 3 and n_second == 0) or (n_best >= 5 and n_second * 4 <= n_best):
        return best
    return None


def _combine(counts: dict[str, int], markers: float, probs: dict[str, float], length: int) -> Guess:
    """Weigh langdetect's probabilities against function-word counts.

    ``markers`` is the Malay/Indonesian content-word evidence, added to the ``id`` family.
    """
    fw = {"en": counts["en"], "id": counts["id"] + 0.5 * markers, "other": counts["other"]}
    total_fw = sum(fw.values())
    scores = {f: probs.get(f, 0.0) + 0.25 * min(fw[f], 8) for f in fw}
    if fw["other"] == 0:
        scores["other"] = 0.0  # another language needs at least one of its own words
    lang = max(scores, key=lambda f: (scores[f], f == "en"))
    if scores[lang] == 0.0:
        return NEUTRAL
    support, against = fw[lang], total_fw - fw[lang]
    p = probs.get(lang, 0.0)
    agreement = 0.5 * p + 0.5 * (support / total_fw if total_fw else 0.5)
    reliable = length >= SHORT_CHARS and (
        (support >= 2 and support >= 2 * against and p >= 0.5)
        or (support >= 4 and support >= 3 * against)
        or (support >= 1 and against == 0 and (p >= 0.95 or (p >= 0.7 and length >= 60)))
    )
    confidence = 0.8 + 0.19 * agreement if reliable else 0.25 + 0.35 * agreement
    strength = (support - against) / 3 + 0.25 * p * min(1.0, length / SHORT_CHARS)
    return Guess(lang, round(confidence, 3), reliable, "prose", round(min(max(strength, 0.0), 1.0), 3))


def _malay_or_indonesian(guess: Guess, tokens: list[str], plain: str) -> Guess:
    """Split the id family: the Malay model when one is shipped, else the marker rule.

    With the model, Malay needs P(Malay) of at least ``0.5 + margin``; inside ``0.5 ± margin``
    the text is dialect-neutral (``id`` alone; its document's variety decides in context)."""
    p = malay_probability(plain)
    if p is not None:
        model = current_model()
        neutral = model is not None and abs(p - 0.5) < model.margin
        lang = "ms" if p >= 0.5 + (model.margin if model else 0.0) else "id"
        sure = 0.5 + abs(p - 0.5)
        confidence = guess.confidence * (0.75 if neutral else sure)
        return dataclasses.replace(
            guess, lang=lang, confidence=round(confidence, 3), neutral_variety=neutral, malay_p=round(p, 4)
        )
    malay, indonesian = malay_indonesian_scores(tokens)
    if malay >= 2.0 and malay >= 2.5 * indonesian:
        confidence = min(0.95, 0.6 + 0.08 * (malay - indonesian)) * guess.confidence / 0.99
        return dataclasses.replace(guess, lang="ms", confidence=round(confidence, 3))
    if malay >= 1.0 and malay > indonesian:  # some Malay forms: say id, less sure
        return dataclasses.replace(guess, confidence=round(guess.confidence * 0.75, 3))
    return guess


def analyse(text: str, lazy: bool = False) -> Guess:
    """Everything the text alone says about its language.

    langdetect runs where function words do not settle it and the text has at least
    ``MIN_DETECT_LETTERS`` letters. With ``lazy=True`` it is also skipped where it could
    not make the text reliable (short text, or no function word at all); the Guess then
    says ``complete=False``.
    """
    clean = normalise(text[: 2 * MAX_ANALYSE_CHARS])
    plain = strip_addresses(clean[:MAX_ANALYSE_CHARS])
    tokens = words(plain)
    counts = function_word_counts(tokens, load_lexicon())
    special = _special_kind(clean, plain, tokens, counts)
    if special is not None:
        return special
    labelled = _labelled(plain, counts, len(clean))
    if labelled is not None:
        return labelled
    family = _lexical_only(counts)
    if family is not None and len(clean) >= SHORT_CHARS:
        guess = Guess(family, 0.97, True, "prose", 1.0)
    else:
        malay, indonesian = malay_indonesian_scores(tokens)
        evidence = sum(counts.values()) + malay + indonesian
        useful = sum(len(t) for t in tokens) >= MIN_DETECT_LETTERS
        skip = lazy and (len(clean) < SHORT_CHARS or evidence == 0)
        probs = langdetect_families(plain) if useful and not skip else {}
        guess = _combine(counts, malay + indonesian, probs, len(clean))
        if useful and skip:
            guess = dataclasses.replace(guess, complete=False)
    return _malay_or_indonesian(guess, tokens, plain) if guess.lang == "id" else guess


def detect_language(text: str) -> tuple[str, float]:
    """Language of one text alone: ``en``, ``id``, ``ms`` or ``other``, and a confidence 0..1.

    Texts under about 40 characters, and texts without language of their own (numbers,
    names), come back with a low confidence: give them context with
    :func:`pipeline.langid.assign_languages`. No letters at all: ``("other", 0.0)``.
    """
    guess = analyse(text)
    return guess.lang, guess.confidence
