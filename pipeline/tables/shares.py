"""What a country's row rests on: substantive passages, documents, shares.

A raw passage count compares document lengths, not countries: one long report of score
tables can outweigh every other source. So each label x country cell also carries

- ``share``: the cell's passages over the country's substantive passages (not fragments,
  not in off-topic documents);
- ``document_share``: the mean, over the country's documents, of each document's own share
  (every document weighs the same, so repeating one document's passages moves the share
  by at most that document's weight, 1 / documents);
- ``country_documents`` / ``country_passages``: the evidence behind the country;
- ``low_evidence``: fewer than :data:`MIN_DOCUMENTS` documents or :data:`MIN_PASSAGES`
  substantive passages: shown, but marked so the eye is not drawn to noise.
"""

from __future__ import annotations

import pandas as pd

from pipeline.fragments import is_fragment

MIN_DOCUMENTS = 2
MIN_PASSAGES = 20
SHARE_COLUMNS = ["share", "document_share", "country_documents", "country_passages", "low_evidence"]


def fragment_ids(passages: pd.DataFrame) -> set[str]:
    """Ids of the passages that are fragments (:func:`~pipeline.fragments.is_fragment`)."""
    tables = passages["table"] if "table" in passages else [None] * len(passages)
    kinds = passages["kind"] if "kind" in passages else ["text"] * len(passages)
    return {
        pid
        for pid, text, kind, table in zip(passages["id"], passages["text"], kinds, tables, strict=True)
        if is_fragment(str(text or ""), str(kind or "text"), table if isinstance(table, dict) else None)
    }


def off_topic_documents(documents: pd.DataFrame) -> set[str]:
    """Ids of documents judged not about public policy, governance or cities (and not
    included by a reviewer); documents without a judgement count as on topic."""
    if "relevant" not in documents:
        return set()
    flags = documents["relevant"]
    return {
        d
        for d, flag in zip(documents["id"], flags, strict=True)
        if flag is not None and flag == flag and not bool(flag)
    }


def substantive_frame(
    passages: pd.DataFrame, countries: dict[str, tuple[str, ...]], excluded: set[str]
) -> pd.DataFrame:
    """One row per (substantive passage, country): ``passage_id, document_id, country``."""
    rows = [
        (pid, doc, c)
        for pid, doc in zip(passages["id"], passages["document_id"], strict=True)
        if pid not in excluded
        for c in countries.get(pid, ())
    ]
    return pd.DataFrame(rows, columns=["passage_id", "document_id", "country"])


def add_shares(table: pd.DataFrame, evidence: pd.DataFrame, base: pd.DataFrame, task: str) -> pd.DataFrame:
    """The label table with the share columns of the module docstring."""
    if table.empty:
        return table.assign(**{c: pd.Series(dtype="float64") for c in SHARE_COLUMNS})
    per_doc = base.groupby(["country", "document_id"]).size().rename("doc_total")
    per_country = base.groupby("country").agg(
        country_passages=("passage_id", "nunique"), country_documents=("document_id", "nunique")
    )
    hits = (
        evidence.drop_duplicates(["row_key", "col_key", "passage_id"])
        .groupby(["row_key", "col_key", "document_id"])
        .size()
        .rename("hits")
        .reset_index()
    )
    hits = hits.join(per_doc, on=["col_key", "document_id"])
    hits["doc_share"] = hits["hits"] / hits["doc_total"]
    summed = hits.groupby(["row_key", "col_key"])["doc_share"].sum()
    out = table.join(per_country, on="country")
    key = pd.MultiIndex.from_arrays([out[task], out["country"]])
    out["document_share"] = summed.reindex(key).to_numpy() / out["country_documents"].to_numpy()
    out["share"] = out["passages"] / out["country_passages"]
    out[["share", "document_share"]] = out[["share", "document_share"]].astype(float).round(4)
    out["country_documents"] = out["country_documents"].fillna(0).astype("int64")
    out["country_passages"] = out["country_passages"].fillna(0).astype("int64")
    out["low_evidence"] = (out["country_documents"] < MIN_DOCUMENTS) | (
        out["country_passages"] < MIN_PASSAGES
    )
    return out
