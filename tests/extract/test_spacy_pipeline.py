"""The extractor as a spaCy pipeline: build, save, load, and the trained-NER hook."""

from __future__ import annotations

import spacy
from spacy.tokens import Span

from pipeline.extract import spacy_pipeline as sp
from pipeline.extract.extractor import DocumentText


def test_component_sets_spans_on_a_doc() -> None:
    nlp = sp.build_nlp()
    doc = nlp("Perpres No. 95/2018 diterbitkan oleh Kementerian Komunikasi dan Informatika.")
    spans = {(s.label_, s.kb_id_) for s in doc.spans[sp.SPANS_KEY]}
    assert ("LAW", "id/perpres/2018/95") in spans and ("AGENCY", "agency/id/kominfo") in spans


def test_save_and_load_round_trip(tmp_path) -> None:
    sp.build_nlp().to_disk(tmp_path / "extractor")
    nlp = sp.load_nlp(tmp_path / "extractor")
    assert nlp.pipe_names == [sp.COMPONENT]
    assert nlp.meta["kb_hash"] == nlp.get_pipe(sp.COMPONENT).kb_hash
    assert (tmp_path / "extractor" / sp.COMPONENT / "agencies.jsonl").exists()
    assert (tmp_path / "extractor" / sp.COMPONENT / "lists" / "id_regions.jsonl").exists()


def test_a_loaded_pipeline_compiles_its_knowledge_base_once(tmp_path, monkeypatch) -> None:
    sp.build_nlp().to_disk(tmp_path / "extractor")
    built: list[int] = []
    original = sp.KnowledgeBase.__init__

    def counting(self, entries) -> None:
        built.append(len(entries))
        original(self, entries)

    monkeypatch.setattr(sp.KnowledgeBase, "__init__", counting)
    rules = sp.rules_of(sp.load_nlp(tmp_path / "extractor"))
    assert built == []  # nothing compiled until the rules are used
    assert rules.kb.lookup_name("Pemerintah Kabupaten Sleman", "agency")
    assert rules.kb is rules.kb and len(built) == 1


def test_missing_pipeline_is_built_in_memory(tmp_path) -> None:
    nlp = sp.load_nlp(tmp_path / "nothing-here")
    assert nlp.pipe_names == [sp.COMPONENT]


def test_registry_production_version_is_preferred(tmp_path) -> None:
    (tmp_path / "extractor").mkdir()
    sp.build_nlp().to_disk(tmp_path / "extractor" / "v1")
    (tmp_path / "registry.json").write_text('{"extractor": {"production": "v1"}}')
    assert sp.default_path(tmp_path) == tmp_path / "extractor" / "v1"


def test_trained_ner_candidates_are_added_with_model_version(make_passages) -> None:
    nlp = spacy.blank("xx")
    nlp.meta["version"] = "9.9.9"

    @spacy.Language.component("fake_ner_for_test")
    def fake_ner(doc):
        doc.ents = [Span(doc, 0, 2, label="PROGRAMME")] if len(doc) > 2 else []
        return doc

    nlp.add_pipe("fake_ner_for_test", name="ner")
    finder = sp.model_finder(nlp)
    _, passages = make_passages("Zeta Plan membantu kota.")
    (found,) = finder(DocumentText.build(passages))
    assert (found.label, found.method, found.canonical_name) == ("PROGRAMME", "model@9.9.9", "Zeta Plan")
    assert sp.model_finder(spacy.blank("xx")) is None
