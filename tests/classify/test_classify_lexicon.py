"""Lexicon tagging: explicit dimension names (mentions), cues, policy stage and diffusion."""

from __future__ import annotations

import re

import pytest

from pipeline.classify import classify_texts, dimension_mentions, label_passages
from pipeline.classify.lexicon import (
    explicit_hits,
    find_terms,
    lexicon_features,
    lexicon_scores,
    term_pattern,
)
from pipeline.records import Mention, Passage


@pytest.fixture(autouse=True)
def no_models(tmp_path, monkeypatch):
    """An empty registry: labels come from the lexicon alone."""
    from pipeline.classify.predictor import clear_cache

    monkeypatch.setenv("SANDINGAN_MODELS", str(tmp_path / "models"))
    clear_cache()


def passage(text: str, lang: str = "en", pid: str = "p1") -> Passage:
    return Passage(id=pid, document_id="d1", page=3, text=text, lang=lang)


@pytest.mark.parametrize(
    ("lang", "text", "label"),
    [
        ("en", "The plan puts smart governance first.", "governance"),
        ("en", "Pillar two, Smart Mobility, covers buses.", "mobility"),
        ("en", "A smart economy needs investment.", "economy"),
        ("en", "Smart environment projects cut emissions.", "environment"),
        ("en", "Smart people: skills for all.", "people"),
        ("en", "Smart living improves health.", "living"),
        ("id", "Dimensi tata kelola cerdas menjadi prioritas.", "governance"),
        ("id", "Program mobilitas cerdas di Pekanbaru.", "mobility"),
        ("id", "Pengembangan ekonomi cerdas bagi UMKM.", "economy"),
        ("id", "Lingkungan cerdas melalui bank sampah.", "environment"),
        ("id", "Membangun masyarakat cerdas lewat pendidikan.", "people"),
        ("id", "Kehidupan cerdas yang aman bagi warga.", "living"),
    ],
)
def test_explicit_dimension_names_become_mentions(lang, text, label):
    mentions = dimension_mentions([passage(text, lang)])
    assert [m.canonical_id for m in mentions] == [label]
    m = mentions[0]
    assert m.label == "DIMENSION" and m.method == "lexicon" and m.page == 3
    assert text[m.start : m.end] == m.text
    assert m.id == Mention.make_id("p1", m.start, m.end, "DIMENSION")


def test_no_mention_without_an_explicit_name():
    assert dimension_mentions([passage("Buses and trains carry commuters.")]) == []


def test_longest_explicit_term_wins_over_overlapping_shorter_one():
    hits = explicit_hits("tata kelola pemerintahan cerdas")
    assert [(h.text, h.label) for h in hits] == [("tata kelola pemerintahan cerdas", "governance")]


def test_other_language_passages_are_skipped():
    other = passage("smart mobility", lang="other")
    assert dimension_mentions([other]) == []
    assert label_passages([other]) == []


@pytest.mark.parametrize(
    ("lang", "text", "label"),
    [
        ("en", "Traffic on the main roads doubled.", "mobility"),
        ("en", "Solid waste collection reaches half the households.", "environment"),
        ("en", "The hospital opened a telemedicine service.", "living"),
        ("id", "Pengelolaan sampah dan limbah rumah tangga.", "environment"),
        ("id", "Pelatihan literasi digital untuk siswa sekolah.", "people"),
        ("id", "Pendampingan UMKM dan promosi pariwisata daerah.", "economy"),
    ],
)
def test_cues_label_passages_without_a_model(lang, text, label):
    labels = label_passages([passage(text, lang)])
    dims = {lb.label: lb for lb in labels if lb.task == "dimension"}
    assert label in dims
    assert dims[label].method == "lexicon" and 0 < dims[label].score <= 1


@pytest.mark.parametrize(
    ("task", "text", "label"),
    [
        ("policy_stage", "Agenda setting began with urbanisation pressure.", "agenda_setting"),
        ("policy_stage", "Tahap perumusan kebijakan melibatkan banyak pihak.", "formulation"),
        ("policy_stage", "Pengambilan keputusan dilakukan secara terpusat.", "decision_making"),
        ("policy_stage", "Policy implementation was slow in small towns.", "implementation"),
        ("policy_stage", "Evaluasi kebijakan belum memakai indikator baku.", "evaluation"),
        ("diffusion", "Coercion by the central government shaped the rules.", "coercion"),
        ("diffusion", "Persaingan antarkota mendorong inovasi.", "competition"),
        ("diffusion", "Policy learning through lesson-drawing from Seoul.", "learning"),
        ("diffusion", "Kota-kota meniru program Surabaya.", "emulation"),
    ],
)
def test_policy_stage_and_diffusion_lexicon(task, text, label):
    given = {(lb.task, lb.label) for lb in label_passages([passage(text)])}
    assert (task, label) in given


def test_single_weak_cue_is_not_enough_for_a_policy_stage():
    given = {
        lb.label for lb in label_passages([passage("The project is large.")]) if lb.task == "policy_stage"
    }
    assert given == set()


def test_wildcard_term_matches_word_endings_only_at_word_start():
    pattern = re.compile(term_pattern("transport*"), re.IGNORECASE)
    assert pattern.search("Transportation improved")
    assert not pattern.search("intransport")


def test_features_scores_and_hits_agree():
    text = "Smart mobility: traffic and buses."
    features = lexicon_features(text)
    assert len(features) == 12 and features[4] > 0 and features[5] > 0
    assert lexicon_scores(text)["mobility"] == pytest.approx(0.9)
    assert {h.kind for h in find_terms(text)} == {"explicit", "cue"}


def test_classify_texts_output_shape():
    out = classify_texts(
        [
            {"id": "a", "text": "Mobilitas cerdas dan transportasi umum.", "lang": "id"},
            {"id": "b", "text": "xyz", "lang": "other"},
        ]
    )
    assert [r["id"] for r in out] == ["a", "b"]
    assert set(out[0]) == {"id", "fragment", "dimensions", "policy_stage", "diffusion"}
    assert out[0]["dimensions"][0]["label"] == "mobility"
    assert out[1]["dimensions"] == []


def _full_scan(text: str, task: str):
    """Every pattern's ``finditer`` over the whole text: what the indexed matcher must find."""
    from pipeline.classify.lexicon import LexiconHit, _compiled

    hits = [
        LexiconHit(p.label, m.start(), m.end(), m.group(0), p.kind, p.lang)
        for p in _compiled(task)
        for m in p.pattern.finditer(text)
    ]
    return tuple(sorted(hits, key=lambda h: (h.start, -h.end, h.label)))


@pytest.mark.parametrize("task", ["dimension", "policy_stage", "diffusion"])
def test_indexed_matching_finds_what_a_full_scan_finds(task):
    import random

    from pipeline.classify.lexicon import _all_hits, load_lexicon

    terms = sorted(
        {
            term
            for entry in load_lexicon(task)["labels"].values()
            for kind in ("explicit", "cues")
            for words in entry.get(kind, {}).values()
            for term in words
        }
    )
    rng = random.Random(7)
    glue = [" ", "  ", "\n", ", ", "-", "", "(", ") ", "/"]
    endings = ["", "s", "nya", "-based", "ing"]
    for _ in range(300):
        parts = []
        for _ in range(rng.randint(1, 8)):
            term = rng.choice(terms).rstrip("*") + rng.choice(endings)
            term = rng.choice([term, term.upper(), term.title(), term.replace(" ", "\n ")])
            parts += [term, rng.choice(glue), rng.choice(["the", "kota", "Xsmart", "dan", "42"])]
        text = "".join(parts)
        assert _all_hits.__wrapped__(text, task) == _full_scan(text, task), text


def test_text_whose_lower_case_changes_length_is_scanned_in_full():
    from pipeline.classify.lexicon import _all_hits

    text = "İzmir runs smart mobility pilots; SMART MOBILITY again"
    assert len(text.lower()) != len(text)
    hits = _all_hits.__wrapped__(text, "dimension")
    assert hits == _full_scan(text, "dimension")
    assert {h.text for h in hits if h.kind == "explicit"} == {"smart mobility", "SMART MOBILITY"}
