"""The comparison tables: counts over the evidence frame, review decisions applied.

Every table is long-form (one row per cell or per entity), so it exports cleanly to
Parquet and CSV; the review page and the heat map pivot them. Keys that lead back to the
evidence: ``dimension``/``policy_stage``/``diffusion`` x ``country``; instruments
``type|canonical_id`` x ``country``; documents ``document_id`` x mention label (the count
columns of :data:`COUNT_COLUMNS`); law citations ``law_id`` x ``document_id``.
A ``canonical_id``/``law_id`` of the form ``text:<surface>`` means no canonical identity
was found for that surface text.
"""

from __future__ import annotations

import re

import pandas as pd

from pipeline.records import TASK_LABELS
from pipeline.store import Store
from pipeline.tables.country import COUNTRY_LABELS, UNKNOWN_COUNTRY
from pipeline.tables.evidence import (
    LABEL_TABLES,
    country_by_passage,
    evidence_frame,
    excluded_passages,
)
from pipeline.tables.frames import Frames, load_frames
from pipeline.tables.shares import (
    SHARE_COLUMNS,
    add_shares,
    fragment_ids,
    off_topic_documents,
    substantive_frame,
)

TABLE_NAMES: tuple[str, ...] = (
    "dimension_by_country",
    "instruments_by_country",
    "documents",
    "policy_stage_by_country",
    "diffusion_by_country",
    "law_citations",
)
COUNT_COLUMNS = {
    "LAW": "laws",
    "AGENCY": "agencies",
    "PROGRAMME": "programmes",
    "PLACE": "places",
    "DIMENSION": "dimensions",
}
TOP_QUOTES = 3
LABEL_TABLE_COLUMNS = ["country", "passages", "documents", *SHARE_COLUMNS, "top_evidence"]
INSTRUMENT_COLUMNS = [
    "country",
    "type",
    "canonical_id",
    "name",
    "documents",
    "mentions",
    "reviewed",
    "first_evidence",
]
DOCUMENT_COLUMNS = [
    "document_id",
    "file",
    "title",
    "year",
    "language",
    "language_profile",
    "pages",
    "status",
    "quality",
    "relevant",
    "relevance",
    "passages",
    "fragments",
    *COUNT_COLUMNS.values(),
    "countries",
]
LAW_COLUMNS = [
    "law_id",
    "law",
    "jurisdiction",
    "type",
    "number",
    "year",
    "document_id",
    "document",
    "mentions",
    "pages",
    "first_evidence",
]
LAW_ID_RE = re.compile(r"^([a-z]{2,3})/([^/]+)/(\d{4}|-)/([^/]+)$")
CELL = ["row_key", "col_key"]


def citations(ev: pd.DataFrame) -> pd.Series:
    """Every evidence row as text: ``"quote" (document, p. N)``."""
    return (
        "\u201c"
        + ev["quote"].astype(str)
        + "\u201d ("
        + ev["document"].astype(str)
        + ", p. "
        + ev["page"].astype(str)
        + ")"
    )


def top_evidence(ev: pd.DataFrame, n: int = TOP_QUOTES) -> pd.Series:
    """Per cell, its ``n`` best-scored pieces of evidence (one per passage), one per line."""
    best = ev.sort_values(["score", "document", "page"], ascending=[False, True, True])
    best = best.drop_duplicates([*CELL, "passage_id"])
    best = best.assign(_cite=citations(best)).groupby(CELL, sort=False).head(n)
    return best.groupby(CELL, sort=False)["_cite"].agg("\n".join)


def first_evidence(ev: pd.DataFrame) -> pd.Series:
    """Per cell, its earliest piece of evidence (document, page, position)."""
    first = ev.sort_values(["document", "page", "start"]).drop_duplicates(CELL)
    return citations(first).set_axis(pd.MultiIndex.from_frame(first[CELL]))


def most_common(ev: pd.DataFrame, column: str) -> pd.Series:
    """Per cell, the most frequent non-empty value of ``column`` (ties: alphabetical)."""
    values = ev[ev[column].notna()]
    values = values[values[column].astype(str).str.strip() != ""]
    counts = values.groupby([*CELL, column]).size().reset_index(name="_n")
    counts = counts.sort_values(["_n", column], ascending=[False, True]).drop_duplicates(CELL)
    return counts.set_index(CELL)[column].astype(str)


def label_table(
    evidence: pd.DataFrame,
    task: str,
    base: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """``<task label> x country``: passages, documents, shares (over ``base``, the
    substantive passages per country) and top quotes per cell."""
    ev = evidence[evidence["table"] == LABEL_TABLES[task]]
    columns = [task, *LABEL_TABLE_COLUMNS]
    if ev.empty:
        return pd.DataFrame(columns=columns).astype({"passages": "int64", "documents": "int64"})
    out = ev.groupby(CELL).agg(passages=("passage_id", "nunique"), documents=("document_id", "nunique"))
    out["top_evidence"] = top_evidence(ev)
    out = out.reset_index().rename(columns={"row_key": task, "col_key": "country"})
    if base is None:
        base = ev.drop_duplicates(["passage_id", "col_key"]).rename(columns={"col_key": "country"})
    out = add_shares(out, ev, base, task)
    order = {label: i for i, label in enumerate(TASK_LABELS[task])}
    out = out.assign(_o=out[task].map(order).fillna(len(order)), _u=out["country"] == UNKNOWN_COUNTRY)
    out = out.sort_values(
        ["_o", task, "_u", "passages", "country"], ascending=[True, True, True, False, True]
    )
    return out[columns].reset_index(drop=True)


def instruments_table(evidence: pd.DataFrame, frames: Frames) -> pd.DataFrame:
    """Laws, agencies and programmes per country, with counts and the first evidence."""
    ev = evidence[evidence["table"] == "instruments_by_country"]
    if ev.empty:
        return pd.DataFrame(columns=INSTRUMENT_COLUMNS).astype(
            {"documents": "int64", "mentions": "int64", "reviewed": "int64"}
        )
    info = frames.mentions.set_index("id")[["canonical_name", "text", "status"]]
    ev = ev.join(info, on="mention_id")
    ev = ev.assign(_reviewed=ev["status"].isin(["accepted", "corrected", "added"]))
    out = ev.groupby(CELL).agg(
        documents=("document_id", "nunique"), mentions=("mention_id", "size"), reviewed=("_reviewed", "sum")
    )
    out["name"] = most_common(ev, "canonical_name")
    out["name"] = out["name"].fillna(most_common(ev, "text")).fillna("")
    out["first_evidence"] = first_evidence(ev)
    out = out.reset_index()
    parts = out["row_key"].str.split("|", n=1, expand=True)
    out = out.assign(country=out["col_key"], type=parts[0], canonical_id=parts[1])
    out = out.astype({"reviewed": "int64"})
    order = {label: i for i, label in enumerate(COUNT_COLUMNS)}
    out = out.assign(_u=out["country"] == UNKNOWN_COUNTRY, _o=out["type"].map(order))
    out = out.sort_values(
        ["_u", "country", "_o", "mentions", "name"], ascending=[True, True, True, False, True]
    )
    return out[INSTRUMENT_COLUMNS].reset_index(drop=True)


def _profile_text(profile: object) -> str:
    """A language profile as text: ``en 0.85, id 0.15``."""
    if not isinstance(profile, dict) or not profile:
        return ""
    items = sorted(profile.items(), key=lambda kv: -float(kv[1] or 0))
    return ", ".join(f"{k} {float(v):.2f}" for k, v in items)


def _countries_text(countries: pd.Series) -> str:
    """The three countries mentioned most in a document: ``ID (40), MY (12)``."""
    counts = countries.dropna().value_counts().head(3)
    return ", ".join(f"{c} ({n})" for c, n in counts.items())


def _relevance_columns(docs: pd.DataFrame) -> tuple[pd.Series, pd.Series]:
    """(relevant, relevance score) per document; unjudged documents count as relevant."""
    off_topic = off_topic_documents(docs)
    relevant = ~docs["id"].isin(off_topic)
    score = docs["relevance"] if "relevance" in docs else pd.Series(float("nan"), index=docs.index)
    return relevant, score.astype("float64").round(3)


def documents_table(evidence: pd.DataFrame, frames: Frames) -> pd.DataFrame:
    """One row per document: metadata, relevance, language profile, quality, fragments and
    mention counts."""
    docs = frames.documents
    fragments = frames.passages[frames.passages["id"].isin(fragment_ids(frames.passages))]
    fragment_counts = fragments.groupby("document_id").size()
    relevant, relevance = _relevance_columns(docs)
    ev = evidence[evidence["table"] == "documents"]
    counts = pd.crosstab(ev["row_key"], ev["col_key"]) if not ev.empty else pd.DataFrame()
    passages = frames.passages.groupby("document_id").size()
    entities = frames.mentions[frames.mentions["label"].isin(COUNTRY_LABELS)]
    countries = entities.groupby("document_id")["country"].agg(_countries_text)
    out = pd.DataFrame(
        {
            "document_id": docs["id"],
            "file": docs["file"],
            "title": docs["title"],
            "year": docs["year"].astype("Int64"),
            "language": docs["language"],
            "language_profile": docs["language_profile"].map(_profile_text),
            "pages": docs["pages"].fillna(0).astype("int64"),
            "status": docs["status"],
            "quality": docs["quality"].astype("float64"),
            "relevant": relevant,
            "relevance": relevance,
            "passages": docs["id"].map(passages).fillna(0).astype("int64"),
            "fragments": docs["id"].map(fragment_counts).fillna(0).astype("int64"),
        }
    )
    for label, column in COUNT_COLUMNS.items():
        source = counts[label] if label in counts else pd.Series(dtype="int64")
        out[column] = docs["id"].map(source).fillna(0).astype("int64")
    out["countries"] = docs["id"].map(countries).fillna("")
    return out.sort_values(["file", "document_id"]).reset_index(drop=True)[DOCUMENT_COLUMNS]


def law_parts(law_id: str, law: object) -> dict[str, object]:
    """Jurisdiction, type, number and year of a law from its canonical id, else its record."""
    match = LAW_ID_RE.match(law_id)
    if match:
        j, t, y, n = match.groups()
        return {
            "jurisdiction": j.upper(),
            "type": t,
            "number": None if n == "-" else n,
            "year": None if y == "-" else int(y),
        }
    law = law if isinstance(law, dict) else {}
    return {
        "jurisdiction": (law.get("jurisdiction") or "").upper() or None,
        "type": law.get("type"),
        "number": law.get("number"),
        "year": law.get("year"),
    }


def law_citations_table(evidence: pd.DataFrame, frames: Frames) -> pd.DataFrame:
    """Which documents cite which law: one row per (law, document)."""
    ev = evidence[evidence["table"] == "law_citations"]
    if ev.empty:
        return pd.DataFrame(columns=LAW_COLUMNS).astype({"mentions": "int64"})
    ev = ev.join(frames.mentions.set_index("id")[["canonical_name", "text", "law"]], on="mention_id")
    records = ev[ev["law"].map(lambda x: isinstance(x, dict))].drop_duplicates(CELL)
    ev = ev.assign(_title=ev["law"].map(lambda x: x.get("title") if isinstance(x, dict) else None))
    out = ev.groupby(CELL).agg(
        mentions=("mention_id", "size"),
        document=("document", "first"),
        pages=("page", lambda p: ", ".join(map(str, sorted(set(p))))),
    )
    name = most_common(ev, "canonical_name")
    out["law"] = (
        name.reindex(out.index).fillna(most_common(ev, "_title")).fillna(most_common(ev, "text")).fillna("")
    )
    out["first_evidence"] = first_evidence(ev)
    law = records.set_index(CELL)["law"].reindex(out.index)
    out = out.reset_index().rename(columns={"row_key": "law_id", "col_key": "document_id"})
    parts = pd.DataFrame([law_parts(i, x) for i, x in zip(out["law_id"], law, strict=True)])
    out = pd.concat([out, parts], axis=1)[LAW_COLUMNS].astype({"year": "Int64"})
    return out.sort_values(["jurisdiction", "law_id", "document"], na_position="last").reset_index(drop=True)


def tables_from_frames(frames: Frames, evidence: pd.DataFrame | None = None) -> dict[str, pd.DataFrame]:
    """All tables from loaded frames (and their evidence frame, built when not given)."""
    countries = country_by_passage(frames)
    excluded = excluded_passages(frames)
    ev = evidence_frame(frames, countries, excluded) if evidence is None else evidence
    base = substantive_frame(frames.passages, countries, excluded)
    tables = {
        "dimension_by_country": label_table(ev, "dimension", base),
        "instruments_by_country": instruments_table(ev, frames),
        "documents": documents_table(ev, frames),
        "policy_stage_by_country": label_table(ev, "policy_stage", base),
        "diffusion_by_country": label_table(ev, "diffusion", base),
        "law_citations": law_citations_table(ev, frames),
    }
    return {name: tables[name] for name in TABLE_NAMES}


def build_tables(store: Store) -> dict[str, pd.DataFrame]:
    """The comparison tables from the store, review decisions applied (see module docstring)."""
    return tables_from_frames(load_frames(store))
