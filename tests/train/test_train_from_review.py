"""A realistic review of 100 decisions, exported and read by both trainers: nothing in the
training data is a machine label no person decided on or saw."""

from __future__ import annotations

import random
import re

import pytest
from fastapi.testclient import TestClient

from pipeline.classify.model import ClassifierConfig
from pipeline.records import Document, DocumentResult, Mention, Page, Passage, PassageLabel
from pipeline.review.app import create_app
from pipeline.review.export import write_reviewed
from pipeline.store import Store
from pipeline.tables.decisions import label_target, passage_target
from pipeline.train import dimensions as td
from pipeline.train.ner_data import reviewed_examples as ner_examples

AGENCIES = ["Kominfo", "Bappenas", "MDEC", "GovTech", "Dinas Perhubungan", "DEPA"]
PROGRAMMES = ["Smart Nation", "Jakarta Smart City", "MyDIGITAL", "Gerakan 100 Smart City"]
CITIES = ["Jakarta", "Bandung", "Cyberjaya", "Surabaya"]
DIMENSIONS = ["governance", "economy", "mobility", "environment", "people", "living"]
UNFOUND = "Kampung Pintar"  # a programme the machine never finds: reviewers add it


def generated_store(path, rng: random.Random) -> Store:
    """Four documents of twelve passages, each with three machine mentions and one or two
    machine dimension labels."""
    store = Store(f"sqlite:///{path}")
    for d in range(4):
        doc = f"{d:x}" * 64
        passages, mentions, labels = [], [], []
        for i in range(12):
            ag, pr, city = rng.choice(AGENCIES), rng.choice(PROGRAMMES), rng.choice(CITIES)
            text = f"{ag} runs {pr} with {UNFOUND} in {city} for the residents (item {i})."
            p = Passage(
                id=f"{doc[:12]}-p{i}",
                document_id=doc,
                page=1 + i // 4,
                text=text,
                lang="en" if d % 2 else "id",
            )
            passages.append(p)
            for surface, label in ((ag, "AGENCY"), (pr, "PROGRAMME"), (city, "PLACE")):
                start = text.index(surface)
                mentions.append(
                    Mention(
                        Mention.make_id(p.id, start, start + len(surface), label),
                        doc,
                        p.id,
                        p.page,
                        label,
                        surface,
                        start,
                        start + len(surface),
                        surface.lower(),
                        surface,
                        "ID",
                        "entity",
                        0.8,
                        "rule",
                    )
                )
            for label in rng.sample(DIMENSIONS, rng.choice([1, 2])):
                labels.append(PassageLabel(p.id, doc, "dimension", label, 0.7, "model@test"))
        document = Document(
            id=doc,
            file=f"doc{d}.pdf",
            path=f"/nowhere/doc{d}.pdf",
            pages=3,
            language="en",
            title=f"Report {d}",
        )
        store.save_result(
            DocumentResult(document, [Page(doc, n) for n in (1, 2, 3)], passages, mentions, labels)
        )
    return store


class Reviewer:
    """Posts the review page's forms and keeps its own record of what a person decided."""

    def __init__(self, client: TestClient) -> None:
        self.client = client
        self.csrf = re.search(r'name="csrf" value="([^"]+)"', client.get("/").text).group(1)
        self.made: list[tuple[str, str]] = []  # (decision id, target)
        self.undone: set[str] = set()

    def _post(self, route: str, data: dict) -> str:
        data = {"csrf": self.csrf, "reviewer": "Ana", "next": "/"} | data
        response = self.client.post(route, data=data, follow_redirects=False)
        assert response.status_code == 303, response.text[:300]
        decision_id = re.search(r"done=([0-9a-f]+)", response.headers["location"]).group(1)
        return decision_id

    def version(self, target: str) -> str:
        return self.client.app.state.review.state.current().version(target)

    def mention(self, mention_id: str, action: str, **fields: str) -> None:
        did = self._post(
            "/decide",
            {"mention_id": mention_id, "action": action, "version": self.version(mention_id)} | fields,
        )
        self.made.append((did, mention_id))

    def add(self, passage: Passage) -> None:
        did = self._post("/add", {"passage_id": passage.id, "text": UNFOUND, "label": "PROGRAMME"})
        start = passage.text.index(UNFOUND)
        self.made.append((did, Mention.make_id(passage.id, start, start + len(UNFOUND), "PROGRAMME")))

    def labels(self, passage: Passage, chosen: list[str]) -> None:
        target = label_target(passage.id, "dimension")
        did = self._post(
            "/labels",
            {
                "passage_id": passage.id,
                "task": "dimension",
                "labels": chosen,
                "version": self.version(target),
            },
        )
        self.made.append((did, target))

    def mark(self, passage: Passage) -> None:
        target = passage_target(passage.id)
        did = self._post(
            "/passage", {"passage_id": passage.id, "action": "accept", "version": self.version(target)}
        )
        self.made.append((did, target))

    def undo(self, rng: random.Random) -> None:
        did, target = rng.choice([m for m in self.made if m[0] not in self.undone])
        route, key = (
            ("/labels", "passage_id")
            if target.startswith("labels:")
            else ("/passage", "passage_id")
            if target.startswith("passage:")
            else ("/decide", "mention_id")
        )
        ident = target.rsplit(":", 1)[-1] if key == "passage_id" else target
        extra = {"task": "dimension"} if route == "/labels" else {}
        self._post(
            route, {key: ident, "action": "undo", "undoes": did, "version": self.version(target)} | extra
        )
        self.undone.add(did)

    def standing(self) -> set[str]:
        """Targets with at least one decision that is not undone."""
        return {t for d, t in self.made if d not in self.undone}


def review_100(store: Store, rng: random.Random) -> Reviewer:
    """100 decisions of every kind, in a seeded random order, through the page's forms."""
    passages = [p for d in store.documents() for p in store.passages_of(d.id)]
    mentions = [m for d in store.documents() for m in store.mentions_of(d.id)]
    with TestClient(create_app(store), base_url="http://127.0.0.1") as client:
        reviewer = Reviewer(client)
        kinds = (
            ["accept"] * 15
            + ["reject"] * 12
            + ["correct"] * 8
            + ["add"] * 10
            + ["labels"] * 30
            + ["mark"] * 15
            + ["undo"] * 10
        )
        rng.shuffle(kinds)
        kinds.sort(key=lambda k: k == "undo")  # undos after something to undo
        for kind in kinds:
            if kind in ("accept", "reject"):
                reviewer.mention(rng.choice(mentions).id, kind)
            elif kind == "correct":
                reviewer.mention(rng.choice(mentions).id, "correct", country=rng.choice(["MY", "SG"]))
            elif kind == "add":
                reviewer.add(rng.choice(passages))
            elif kind == "labels":
                reviewer.labels(rng.choice(passages), rng.sample(DIMENSIONS, rng.choice([0, 1, 2])))
            elif kind == "mark":
                reviewer.mark(rng.choice(passages))
            else:
                reviewer.undo(rng)
    assert len(store.decisions()) == 100
    return reviewer


@pytest.fixture(scope="module")
def reviewed(tmp_path_factory):
    """(store, reviewer's record, export path) after 100 decisions."""
    folder = tmp_path_factory.mktemp("review100")
    rng = random.Random(7)
    store = generated_store(folder / "store.db", rng)
    reviewer = review_100(store, rng)
    path = folder / "reviewed.jsonl"
    write_reviewed(store, path)
    yield store, reviewer, path
    store.dispose()


def test_every_exported_label_was_decided_or_seen_by_a_person(reviewed):
    import json

    store, reviewer, path = reviewed
    standing = reviewer.standing()
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    assert records
    ids = {}
    for d in store.documents():
        for m in store.mentions_of(d.id):
            ids[(m.passage_id, m.start, m.end, m.label)] = m.id
    for r in records:
        marked = passage_target(r["passage_id"]) in standing
        assert bool(r.get("passage_reviewed")) == marked
        for m in r["mentions"]:
            assert m["status"] in ("accepted", "corrected", "added", "seen")
            if m["status"] == "seen":
                assert marked
            elif m["status"] != "added":
                assert ids[(r["passage_id"], m["start"], m["end"], m["label"])] in standing
        for m in r["unreviewed"]:
            assert ids[(r["passage_id"], m["start"], m["end"], m["label"])] not in standing
            assert not marked
        assert ("dimensions" in r) == (label_target(r["passage_id"], "dimension") in standing)


def test_both_trainers_read_only_what_people_decided(reviewed, tiny_base, tmp_path):
    store, reviewer, path = reviewed
    standing = reviewer.standing()
    label_passages = {t.split(":", 2)[2] for t in standing if t.startswith("labels:")}
    examples = td.load_reviewed_examples(path)
    assert len(examples) == len(label_passages) > 0
    ner = ner_examples(path)
    assert ner and all(e.source == "reviewed" for e in ner)
    # the dimension classifier trains on the reviewed labels alone (two documents or more)
    config = ClassifierConfig(
        labels=DIMENSIONS, base_model=str(tiny_base), encoder_layers=None, quantize=False, epochs=3
    )
    sources = td.Sources(
        gold_dir=None,
        reviewed=path,
        seed_file=None,
        owned_dir=None,
        annotated=None,
        pdf_dirs=[],
        test_gold=None,
        folds=2,
    )
    target = td.train_model(config, sources, models_dir=tmp_path)
    assert (target / "weights.safetensors").is_file()
    from pipeline.train.ner_spacy import NerConfig, train_pipeline

    nlp = train_pipeline(ner, NerConfig(width=32, batch_size=4, seed=1, iterations=2))
    assert "ner" in nlp.pipe_names
