"""Shares that compare countries, not document lengths; fragments and off-topic documents
left out of the label tables."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from pipeline.records import Document, DocumentResult, Mention, Passage, PassageLabel
from pipeline.store import Store
from pipeline.tables import build_tables

STATEMENT = "The provincial government runs an integrated {} programme for residents."


def _document(
    doc_id: str, labels: list[str], table_cells: int = 0, relevant: bool | None = None
) -> DocumentResult:
    """An Indonesian document: one passage per label (its statement), plus ``table_cells``
    score-table cells labelled mobility, plus one fragment labelled mobility."""
    doc = Document(id=doc_id, file=f"{doc_id}.pdf", status="ok", language="en", relevant=relevant)
    passages, out_labels = [], []
    for i, label in enumerate(labels):
        passages.append(Passage(f"{doc_id}-p{i}", doc_id, 1, STATEMENT.format(label), lang="en"))
        out_labels.append(PassageLabel(f"{doc_id}-p{i}", doc_id, "dimension", label, 0.9, "m"))
    for j in range(table_cells):
        pid = f"{doc_id}-t{j}"
        passages.append(
            Passage(
                pid,
                doc_id,
                2,
                f"bus route number {j} service frequency",
                lang="en",
                kind="table_cell",
                table={"table_id": 1, "row": j + 1, "col": 1},
            )
        )
        out_labels.append(PassageLabel(pid, doc_id, "dimension", "mobility", 0.9, "m"))
    passages.append(Passage(f"{doc_id}-f", doc_id, 3, "2,50", lang="en"))
    out_labels.append(PassageLabel(f"{doc_id}-f", doc_id, "dimension", "mobility", 0.9, "m"))
    place = Mention(
        id=f"{doc_id}-m",
        document_id=doc_id,
        passage_id=f"{doc_id}-p0",
        page=1,
        label="PLACE",
        text="Indonesia",
        start=0,
        end=9,
        canonical_id="ID",
        country="ID",
    )
    return DocumentResult(document=doc, passages=passages, mentions=[place], labels=out_labels)


def _tables(tmp_path: Path, results: list[DocumentResult]) -> dict[str, pd.DataFrame]:
    tmp_path.mkdir(parents=True, exist_ok=True)
    store = Store(f"sqlite:///{tmp_path / 'shares.db'}")
    for result in results:
        store.save_result(result)
    tables = build_tables(store)
    store.dispose()
    return tables


def _cells(table: pd.DataFrame, country: str = "ID") -> pd.DataFrame:
    return table[table["country"] == country].set_index("dimension")


def test_repeating_one_documents_table_passages_moves_shares_by_at_most_its_weight(tmp_path):
    docs = [["governance", "economy"], ["governance", "living"], ["environment", "people"]]
    before = _cells(
        _tables(
            tmp_path / "a",
            [_document("a", docs[0], table_cells=2), _document("b", docs[1]), _document("c", docs[2])],
        )["dimension_by_country"]
    )
    after = _cells(
        _tables(
            tmp_path / "b",
            [_document("a", docs[0], table_cells=20), _document("b", docs[1]), _document("c", docs[2])],
        )["dimension_by_country"]
    )
    weight = 1 / 3
    assert after.loc["mobility", "passages"] == 10 * before.loc["mobility", "passages"]
    for label in before.index:
        moved = abs(after.loc[label, "document_share"] - before.loc[label, "document_share"])
        assert moved <= weight + 1e-9, label
    # the raw passage share moves much more than the document-weighted one
    raw = after.loc["mobility", "share"] - before.loc["mobility", "share"]
    weighted = after.loc["mobility", "document_share"] - before.loc["mobility", "document_share"]
    assert raw > weighted > 0


def test_cells_carry_documents_and_the_countrys_evidence(tmp_path):
    table = _tables(
        tmp_path,
        [_document("a", ["governance"]), _document("b", ["governance"]), _document("c", ["economy"])],
    )["dimension_by_country"]
    gov = _cells(table).loc["governance"]
    assert (gov["documents"], gov["country_documents"], gov["country_passages"]) == (2, 3, 3)
    assert gov["share"] == pytest.approx(2 / 3, abs=1e-3)
    assert gov["document_share"] == pytest.approx(2 / 3, abs=1e-3)
    assert not gov["low_evidence"] or gov["country_passages"] < 20


def test_a_country_with_one_document_is_marked_low_evidence(tmp_path):
    table = _tables(tmp_path, [_document("a", ["governance"])])["dimension_by_country"]
    assert bool(_cells(table).loc["governance", "low_evidence"])


def test_fragments_count_in_no_table_and_are_reported(tmp_path):
    tables = _tables(tmp_path, [_document("a", ["governance"])])
    dims = _cells(tables["dimension_by_country"])
    assert "mobility" not in dims.index  # only the fragment carried mobility
    assert tables["documents"].set_index("file").loc["a.pdf", "fragments"] == 1


def test_off_topic_documents_stay_listed_but_out_of_the_label_tables(tmp_path):
    tables = _tables(tmp_path, [_document("a", ["governance"]), _document("z", ["economy"], relevant=False)])
    dims = _cells(tables["dimension_by_country"])
    assert "economy" not in dims.index
    docs = tables["documents"].set_index("file")
    assert not docs.loc["z.pdf", "relevant"] and docs.loc["a.pdf", "relevant"]


def test_the_summary_says_how_many_fragments_were_left_out(tmp_path):
    from pipeline.tables.summary import summary_markdown

    text = summary_markdown(_tables(tmp_path, [_document("a", ["governance"]), _document("b", ["economy"])]))
    assert "2 fragments" in text


def test_the_heat_map_is_coloured_by_document_share_and_marks_thin_evidence(tmp_path):
    from pipeline.tables.heatmap import heatmap_figure

    table = _tables(tmp_path, [_document("a", ["governance"], table_cells=8), _document("b", ["economy"])])[
        "dimension_by_country"
    ]
    ax = heatmap_figure(table).axes[0]
    colours = ax.images[0].get_array()
    mobility_row = 2  # rows follow the dimension order: governance, economy, mobility, ...
    assert float(colours[mobility_row, 0]) == pytest.approx(
        float(table.set_index("dimension").loc["mobility", "document_share"])
    )
    assert [t.get_text() for t in ax.get_xticklabels()] == ["ID*"]
    assert any("8 p" in t.get_text() for t in ax.texts)
