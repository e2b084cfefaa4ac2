"""The entity recogniser: data from gold lists, training, reproducibility, registry, pipeline hook."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from pipeline.registry import list_versions, production, read_metrics, read_registry
from pipeline.train import registry as reg
from pipeline.train.ner_data import (
    NerExample,
    Span,
    find_occurrences,
    gold_examples,
    non_overlapping,
    reviewed_examples,
    silver_examples,
    unannotated_names,
)

AGENCIES = ["Tirta Data Nusantara", "Harbour Digital Trust", "Lintas Informasi Kota"]
PROGRAMMES = ["Kelana Biru", "Harbour Lights", "Sapta Cerdas"]
CITIES = ["Bandung", "Surabaya", "Medan"]
EN = [
    "In {year} the {ag} launched {pr} to connect residents of {city} with public services.",
    "{pr} is coordinated by the {ag} together with the city government of {city}.",
    "Officials said that the {ag} will expand {pr} to more districts of {city} next year.",
]
ID = [
    "Pada tahun {year} {ag} meluncurkan {pr} untuk menghubungkan warga {city} dengan layanan.",
    "{pr} dikoordinasikan oleh {ag} bersama pemerintah kota {city} dan masyarakat.",
    "Pejabat mengatakan bahwa {ag} akan memperluas {pr} ke kecamatan lain di {city}.",
]
FILLER_EN = "The report also describes the weather, the river and the markets of the region."
FILLER_ID = "Laporan ini juga menjelaskan cuaca, sungai dan pasar yang ada di wilayah tersebut."


def sentence(lang: str, i: int, rng: random.Random) -> tuple[str, str, str]:
    """One templated sentence and the agency and programme it names."""
    ag, pr = AGENCIES[i % 3], PROGRAMMES[(i + rng.randint(0, 2)) % 3]
    template = (EN if lang == "en" else ID)[i % 3]
    return template.format(year=2015 + i, ag=ag, pr=pr, city=CITIES[i % 3]), ag, pr


def write_document(folder: Path, gold_dir: Path, name: str, lang: str, seed: int) -> None:
    """A text document of templated paragraphs and its gold file (document-level lists)."""
    rng = random.Random(seed)
    paragraphs, agencies, programmes = [], set(), set()
    for i in range(8):
        text, ag, pr = sentence(lang, i, rng)
        paragraphs.append(f"{text} {FILLER_EN if lang == 'en' else FILLER_ID}")
        agencies.add(ag)
        programmes.add(pr)
    paragraphs.append(FILLER_EN if lang == "en" else FILLER_ID)
    (folder / f"{name}.txt").write_text("\n\n".join(paragraphs) + "\n", encoding="utf-8")
    gold = {
        "file": f"{name}.txt",
        "status": "ok",
        "language": lang,
        "laws": [],
        "agencies": [{"name": a, "acronym": None, "country": "ID", "surface": a} for a in sorted(agencies)],
        "programmes": [
            {"name": p, "acronym": None, "country": "ID", "surface": p} for p in sorted(programmes)
        ],
    }
    (gold_dir / f"{name}.json").write_text(json.dumps(gold), encoding="utf-8")


@pytest.fixture()
def tiny_sources(tmp_path):
    """Gold files of four small text documents (two English, two Indonesian), one of each held out."""
    from pipeline.train.ner_corpus import NerSources

    docs, gold = tmp_path / "docs", tmp_path / "gold"
    docs.mkdir()
    gold.mkdir()
    for n, lang in enumerate(["en", "en", "id", "id"]):
        write_document(docs, gold, f"doc{n}_{lang}", lang, seed=n)
    return NerSources(
        gold_dir=gold,
        corpus_dir=docs,
        seeds_dir=docs,
        silver=False,
        holdout=["doc1_en", "doc3_id"],
        owned_dir=None,
        annotated=None,
    )


@pytest.fixture()
def models(tmp_path, monkeypatch):
    """An empty registry that the pipeline reads (SANDINGAN_MODELS), no NER override."""
    from pipeline.extract import ner_finder

    root = tmp_path / "models"
    root.mkdir()
    monkeypatch.setenv("SANDINGAN_MODELS", str(root))
    monkeypatch.delenv(ner_finder.ENV_VERSION, raising=False)
    ner_finder.reset()
    return root


def tiny_config(**changes):
    """A small, fast recipe for tiny data (small batches, a higher learning rate)."""
    from pipeline.train.ner_spacy import NerConfig

    return NerConfig(**{"width": 32, "batch_size": 4, "learn_rate": 0.003, "seed": 1, **changes})


def tiny_examples() -> list[NerExample]:
    """Training passages made here: every sentence with its agency and programme spans."""
    rng = random.Random(0)
    out = []
    for lang in ("en", "id"):
        for i in range(9):
            text, ag, pr = sentence(lang, i, rng)
            spans = [
                Span(text.index(ag), text.index(ag) + len(ag), "AGENCY"),
                Span(text.index(pr), text.index(pr) + len(pr), "PROGRAMME"),
            ]
            out.append(NerExample(text, lang, non_overlapping(spans), f"d{lang}", "gold"))
        out.append(NerExample(FILLER_EN if lang == "en" else FILLER_ID, lang, (), f"d{lang}", "gold"))
    return out


# ---- data -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "phrase", "expected"),
    [
        ("Kominfo and KOMINFO", "Kominfo", ["Kominfo"]),
        ("the Smart  City\nCouncil met", "Smart City Council", ["Smart  City\nCouncil"]),
        ("SMART CITY COUNCIL", "Smart City Council", ["SMART CITY COUNCIL"]),
        ("OJKS is not OJK", "OJK", ["OJK"]),
    ],
)
def test_find_occurrences_matches_whole_words(text, phrase, expected):
    assert [text[s:e] for s, e in find_occurrences(text, phrase)] == expected


def test_non_overlapping_keeps_the_longest_span():
    spans = [Span(0, 5, "AGENCY"), Span(0, 12, "PROGRAMME"), Span(14, 20, "AGENCY")]
    assert non_overlapping(spans) == (Span(0, 12, "PROGRAMME"), Span(14, 20, "AGENCY"))


def test_gold_lists_become_spans_in_every_passage():
    from pipeline.records import Passage

    gold = {
        "agencies": [{"name": "Harbour Digital Trust", "acronym": "HDT", "surface": "HDT"}],
        "programmes": [{"name": "Kelana Biru", "acronym": None, "surface": "Kelana Biru"}],
    }
    texts = [
        "The Harbour Digital Trust (HDT) runs Kelana Biru in the city.",
        "Later HDT said that Kelana Biru had reached every district of the city.",
    ]
    passages = [Passage(id=str(i), document_id="d", page=1, text=t, lang="en") for i, t in enumerate(texts)]
    found = [
        [(e.text[s.start : s.end], s.label) for s in e.spans] for e in gold_examples(gold, passages, [], "d")
    ]
    assert found == [
        [("Harbour Digital Trust", "AGENCY"), ("HDT", "AGENCY"), ("Kelana Biru", "PROGRAMME")],
        [("HDT", "AGENCY"), ("Kelana Biru", "PROGRAMME")],
    ]


def test_reviewed_export_lines_become_examples(tmp_path):
    line = {
        "document": "abc",
        "file": "report.pdf",
        "text": "The Harbour Lights plan of HDT.",
        "language": "en",
        "mentions": [
            {"start": 4, "end": 18, "label": "PROGRAMME"},
            {"start": 27, "end": 30, "label": "PLACE"},
        ],
        "rejected": [{"start": 27, "end": 30, "label": "AGENCY"}],
    }
    path = tmp_path / "reviewed.jsonl"
    path.write_text(json.dumps(line) + "\n\n")
    (example,) = reviewed_examples(path)
    assert example.spans == (Span(4, 18, "PROGRAMME"),)
    assert (example.document, example.source) == ("report.pdf", "reviewed")


def test_owned_passages_mark_every_exact_occurrence(tmp_path):
    from pipeline.train.ner_data import owned_examples

    path = tmp_path / "ner_en.jsonl"
    path.write_text(
        json.dumps(
            {
                "text": "The Kuching Flood Alert Network (KFAN) of the Kuching "
                "North City Hall; KFAN sends SMS. Kfan is not it.",
                "language": "en",
                "entities": [
                    {"text": "Kuching Flood Alert Network", "label": "PROGRAMME"},
                    {"text": "KFAN", "label": "PROGRAMME"},
                    {"text": "Kuching North City Hall", "label": "AGENCY"},
                ],
            }
        )
        + "\n\n"
    )
    [example] = owned_examples(path, "owned:ner_en")
    found = [(example.text[s.start : s.end], s.label) for s in example.spans]
    assert found == [
        ("Kuching Flood Alert Network", "PROGRAMME"),
        ("KFAN", "PROGRAMME"),
        ("Kuching North City Hall", "AGENCY"),
        ("KFAN", "PROGRAMME"),
    ]
    assert example.source == "owned" and example.document == "owned:ner_en"


def test_owned_files_train_and_are_never_held_out(tiny_sources):
    from pipeline.train.ner_corpus import DEFAULT_OWNED, load_corpus, split_documents
    from pipeline.train.ner_data import DataOptions

    tiny_sources.owned_dir = DEFAULT_OWNED
    corpus = load_corpus(tiny_sources, DataOptions(), progress=lambda _: None)
    owned = [d for d in corpus.examples if d.startswith("owned:")]
    assert sorted(owned) == ["owned:ner_en", "owned:ner_id"]
    trained, held = split_documents(corpus, [], seed=1)
    assert set(owned) <= set(trained) and not set(owned) & set(held)
    for document in owned:
        for example in corpus.examples[document]:
            assert all(0 <= s.start < s.end <= len(example.text) for s in example.spans)


def test_silver_takes_kb_names_and_leaves_pattern_names_unannotated():
    from pipeline.records import Mention, Passage

    text = "The Harbour Lights Action Plan of the Ministry of Works in Kuala Lumpur."
    passage = Passage(id="p", document_id="d", page=1, text=text, lang="en")

    def mention(name: str, label: str, method: str) -> Mention:
        start = text.index(name)
        return Mention(
            id=name,
            document_id="d",
            passage_id="p",
            page=1,
            label=label,
            text=name,
            start=start,
            end=start + len(name),
            method=method,
        )

    (example,) = silver_examples(
        [passage],
        [
            mention("Ministry of Works", "AGENCY", "kb"),
            mention("Harbour Lights Action Plan", "PROGRAMME", "pattern"),
        ],
        "d",
    )
    assert [(text[s.start : s.end], s.label) for s in example.spans] == [("Ministry of Works", "AGENCY")]
    assert [text[s:e] for s, e in example.unknown] == ["Harbour Lights Action Plan", "Kuala Lumpur"]


def test_silver_leaves_unknown_names_unannotated():
    text = "The GoKL Journey Planner was built by the Ministry of Works in Kuala Lumpur."
    start = text.index("Ministry")
    unknown = unannotated_names(text, (Span(start, start + len("Ministry of Works"), "AGENCY"),))
    assert [text[s:e] for s, e in unknown] == ["The GoKL Journey Planner", "Kuala Lumpur"]


def test_split_holds_out_gold_documents_of_each_language():
    from pipeline.train.ner_corpus import split_documents
    from pipeline.train.ner_data import Corpus

    corpus = Corpus()
    for name, lang in [("a", "en"), ("b", "en"), ("c", "en"), ("d", "id"), ("e", "id"), ("s", "id")]:
        corpus.add(name, tiny_examples()[:1], lang)
        if name != "s":
            corpus.gold[name] = {}
    trained, held = split_documents(corpus, [], seed=1)
    assert split_documents(corpus, [], seed=1) == (trained, held)
    assert {corpus.languages[d] for d in held} == {"en", "id"} and "s" in trained
    assert not set(trained) & set(held)
    assert split_documents(corpus, ["b"], seed=1)[1] == ["b"]


# ---- training ---------------------------------------------------------------------------


def test_training_on_a_few_sentences_finds_their_entities():
    from pipeline.train.ner_spacy import predict_spans, train_pipeline

    examples = tiny_examples()
    nlp = train_pipeline(examples, tiny_config(iterations=15))
    predicted = predict_spans(nlp, [e.text for e in examples])
    wanted = {(i, s) for i, e in enumerate(examples) for s in e.spans}
    got = {(i, s) for i, spans in enumerate(predicted) for s in spans}
    assert len(wanted & got) >= 0.9 * len(wanted)
    assert len(got - wanted) <= 0.1 * len(got)


def test_lone_surrogates_from_broken_text_layers_do_not_crash_the_model():
    from pipeline.extract.ner_finder import safe_text
    from pipeline.train.ner_spacy import predict_spans, train_pipeline

    broken = "The \ud835 Harbour Lights plan of the Harbour Digital Trust."
    assert len(safe_text(broken)) == len(broken) and "\ud835" not in safe_text(broken)
    nlp = train_pipeline(tiny_examples()[:4], tiny_config(iterations=1))
    assert len(predict_spans(nlp, [broken])) == 1


def test_same_data_and_seed_give_the_same_metrics(tiny_sources, models):
    from pipeline.train.ner import train_ner

    first = train_ner(tiny_config(iterations=6, seed=3), tiny_sources, models_dir=models)
    second = train_ner(tiny_config(iterations=6, seed=3), tiny_sources, models_dir=models)
    assert (first.name, second.name) == ("v1", "v2")
    assert (first / "metrics.json").read_text() == (second / "metrics.json").read_text()
    training = [json.loads((p / "training.json").read_text()) for p in (first, second)]
    assert training[0]["data_hash"] == training[1]["data_hash"]
    assert training[0]["documents"]["held_out"] == ["doc1_en", "doc3_id"]
    assert not set(training[0]["documents"]["trained"]) & {"doc1_en", "doc3_id"}
    metrics = json.loads((first / "metrics.json").read_text())
    assert set(metrics["per_language"]) == {"en", "id"}
    assert set(metrics["per_label"]) == {"LAW", "AGENCY", "PROGRAMME"}
    assert metrics["pipeline"]["documents"] == ["doc1_en", "doc3_id"]


def test_promotion_refuses_a_deliberately_worse_ner_model(tiny_sources, models):
    from pipeline.train.ner import train_ner

    good = train_ner(tiny_config(iterations=15, seed=1), tiny_sources, models_dir=models)
    worse = train_ner(tiny_config(iterations=1, seed=1), tiny_sources, models_dir=models)
    assert (
        read_metrics("ner", worse.name, models)["macro"]["f1"]
        < read_metrics("ner", good.name, models)["macro"]["f1"]
    )
    reg.promote("ner", good.name, models_dir=models)
    with pytest.raises(reg.PromotionRefused):
        reg.promote("ner", worse.name, models_dir=models)
    assert production("ner", models) == good.name
    forced = reg.promote("ner", worse.name, force=True, models_dir=models)
    assert forced.forced and read_registry(models)["ner"]["history"][-1]["forced"]


# ---- the pipeline -----------------------------------------------------------------------


def test_the_pipeline_uses_the_production_ner_model(tiny_sources, models, monkeypatch):
    from pipeline.extract import extract_mentions, ner_finder
    from pipeline.records import Document, Passage
    from pipeline.train.ner import train_ner

    # a sentence whose programme no rule finds ("meluncurkan Kelana Biru" would be the launch rule's)
    text = (
        "Pejabat mengatakan bahwa Lintas Informasi Kota akan memperluas Kelana Biru ke kecamatan "
        "lain di Bandung."
    )
    passages = [Passage(id="p1", document_id="d", page=1, text=text, lang="id")]
    document = Document(id="d", file="d.pdf")
    before = extract_mentions(document, passages)
    assert not any(m.method.startswith("model@") for m in before)

    version = train_ner(tiny_config(iterations=15, seed=1), tiny_sources, models_dir=models).name
    reg.promote("ner", version, models_dir=models)
    after = {m.text: m for m in extract_mentions(document, passages)}
    found = after["Kelana Biru"]
    assert found.method == f"model@ner/{version}" and found.label == "PROGRAMME"
    assert found.canonical_id == "programme/_/kelana-biru"
    assert (found.country, found.country_rule) == ("ID", "sentence")

    monkeypatch.setenv(ner_finder.ENV_VERSION, "none")
    assert not any(m.method.startswith("model@") for m in extract_mentions(document, passages))


@pytest.mark.parametrize(
    ("name", "plausible"),
    [
        ("GoKL Journey Planner", True),
        ("JakLingko", True),
        ("Pemulihan Ekonomi Daerah", True),
        ("Thailand 4.0", True),
        ("Yangon", False),
        ("Kota Semarang", False),
        ("JAKI", False),
        ("11 Juli 2016", False),
        ("Pemulihan Ekonomi dan", False),
        ("smart city", False),
    ],
)
def test_model_entities_must_look_like_names(name, plausible):
    from pipeline.extract.kb import default_kb
    from pipeline.extract.ner_finder import plausible_name

    assert plausible_name(name, default_kb()) is plausible


# ---- commands and the retrain flow's interface ------------------------------------------


def test_train_and_evaluate_ner_commands(tiny_sources, models):
    from typer.testing import CliRunner

    from pipeline.cli import app

    paths = [
        "--gold",
        str(tiny_sources.gold_dir),
        "--corpus",
        str(tiny_sources.corpus_dir),
        "--seeds",
        str(tiny_sources.seeds_dir),
        "--no-silver",
        "--annotated",
        "",
        "--iterations",
        "2",
    ]
    result = CliRunner().invoke(app, ["train", "ner", *paths, "--holdout", "doc1_en", "--holdout", "doc3_id"])
    assert result.exit_code == 0, result.output
    assert "trained" in result.output and "span macro-F1" in result.output
    assert list_versions("ner", models) == ["v1"] and production("ner", models) is None
    saved = tiny_sources.gold_dir.parent / "folds"
    result = CliRunner().invoke(app, ["evaluate", "ner", *paths, "--folds", "2", "--save-models", str(saved)])
    assert result.exit_code == 0, result.output
    assert "2-fold cross-validation by document" in result.output
    assert "knowledge base: full" in result.output
    held = [json.loads((saved / f"fold{k}" / "held_out.json").read_text()) for k in (1, 2)]
    assert sorted(held[0] + held[1]) == ["doc0_en", "doc1_en", "doc2_id", "doc3_id"]
    assert (saved / "fold1" / "config.cfg").is_file()
    result = CliRunner().invoke(app, ["evaluate", "ner", *paths, "--folds", "2", "--blind-kb"])
    assert result.exit_code == 0, result.output
    assert "knowledge base: blind to each scored document's entities" in result.output
    assert list_versions("ner", models) == ["v1"]


def test_a_blind_knowledge_base_forgets_the_documents_agencies_and_programmes():
    from pipeline.evaluate.entities import blind_kb
    from pipeline.extract.kb import read_entries

    gold = {
        "agencies": [
            {"name": "Kementerian Komunikasi dan Informatika", "acronym": "Kominfo", "surface": "Kominfo"},
            {"name": "Pemerintah Kabupaten Sleman", "acronym": None, "surface": "Pemkab Sleman"},
        ],
        "programmes": [{"name": "Satu Data Indonesia", "acronym": None, "surface": "Satu Data Indonesia"}],
    }
    entries = read_entries()
    kb = blind_kb(gold, entries)
    assert not kb.lookup_name("Kominfo", "agency")
    assert not kb.lookup_name("Satu Data Indonesia", "programme")
    assert kb.lookup_name("Kementerian Keuangan", "agency")
    assert kb.lookup_name("Jakarta", "place")
    assert blind_kb({}, entries).lookup_name("Kominfo", "agency")
    # lines built from an authoritative list (the region codes) were not built from the document
    assert [e.id for e in kb.lookup_name("Pemerintah Kabupaten Sleman", "agency")] == [
        "agency/id/pemkab-sleman"
    ]


def test_a_retrain_reuses_the_recipe_and_held_out_documents(tiny_sources, models):
    from pipeline.train import ner

    assert ner.recipe_of("ner", None, models)[0] == ner.NerConfig()
    first = ner.train_model(tiny_config(iterations=2, seed=5), tiny_sources, "ner", models)
    config, sources = ner.recipe_of("ner", first.name, models)
    assert config == tiny_config(iterations=2, seed=5)
    again = ner.train_model(config, ner.Sources.from_dict(sources), "ner", models)
    held = [json.loads((p / "training.json").read_text())["documents"]["held_out"] for p in (first, again)]
    assert held[0] == held[1] == ["doc1_en", "doc3_id"]
    with pytest.raises(ValueError):
        ner.train_model(config, tiny_sources, "dimensions", models)


def test_undecided_machine_mentions_of_a_reviewed_passage_are_left_unannotated(tmp_path):
    text = "The Harbour Lights plan of HDT and the Port Board."
    line = {
        "file": "report.pdf",
        "text": text,
        "language": "en",
        "mentions": [
            {"start": 4, "end": 18, "label": "PROGRAMME", "status": "accepted"},
            {"start": 39, "end": 49, "label": "AGENCY", "status": "machine"},
        ],
        "unreviewed": [{"start": 27, "end": 30, "label": "AGENCY"}],
    }
    path = tmp_path / "reviewed.jsonl"
    path.write_text(json.dumps(line) + "\n")
    (example,) = reviewed_examples(path)
    assert example.spans == (Span(4, 18, "PROGRAMME"),)  # only what a person decided
    assert sorted(example.unknown) == [(27, 30), (39, 49)]  # neither entity nor not


def test_nested_undecided_mentions_become_one_unannotated_stretch():
    from pipeline.train.ner_spacy import NerConfig, blank_pipeline, to_training_example

    text = "Kominfo runs Jakarta Smart City in Jakarta."
    example = NerExample(
        text, "en", (Span(0, 7, "AGENCY"),), "doc", "reviewed", ((13, 31), (13, 20))
    )  # a PLACE nested in an undecided PROGRAMME
    reference = to_training_example(blank_pipeline(NerConfig()), example).reference
    assert [t.ent_iob_ for t in reference][:6] == ["B", "O", "", "", "", "O"]
