"""Reviewed passages exported as training data (JSON Lines)."""

from __future__ import annotations

import json

from review_helpers import sample

from pipeline.review.export import reviewed_examples, write_reviewed
from pipeline.store import Store
from pipeline.tables import load_frames


def test_no_decisions_no_examples(store: Store):
    assert reviewed_examples(load_frames(store)) == []


def test_a_reviewed_passage_exports_only_what_people_decided(store: Store):
    mdec = sample.mention_of(store, "MDEC", "AGENCY")
    kominfo = sample.mention_of(store, "Kominfo")
    sample.decide(store, mdec, "reject", reviewer="Ana")
    sample.decide(
        store,
        kominfo,
        "correct",
        {"canonical_id": "id:komdigi"},
        reviewer="Budi",
        when="2025-01-02T00:00:00.000000+00:00",
    )
    [ex] = reviewed_examples(load_frames(store))
    assert ex["passage_id"] == mdec.passage_id and ex["document"] == mdec.document_id
    assert ex["file"] == "kota_cerdas.pdf" and ex["language"] == "en" and ex["page"] == 2
    assert ex["rejected"] == [{"start": mdec.start, "end": mdec.end, "text": "MDEC", "label": "AGENCY"}]
    [kominfo_span] = ex["mentions"]  # the machine mention nobody decided on is not a label
    assert (kominfo_span["text"], kominfo_span["canonical_id"], kominfo_span["status"]) == (
        "Kominfo",
        "id:komdigi",
        "corrected",
    )
    assert [m["text"] for m in ex["unreviewed"]] == ["Gerakan Menuju 100 Smart City"]
    for m in ex["mentions"] + ex["unreviewed"] + ex["rejected"]:
        assert ex["text"][m["start"] : m["end"]] == m["text"]
    assert "dimensions" not in ex and ex["machine_dimensions"] == ["governance"]
    assert ex["country"] == "ID"  # only Indonesian mentions remain
    assert ex["reviewers"] == ["Ana", "Budi"]


def test_an_added_mention_is_exported(store: Store):
    passage = next(
        p for d in store.documents() for p in store.passages_of(d.id) if p.text.startswith("Buses")
    )
    start = passage.text.index("GPS trackers")
    payload = {
        "passage_id": passage.id,
        "start": start,
        "end": start + len("GPS trackers"),
        "text": "GPS trackers",
        "label": "PROGRAMME",
        "country": "ID",
    }
    sample.decide(store, "new-mention", "add", payload, document_id=passage.document_id)
    [ex] = reviewed_examples(load_frames(store))
    assert ex["mentions"][0]["status"] == "added"
    assert ex["text"][ex["mentions"][0]["start"] : ex["mentions"][0]["end"]] == "GPS trackers"
    assert "dimensions" not in ex and ex["machine_dimensions"] == ["mobility"]


def test_write_reviewed_writes_json_lines(store: Store, tmp_path):
    sample.decide(store, sample.mention_of(store, "MyDIGITAL"), "accept")
    sample.decide(store, sample.mention_of(store, "Cyberjaya"), "accept")
    path = tmp_path / "out" / "reviewed.jsonl"
    assert write_reviewed(store, path) == 2
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    assert {r["passage_id"] for r in rows} == {"b-p0", "b-p1"}
    assert all(
        set(r)
        >= {
            "document",
            "passage_id",
            "text",
            "language",
            "mentions",
            "rejected",
            "unreviewed",
            "machine_dimensions",
        }
        for r in rows
    )
    assert all(m["status"] == "accepted" for r in rows for m in r["mentions"])


def test_reviewed_label_sets_are_exported_and_nothing_else_of_the_machines(store: Store):
    from pipeline.tables.decisions import label_target

    kominfo = sample.mention_of(store, "Kominfo")
    passage = kominfo.passage_id
    sample.decide(
        store,
        label_target(passage, "dimension"),
        "correct",
        {"task": "dimension", "labels": ["economy", "governance"]},
        reviewer="Citra",
        document_id=kominfo.document_id,
    )
    sample.decide(
        store,
        label_target(passage, "diffusion"),
        "correct",
        {"task": "diffusion", "labels": []},
        reviewer="Citra",
        document_id=kominfo.document_id,
    )
    [ex] = reviewed_examples(load_frames(store))
    assert ex["passage_id"] == passage
    assert ex["dimensions"] == ["economy", "governance"] and ex["diffusion"] == []
    assert "policy_stage" not in ex  # the machine's stage label nobody set is not exported
    assert "machine_dimensions" not in ex
    assert ex["label_status"] == {"dimensions": "corrected", "diffusion": "corrected"}
    assert ex["mentions"] == [] and len(ex["unreviewed"]) == 3
    assert ex["reviewers"] == ["Citra"]


def test_exported_label_sets_train_the_dimension_classifier(store: Store, tmp_path):
    from pipeline.tables.decisions import label_target
    from pipeline.train.dimensions import load_reviewed_examples

    kominfo = sample.mention_of(store, "Kominfo")
    sample.decide(
        store,
        label_target(kominfo.passage_id, "dimension"),
        "accept",
        {"task": "dimension", "labels": ["governance"]},
        document_id=kominfo.document_id,
    )
    sample.decide(store, sample.mention_of(store, "MyDIGITAL"), "accept")
    path = tmp_path / "reviewed.jsonl"
    assert write_reviewed(store, path) == 2
    [example] = load_reviewed_examples(path)  # the passage with only a mention decision has
    assert example.labels == ("governance",)  # no dimension label a person gave: skipped
    assert example.source == "reviewed"
