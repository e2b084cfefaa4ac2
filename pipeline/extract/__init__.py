"""Entity extraction: laws, agencies, programmes and places, with canonical ids and countries.

- :func:`extract_mentions` ``(document, passages) -> list[Mention]``: the stage function.
- :func:`find_laws` ``(text, lang) -> list[LawMatch]``: every citation grammar over a text;
  the grammars themselves are ``GRAMMARS`` in :mod:`pipeline.extract.laws`.
- :func:`find_patterns`, :func:`find_definitions`: unknown names by shape, acronym definitions.
- :func:`default_kb`: the knowledge base of ``pipeline/data/kb/``.

The spaCy-bound names (:func:`extract_mentions`, :func:`get_nlp`, :func:`get_rules`,
:func:`build_nlp`, :func:`load_nlp`) load :mod:`pipeline.extract.spacy_pipeline`, and with
it spaCy, when first asked for: the grammars, the knowledge base and the text helpers of
this package import without spaCy.
"""

from typing import Any

from pipeline.extract.acronyms import find_definitions
from pipeline.extract.kb import default_kb
from pipeline.extract.lawmatch import LawMatch
from pipeline.extract.laws import GRAMMARS, find_laws
from pipeline.extract.patterns import find_patterns

SPACY_NAMES = ("build_nlp", "extract_mentions", "get_nlp", "get_rules", "load_nlp")


def __getattr__(name: str) -> Any:
    """The spaCy-bound names of :mod:`pipeline.extract.spacy_pipeline`, loaded on first use."""
    if name not in SPACY_NAMES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from pipeline.extract import spacy_pipeline  # lazy: spaCy (~2.7 s), loaded only for the extractor

    return getattr(spacy_pipeline, name)


__all__ = [
    "GRAMMARS",
    "LawMatch",
    "build_nlp",
    "default_kb",
    "extract_mentions",
    "find_definitions",
    "find_laws",
    "find_patterns",
    "get_nlp",
    "get_rules",
    "load_nlp",
]
