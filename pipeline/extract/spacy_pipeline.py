"""The extractor as a spaCy pipeline: a blank ``xx`` pipeline with the rules component.

- ``sandingan_entities`` (:class:`EntityRules`): citation grammars, the knowledge base
  (saved with the pipeline, so a pipeline folder is a versioned snapshot of the KB), name
  patterns, acronym linking and country attribution. Called on a ``Doc`` it fills
  ``doc.spans["sandingan"]``; :func:`extract_mentions` calls it on a document's text
  directly, without tokenising, because that is where the time goes.
- Hook for a trained NER: when the loaded pipeline has an ``ner`` component (added by the
  retraining issue and saved as ``models/extractor/<version>/``, promoted in
  ``models/registry.json``), its entities the rules did not find are added with method
  ``model@<version>``.

Loading (:func:`load_extractor`, once per process): the production version from the
registry, else ``models/extractor/`` (built by ``scripts/build_extractor.py``), else a
pipeline built in memory from ``pipeline/data/kb/`` so a fresh clone works. A saved
pipeline whose KB differs from the package data files is rebuilt in memory (the data
files win, so users' KB edits apply without rebuilding).
"""

from __future__ import annotations

import json
import logging
import shutil
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from pipeline import __version__
from pipeline.extract import candidates as cand
from pipeline.extract.extractor import DocumentText, extract
from pipeline.extract.kb import KB_DIR, KnowledgeBase, kb_hash, kb_paths, read_entries
from pipeline.extract.ner_finder import production_finder
from pipeline.records import Document, EntityLabel, Mention, Passage
from pipeline.registry import models_root, production, version_dir

COMPONENT = "sandingan_entities"
PIPELINE_NAME = "extractor"
SPANS_KEY = "sandingan"
log = logging.getLogger(__name__)


class EntityRules:
    """The rules component: everything the extractor knows that is not trained."""

    def __init__(self, nlp: Language, name: str, kb_dir: str | None = None):
        self.name = name
        self._load(Path(kb_dir) if kb_dir else KB_DIR)

    def _load(self, kb_dir: Path) -> None:
        """Use the KB files of ``kb_dir``; they are read and compiled on first use (a saved
        pipeline is built, then loaded from disk, then perhaps pointed at newer files: the
        matchers, about 0.5 s, are compiled once)."""
        self._kb_dir = kb_dir
        self._kb: KnowledgeBase | None = None
        self.kb_hash = kb_hash(kb_dir)

    @property
    def kb(self) -> KnowledgeBase:
        """The knowledge base, built on first use."""
        if self._kb is None:
            self._kb = KnowledgeBase(read_entries(self._kb_dir))
        return self._kb

    def __call__(self, doc: Doc) -> Doc:
        """Set ``doc.spans["sandingan"]`` (label, ``kb_id_`` = canonical id) on a Doc."""
        passage = Passage(id="doc", document_id="", page=1, text=doc.text, lang="en")
        spans = []
        for m in self.extract(Document(id="", file=""), [passage]):
            span = doc.char_span(
                m.start, m.end, label=m.label, kb_id=m.canonical_id or "", alignment_mode="expand"
            )
            if span is not None:
                spans.append(span)
        doc.spans[SPANS_KEY] = spans
        return doc

    def extract(self, document: Document, passages: list[Passage], model_finder=None) -> list[Mention]:
        """Mentions of a document's passages (see :func:`pipeline.extract.extractor.extract`)."""
        return extract(document, passages, self.kb, model_finder)

    def to_disk(self, path: Path, exclude: tuple = ()) -> None:
        """Save the KB files the component uses, and their digest."""
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        for source in kb_paths(KB_DIR):
            target = path / source.relative_to(KB_DIR)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target)
        (path / "cfg.json").write_text(json.dumps({"kb_hash": kb_hash(path)}))

    def from_disk(self, path: Path, exclude: tuple = ()) -> EntityRules:
        """Load the KB saved with a pipeline."""
        self._load(Path(path))
        return self


@Language.factory(COMPONENT, default_config={"kb_dir": None})
def make_entity_rules(nlp: Language, name: str, kb_dir: str | None) -> EntityRules:
    """spaCy factory of :class:`EntityRules`."""
    return EntityRules(nlp, name, kb_dir)


def rules_of(nlp: Language) -> EntityRules:
    """The rules component of an extractor pipeline (spaCy types a pipe as a bare callable)."""
    rules = nlp.get_pipe(COMPONENT)
    if not isinstance(rules, EntityRules):
        raise TypeError(f"pipe {COMPONENT} is a {type(rules).__name__}, not EntityRules")
    return rules


def build_nlp(kb_dir: Path | None = None) -> Language:
    """A blank multilingual pipeline with the rules component (no training involved)."""
    nlp = spacy.blank("xx")
    nlp.add_pipe(COMPONENT, config={"kb_dir": str(kb_dir) if kb_dir else None})
    nlp.meta.update(
        {
            "name": PIPELINE_NAME,
            "version": __version__,
            "description": "Sandingan rules: citation grammars, KB, patterns",
            "kb_hash": kb_hash(kb_dir or KB_DIR),
        }
    )
    return nlp


def default_path(models_dir: Path | None = None) -> Path:
    """The pipeline folder: the production version in the registry, else models/extractor/."""
    version = production(PIPELINE_NAME, models_dir)
    if version and (version_dir(PIPELINE_NAME, version, models_dir) / "config.cfg").exists():
        return version_dir(PIPELINE_NAME, version, models_dir)
    return models_root(models_dir) / PIPELINE_NAME


def load_nlp(path: Path | None = None) -> Language:
    """The saved pipeline at ``path`` (default :func:`default_path`), else one built in memory."""
    path = path or default_path()
    if (path / "config.cfg").exists():
        nlp = spacy.load(path)
        rules = rules_of(nlp)
        if rules.kb_hash != kb_hash(KB_DIR):
            log.warning("extractor at %s has an older knowledge base; using pipeline/data/kb", path)
            rules._load(KB_DIR)
        return nlp
    return build_nlp()


_NLP: Language | None = None


def get_nlp() -> Language:
    """The extractor pipeline of this process, loaded on first use."""
    global _NLP
    if _NLP is None:
        _NLP = load_nlp()
    return _NLP


def get_rules() -> EntityRules:
    """The rules component of this process's extractor pipeline (rules and knowledge base only)."""
    return rules_of(get_nlp())


def reset() -> None:
    """Forget the loaded pipeline (after a rebuild or a promotion)."""
    global _NLP
    _NLP = None


def model_finder(nlp: Language):
    """Candidates from the pipeline's trained ``ner`` over a document's passages, or None."""
    if "ner" not in nlp.pipe_names:
        return None
    method = f"model@{nlp.meta.get('version', '0')}"
    labels: set[EntityLabel] = {"LAW", "AGENCY", "PROGRAMME", "PLACE"}

    def find(doc: DocumentText) -> list[cand.Candidate]:
        out = []
        texts = [p.text for p in doc.passages]
        with nlp.select_pipes(enable=["ner"]):
            for offset, sdoc in zip(doc.starts, nlp.pipe(texts, batch_size=64), strict=True):
                for ent in sdoc.ents:
                    if ent.label_ in labels:
                        out.append(
                            cand.Candidate(
                                offset + ent.start_char,
                                offset + ent.end_char,
                                ent.label_,
                                cand.unknown_id(ent.label_, ent.text),
                                " ".join(ent.text.split()),
                                None,
                                method,
                                0.5,
                                source="model",
                            )
                        )
        return out

    return find


def extract_mentions(document: Document, passages: list[Passage]) -> list[Mention]:
    """Laws, agencies, programmes and places mentioned in a document's passages.

    Passages whose ``lang`` is ``other`` are skipped. Each mention carries its canonical
    identity, country (with the rule that decided it), confidence and method. The
    production ``ner`` model, when the registry names one, adds the agencies and programmes
    the rules missed (method ``model@ner/<version>``, see :mod:`pipeline.extract.ner_finder`).
    """
    nlp = get_nlp()
    rules = rules_of(nlp)
    finder = model_finder(nlp) or production_finder(rules.kb)
    return rules.extract(document, passages, finder)
