"""The trained entity recogniser in the extractor: the production ``ner`` model of the registry.

When ``models/registry.json`` names a production version of ``ner`` (trained by
``sandingan train ner`` into ``models/ner/<version>/``), its AGENCY and PROGRAMME entities
that the rules and the knowledge base did not find become mentions with method
``model@ner/<version>``. Like the name patterns' finds, a name the KB knows resolves to the
KB entry, any other gets a canonical id from its normalised name, and the country comes
from a trailing qualifier ("... Republik Indonesia") or the usual context rules. Only
entities that look like names are kept (:func:`plausible_name`,
:func:`pipeline.extract.text.lowercase_elsewhere`),
and passages without a name-like stretch are not run through the model (speed).

The environment variable ``SANDINGAN_NER_VERSION`` overrides the registry: ``none`` turns
the model off, ``v3`` uses that version (to evaluate a candidate before promoting it).
LAW entities of the model are not added: a law needs an identity (type, number, year)
that only the citation grammars give.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from pipeline.extract import candidates as cand
from pipeline.extract.extractor import DocumentText, ModelFinder
from pipeline.extract.kb import KnowledgeBase
from pipeline.extract.patterns import PatternHit
from pipeline.extract.text import lowercase_elsewhere
from pipeline.records import EntityLabel
from pipeline.registry import production, version_dir

MODEL_NAME = "ner"
MODEL_DIR = "model"
ADDED_LABELS: tuple[EntityLabel, ...] = ("AGENCY", "PROGRAMME")
MODEL_CONFIDENCE = 0.5
ENV_VERSION = "SANDINGAN_NER_VERSION"
MAX_TOKENS = 12
_LOADED: dict[Path, object] = {}
_CAMEL = re.compile(r"^[A-Z]?[a-z]+[A-Z][A-Za-z]*$|^[A-Z][a-z]+[A-Z]{2,}$")
_NUMBERING = re.compile(r"^\(?\d+(?:[.-]\d+)*\)?[.,]?$")
_ENDS = re.compile(r"^(?:[A-Z0-9]|\()")
_SURROGATE = re.compile("[\ud800-\udfff]")
_NAME_HINT = re.compile(r"[A-Z][\w'-]*\s+(?:\S+\s+){0,2}?[A-Z0-9]|[a-z][A-Z]")


def production_version(models_dir: Path | None = None) -> str | None:
    """The NER version the pipeline uses: ``SANDINGAN_NER_VERSION``, else the registry's."""
    forced = os.environ.get(ENV_VERSION, "").strip()
    if forced:
        return None if forced.lower() in ("none", "off", "0") else forced
    return production(MODEL_NAME, models_dir)


def model_path(version: str, models_dir: Path | None = None) -> Path:
    """The spaCy pipeline folder of a NER version."""
    return version_dir(MODEL_NAME, version, models_dir) / MODEL_DIR


def load_model(path: Path):
    """The spaCy pipeline saved at ``path``, loaded once per process."""
    path = Path(path).resolve()
    if path not in _LOADED:
        import spacy  # lazy: spaCy (~2.7 s), loaded only when a trained model is used

        _LOADED[path] = spacy.load(path)
    return _LOADED[path]


def reset() -> None:
    """Forget loaded models."""
    _LOADED.clear()


def safe_text(text: str) -> str:
    """``text`` with lone surrogates (from broken PDF text layers) replaced, same length:
    spaCy's tokenizer cannot encode them."""
    return _SURROGATE.sub("\ufffd", text)


def may_hold_names(text: str) -> bool:
    """Whether a passage has two capitalised words close together or a CamelCase word;
    passages without either cannot yield a :func:`plausible_name`, so the model skips them."""
    return _NAME_HINT.search(text) is not None


def plausible_name(name: str, kb: KnowledgeBase) -> bool:
    """Whether a model entity looks like the name of a body or programme.

    It starts and ends with a capitalised word, a number or a parenthesis, has at most
    ``MAX_TOKENS`` words and no more numbers than words, and is not just a place the KB
    knows ("Yangon", "Kota Semarang"). A one-word name must be a CamelCase word
    ("JakLingko", "LifeSG"): a lone capitalised word or an acronym is too often a place,
    a person or an undefined abbreviation.
    """
    words = name.split()
    if not words or len(words) > MAX_TOKENS or not words[0][0].isupper():
        return False
    if not _ENDS.match(words[-1]):
        return False
    numbers = sum(bool(_NUMBERING.match(w)) for w in words)
    if numbers * 2 > len(words):
        return False
    if len(words) == 1 and not _CAMEL.match(words[0]):
        return False
    return not kb.lookup_name(name, "place")


def ner_finder(
    nlp, method: str, kb: KnowledgeBase, labels: tuple[EntityLabel, ...] = ADDED_LABELS
) -> ModelFinder:
    """A finder for :func:`pipeline.extract.extractor.extract` from a spaCy NER pipeline."""

    def find(doc: DocumentText) -> list[cand.Candidate]:
        out: list[cand.Candidate] = []
        chosen = [
            (start, p.text)
            for start, p in zip(doc.starts, doc.passages, strict=True)
            if may_hold_names(p.text)
        ]
        texts = (safe_text(text) for _, text in chosen)
        for (offset, _), sdoc in zip(chosen, nlp.pipe(texts, batch_size=64), strict=True):
            for ent in sdoc.ents:
                if (
                    ent.label_ in labels
                    and plausible_name(ent.text, kb)
                    and not lowercase_elsewhere(ent.text, doc.text)
                ):
                    out.append(
                        model_candidate(
                            offset + ent.start_char, offset + ent.end_char, ent.label_, ent.text, method, kb
                        )
                    )
        return out

    return find


def model_candidate(
    start: int, end: int, label: EntityLabel, text: str, method: str, kb: KnowledgeBase
) -> cand.Candidate:
    """A candidate for a model entity, resolved the way name-pattern finds are."""
    name = " ".join(text.split())
    hit = PatternHit(start, end, label, name, rule=method, confidence=MODEL_CONFIDENCE)
    c = cand.from_pattern(hit, kb)
    c.method, c.source = method, "model"
    c.confidence = min(c.confidence, MODEL_CONFIDENCE)
    return c


def production_finder(kb: KnowledgeBase, models_dir: Path | None = None) -> ModelFinder | None:
    """The finder of the production NER model, or None when there is none (or it is missing)."""
    version = production_version(models_dir)
    if not version:
        return None
    path = model_path(version, models_dir)
    if not (path / "config.cfg").exists():
        return None
    return ner_finder(load_model(path), f"model@{MODEL_NAME}/{version}", kb)
