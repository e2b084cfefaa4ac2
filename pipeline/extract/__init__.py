"""Entity extraction: laws, agencies, programmes and places, with canonical ids and countries.

- :func:`extract_mentions` ``(document, passages) -> list[Mention]``: the stage function.
- :func:`find_laws` ``(text, lang) -> list[LawMatch]``: every citation grammar over a text;
  the grammars themselves are ``GRAMMARS`` in :mod:`pipeline.extract.laws`.
- :func:`find_patterns`, :func:`find_definitions`: unknown names by shape, acronym definitions.
- :func:`default_kb`: the knowledge base of ``pipeline/data/kb/``.
"""

from pipeline.extract.acronyms import find_definitions
from pipeline.extract.kb import default_kb
from pipeline.extract.lawmatch import LawMatch
from pipeline.extract.laws import GRAMMARS, find_laws
from pipeline.extract.patterns import find_patterns
from pipeline.extract.spacy_pipeline import build_nlp, extract_mentions, get_nlp, load_nlp

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
    "load_nlp",
]
