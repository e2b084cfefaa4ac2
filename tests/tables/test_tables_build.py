"""The comparison tables on the small hand-made store, before and after review decisions."""

from __future__ import annotations

import pandas as pd
from sample_store import decide, mention_of

from pipeline.store import Store
from pipeline.tables import TABLE_NAMES, build_tables, evidence_frame, load_frames
from pipeline.tables.evidence import with_issuers


def cell(table: pd.DataFrame, **keys) -> dict | None:
    """The one row of ``table`` matching ``keys``, or None."""
    mask = pd.Series(True, index=table.index)
    for column, value in keys.items():
        mask &= table[column] == value
    rows = table[mask].to_dict("records")
    assert len(rows) <= 1
    return rows[0] if rows else None


def test_build_tables_returns_every_table(store: Store):
    tables = build_tables(store)
    assert tuple(tables) == TABLE_NAMES
    assert all(isinstance(t, pd.DataFrame) for t in tables.values())


def test_dimension_by_country_counts_passages_by_passage_country(store: Store):
    dims = build_tables(store)["dimension_by_country"]
    # governance: A p1 (ID), A p2 (mentions ID and MY), B p1 (MY)
    assert cell(dims, dimension="governance", country="ID")["passages"] == 2
    assert cell(dims, dimension="governance", country="MY")["documents"] == 2
    # mobility: a passage without mentions takes the document's country (ID); a table cell
    # under a "Malaysia" column header takes MY
    assert cell(dims, dimension="mobility", country="ID")["passages"] == 1
    assert cell(dims, dimension="mobility", country="MY")["passages"] == 1
    quote = cell(dims, dimension="economy", country="MY")["top_evidence"]
    assert "MyDIGITAL" in quote and "p. 2" in quote and "Malaysia digital report" in quote


def test_instruments_by_country(store: Store):
    inst = build_tables(store)["instruments_by_country"]
    assert set(inst["type"]) == {"LAW", "AGENCY", "PROGRAMME"}  # no places, no dimensions
    perpres = cell(inst, country="ID", canonical_id="id/perpres/2018/95")
    assert (perpres["mentions"], perpres["documents"], perpres["type"]) == (2, 1, "LAW")
    mdec = cell(inst, country="MY", canonical_id="my:mdec")
    assert (mdec["mentions"], mdec["documents"], mdec["name"]) == (
        2,
        2,
        "Malaysia Digital Economy Corporation",
    )
    assert "p. " in mdec["first_evidence"]


def test_documents_and_law_citations(store: Store):
    tables = build_tables(store)
    docs = tables["documents"].set_index("file")
    assert docs.loc["kota_cerdas.pdf", "laws"] == 2
    assert docs.loc["kota_cerdas.pdf", "passages"] == 5
    assert docs.loc["my_report.pdf", "language_profile"] == "en 1.00"
    assert docs.loc["kota_cerdas.pdf", "countries"].startswith("ID (")
    laws = tables["law_citations"]
    perpres = cell(laws, law_id="id/perpres/2018/95")
    assert (perpres["jurisdiction"], perpres["type"], perpres["number"], perpres["year"]) == (
        "ID",
        "perpres",
        "95",
        2018,
    )
    assert (perpres["mentions"], perpres["pages"]) == (2, "1, 3")


def test_reject_removes_a_mention_from_the_instruments_table(store: Store):
    decide(store, mention_of(store, "MDEC", "AGENCY"), "reject")  # the one in document A
    tables = build_tables(store)
    mdec = cell(tables["instruments_by_country"], country="MY", canonical_id="my:mdec")
    assert (mdec["mentions"], mdec["documents"]) == (1, 1)
    # the passage no longer names Malaysia, so it no longer supports governance x MY
    dims = tables["dimension_by_country"]
    assert cell(dims, dimension="governance", country="MY")["passages"] == 1


def test_correct_changes_the_country(store: Store):
    decide(store, mention_of(store, "Kominfo"), "correct", {"country": "MY"})
    inst = build_tables(store)["instruments_by_country"]
    assert cell(inst, country="ID", canonical_id="id:kominfo") is None
    moved = cell(inst, country="MY", canonical_id="id:kominfo")
    assert moved["mentions"] == 1 and moved["reviewed"] == 1


def test_rejecting_a_dimension_mention_drops_its_lexicon_label(store: Store):
    decide(store, mention_of(store, "tata kelola cerdas"), "reject")
    dims = build_tables(store)["dimension_by_country"]
    assert cell(dims, dimension="governance", country="ID")["passages"] == 1


def test_an_added_mention_counts_in_the_tables(store: Store):
    passage = next(
        p for d in store.documents() for p in store.passages_of(d.id) if p.text == "Smart parking application"
    )
    payload = {
        "passage_id": passage.id,
        "start": 0,
        "end": 25,
        "text": "Smart parking application",
        "label": "PROGRAMME",
        "country": "MY",
        "canonical_id": "my:smart-parking",
        "canonical_name": "Smart parking",
    }
    decide(store, "added1", "add", payload, document_id=passage.document_id)
    inst = build_tables(store)["instruments_by_country"]
    row = cell(inst, country="MY", canonical_id="my:smart-parking")
    assert (row["mentions"], row["name"], row["reviewed"]) == (1, "Smart parking", 1)


def test_table_counts_are_counts_of_the_evidence_frame(store: Store):
    frames = load_frames(store)
    evidence = evidence_frame(frames)
    inst = build_tables(store)["instruments_by_country"]
    ev = evidence[evidence["table"] == "instruments_by_country"]
    assert inst["mentions"].sum() == len(ev)
    assert set(evidence["page"]) <= {1, 2, 3}
    assert evidence["quote"].str.len().max() <= 250


def test_an_empty_store_gives_empty_tables_with_their_columns(tmp_path):
    tables = build_tables(Store(f"sqlite:///{tmp_path / 'empty.db'}"))
    assert all(t.empty for t in tables.values())
    assert list(tables["dimension_by_country"].columns) == [
        "dimension",
        "country",
        "passages",
        "documents",
        "share",
        "document_share",
        "country_documents",
        "country_passages",
        "low_evidence",
        "top_evidence",
    ]
    assert "canonical_id" in tables["instruments_by_country"].columns


def test_table_records_are_plain_json(store: Store):
    import json

    from pipeline.tables import table_records

    for table in build_tables(store).values():
        rows = table_records(table)
        assert len(rows) == len(table)
        json.dumps(rows)  # raises on numpy or pandas scalars


def test_reviewed_dimension_labels_decide_the_dimension_table(store: Store):
    from pipeline.tables.decisions import label_target

    kominfo = mention_of(store, "Kominfo")
    first = mention_of(store, "Indonesia", "PLACE")  # A p1: governance by its mention
    for passage, labels in ((kominfo.passage_id, ["economy"]), (first.passage_id, [])):
        decide(
            store,
            label_target(passage, "dimension"),
            "correct",
            {"task": "dimension", "labels": labels},
            document_id=kominfo.document_id,
        )
    dims = build_tables(store)["dimension_by_country"]
    assert cell(dims, dimension="economy", country="ID")["passages"] == 1
    # A p1 had governance from its DIMENSION mention, A p2 from the model: both unticked
    assert cell(dims, dimension="governance", country="ID") is None


def test_a_regulation_cited_without_its_issuer_joins_the_one_issuer_the_corpus_names() -> None:
    keys = [
        "id/permen/2020/9",
        "id/permen/2020/9/kemenkes",
        "id/perda/2020/2",  # no issuer named anywhere: stays
        "id/permen/2019/7",
        "id/permen/2019/7/kemendagri",
        "id/permen/2019/7/kemenkeu",  # two issuers: the bare one is either
        "id/uu/2019/11",
    ]
    assert with_issuers(keys) == [
        "id/permen/2020/9/kemenkes",
        "id/permen/2020/9/kemenkes",
        "id/perda/2020/2",
        "id/permen/2019/7",
        "id/permen/2019/7/kemendagri",
        "id/permen/2019/7/kemenkeu",
        "id/uu/2019/11",
    ]
