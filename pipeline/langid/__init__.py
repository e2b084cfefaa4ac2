"""Language identification of passages: ``en``, ``id``, ``ms`` or ``other``.

- :func:`detect_language`: one text alone (deterministic: langdetect seeded with 0,
  plus function-word evidence from ``pipeline/data/langid/lexicon.json``).
- :func:`assign_languages`: a document's passages in reading order; short or ambiguous
  passages are decided from their neighbours and the document.
- :func:`language_profile`: share of characters per language and the dominant one.
"""

from pipeline.langid.context import assign_languages, language_profile
from pipeline.langid.detect import LANGUAGES, detect_language

__all__ = ["LANGUAGES", "assign_languages", "detect_language", "language_profile"]
