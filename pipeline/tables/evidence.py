"""The long-form evidence frame: every table cell -> the passages (and mentions) behind it.

One row per piece of evidence, with the cell it supports (``table``, ``row_key``,
``col_key``), its document, page, passage, mention (if any), the mention's span in the
passage, a score and a short quote. The tables are counts over this frame, and the review
page lists the rows of one cell, so a number in a table is always the evidence shown for it.

Cells, per table:

Fragments (passages that state nothing) and the passages of off-topic documents support
no label cell.

- ``dimension_by_country``: (dimension, passage country); a passage supports a dimension by
  a passage label of task ``dimension`` or a DIMENSION mention (canonical_id = dimension).
  A lexicon label whose DIMENSION mentions were all rejected or corrected away is dropped;
- ``policy_stage_by_country`` / ``diffusion_by_country``: (label, passage country);
- ``instruments_by_country``: (``LABEL|entity``, mention country) for LAW, AGENCY, PROGRAMME;
- ``documents``: (document id, mention label);
- ``law_citations``: (law entity, document id).

An entity is its canonical id, else ``text:`` + its lower-cased surface text.
"""

from __future__ import annotations

import pandas as pd

from pipeline.records import DIMENSIONS, ISSUED_LAW_TYPES
from pipeline.tables.country import (
    COUNTRY_LABELS,
    UNKNOWN_COUNTRY,
    dominant_country,
    passage_countries,
    table_country,
)
from pipeline.tables.frames import Frames
from pipeline.tables.shares import fragment_ids, off_topic_documents

EVIDENCE_COLUMNS = [
    "table",
    "row_key",
    "col_key",
    "document_id",
    "document",
    "passage_id",
    "page",
    "mention_id",
    "start",
    "end",
    "score",
    "quote",
]
LABEL_TABLES = {
    "dimension": "dimension_by_country",
    "policy_stage": "policy_stage_by_country",
    "diffusion": "diffusion_by_country",
}
INSTRUMENT_LABELS = ("LAW", "AGENCY", "PROGRAMME")
QUOTE_CHARS = 240


def entity_key(canonical_id: object, text: object) -> str:
    """The identity of an entity in the tables: canonical id, else ``text:<surface>``."""
    if isinstance(canonical_id, str) and canonical_id.strip():
        return canonical_id.strip()
    return "text:" + " ".join(str(text or "").lower().split())


def with_issuers(keys: list[str]) -> list[str]:
    """Law keys of an issuer's regulation cited without the issuer ("id/permen/2020/9") as
    the one issuer-named key of the same type, year and number that the corpus holds
    ("id/permen/2020/9/kemenkes"); left alone when it holds none or several."""
    named: dict[str, set[str]] = {}
    for key in set(keys):
        parts = key.split("/")
        if len(parts) == 5 and parts[0] == "id" and parts[1] in ISSUED_LAW_TYPES:
            named.setdefault("/".join(parts[:4]), set()).add(key)
    return [next(iter(named[k])) if len(named.get(k, ())) == 1 else k for k in keys]


def snippet(text: str, start: int = -1, end: int = -1, width: int = QUOTE_CHARS) -> str:
    """Up to ``width`` characters of ``text`` around ``[start, end)`` (or from the start)."""
    text = text or ""
    if len(text) <= width:
        return " ".join(text.split())
    centred = start - (width - (end - start)) // 2
    left = 0 if start < 0 else max(0, min(centred, len(text) - width))
    right = left + width
    part = " ".join(text[left:right].split())
    return ("…" if left > 0 else "") + part + ("…" if right < len(text) else "")


def document_names(documents: pd.DataFrame) -> dict[str, str]:
    """Document id -> its title, else its file name."""
    return {r.id: (r.title or r.file or r.id) for r in documents.itertuples(index=False)}


def country_by_passage(frames: Frames) -> dict[str, tuple[str, ...]]:
    """Passage id -> its countries by :func:`~pipeline.tables.country.passage_countries`."""
    entities = frames.mentions[frames.mentions["label"].isin(COUNTRY_LABELS)]
    per_passage: dict[str, list] = {}
    per_document: dict[str, list] = {}
    for passage, doc, country in zip(
        entities["passage_id"], entities["document_id"], entities["country"], strict=True
    ):
        country = country if isinstance(country, str) and country else None
        per_passage.setdefault(passage, []).append(country)
        per_document.setdefault(doc, []).append(country)
    dominant = {doc: dominant_country(c) for doc, c in per_document.items()}
    p = frames.passages
    out: dict[str, tuple[str, ...]] = {}
    for pid, doc, table in zip(p["id"], p["document_id"], p["table"], strict=True):
        found = passage_countries(per_passage.get(pid, ()), table_country(table), dominant.get(doc))
        out[pid] = found or (UNKNOWN_COUNTRY,)
    return out


def dimension_support(frames: Frames) -> pd.DataFrame:
    """(passage, dimension) pairs with score and supporting DIMENSION mention, deduplicated;
    a passage whose dimension labels a reviewer set has exactly those."""

    def dim_pairs(mentions: pd.DataFrame) -> set[tuple[str, str]]:
        dims = mentions[mentions["label"] == "DIMENSION"]
        return set(zip(dims["passage_id"], dims["canonical_id"], strict=True))

    dropped = dim_pairs(frames.machine_mentions) - dim_pairs(frames.mentions)
    labels = frames.labels[frames.labels["task"] == "dimension"]
    lexicon = labels["method"].fillna("").str.startswith("lexicon")
    gone = [(p, d) in dropped for p, d in zip(labels["passage_id"], labels["label"], strict=True)]
    labels = labels[~(lexicon & pd.Series(gone, index=labels.index, dtype=bool))]
    from_labels = labels.assign(mention_id=None, start=-1, end=-1)[
        ["passage_id", "label", "score", "mention_id", "start", "end"]
    ]
    dims = frames.mentions[
        (frames.mentions["label"] == "DIMENSION") & frames.mentions["canonical_id"].isin(DIMENSIONS)
    ]
    from_mentions = dims.assign(label=dims["canonical_id"], score=1.0, mention_id=dims["id"])[
        ["passage_id", "label", "score", "mention_id", "start", "end"]
    ]
    both = pd.concat([from_mentions, from_labels], ignore_index=True)
    reviewed = {p: set(r["labels"]) for (p, task), r in frames.label_reviews.items() if task == "dimension"}
    if reviewed:  # a reviewed passage has exactly its reviewed set, whatever its mentions say
        keep = [
            p not in reviewed or lb in reviewed[p]
            for p, lb in zip(both["passage_id"], both["label"], strict=True)
        ]
        both = both[keep]
    both = both.sort_values("score", ascending=False, kind="stable")
    return both.drop_duplicates(["passage_id", "label"]).reset_index(drop=True)


def excluded_passages(frames: Frames) -> set[str]:
    """Passages that count in no label table: fragments, and every passage of an off-topic
    document (see :mod:`pipeline.tables.shares`)."""
    off_topic = off_topic_documents(frames.documents)
    p = frames.passages
    in_off_topic = {pid for pid, doc in zip(p["id"], p["document_id"], strict=True) if doc in off_topic}
    return fragment_ids(p) | in_off_topic


def _passage_rows(
    table: str,
    support: pd.DataFrame,
    frames: Frames,
    countries: dict[str, tuple[str, ...]],
    excluded: set[str],
) -> list[dict]:
    """Evidence rows of a label x country table: one per (passage, label, country); excluded
    passages give none."""
    p = frames.passages
    info = dict(zip(p["id"], zip(p["document_id"], p["page"], p["text"], strict=True), strict=True))
    rows = []
    for s in support.itertuples(index=False):
        if s.passage_id not in info or s.passage_id in excluded:
            continue
        document_id, page, text = info[s.passage_id]
        base = {
            "table": table,
            "row_key": s.label,
            "document_id": document_id,
            "passage_id": s.passage_id,
            "page": int(page),
            "mention_id": s.mention_id,
            "start": int(s.start),
            "end": int(s.end),
            "score": float(s.score),
            "quote": snippet(text, int(s.start), int(s.end)),
        }
        rows += [base | {"col_key": c} for c in countries.get(s.passage_id, (UNKNOWN_COUNTRY,))]
    return rows


def _mention_rows(frames: Frames, texts: dict[str, str]) -> pd.DataFrame:
    """Evidence rows of the mention tables (instruments, documents, law citations); the page
    is the passage's."""
    m = frames.mentions[frames.mentions["passage_id"].isin(texts.keys())]
    pages = dict(zip(frames.passages["id"], frames.passages["page"], strict=True))
    keys = with_issuers([entity_key(c, t) for c, t in zip(m["canonical_id"], m["text"], strict=True)])
    quotes = [
        snippet(texts[p], int(s), int(e))
        for p, s, e in zip(m["passage_id"], m["start"], m["end"], strict=True)
    ]
    base = pd.DataFrame(
        {
            "document_id": m["document_id"].to_numpy(),
            "passage_id": m["passage_id"].to_numpy(),
            "page": [pages[p] for p in m["passage_id"]],
            "mention_id": m["id"].to_numpy(),
            "start": m["start"].to_numpy(),
            "end": m["end"].to_numpy(),
            "score": m["confidence"].fillna(1.0).to_numpy(),
            "quote": quotes,
            "label": m["label"].to_numpy(),
            "key": keys,
            "country": m["country"].where(m["country"].fillna("") != "", UNKNOWN_COUNTRY).to_numpy(),
        }
    )
    documents = base.assign(table="documents", row_key=base["document_id"], col_key=base["label"])
    inst = base[base["label"].isin(INSTRUMENT_LABELS)]
    inst = inst.assign(
        table="instruments_by_country", row_key=inst["label"] + "|" + inst["key"], col_key=inst["country"]
    )
    laws = base[base["label"] == "LAW"]
    laws = laws.assign(table="law_citations", row_key=laws["key"], col_key=laws["document_id"])
    return pd.concat([documents, inst, laws], ignore_index=True)


def evidence_frame(
    frames: Frames, countries: dict[str, tuple[str, ...]] | None = None, excluded: set[str] | None = None
) -> pd.DataFrame:
    """The long-form evidence of every table cell (see the module docstring); ``countries``
    and ``excluded`` are computed when not given."""
    countries = country_by_passage(frames) if countries is None else countries
    excluded = excluded_passages(frames) if excluded is None else excluded
    rows = _passage_rows(LABEL_TABLES["dimension"], dimension_support(frames), frames, countries, excluded)
    for task in ("policy_stage", "diffusion"):
        labels = frames.labels[frames.labels["task"] == task]
        support = labels.assign(mention_id=None, start=-1, end=-1)
        rows += _passage_rows(LABEL_TABLES[task], support, frames, countries, excluded)
    texts = dict(zip(frames.passages["id"], frames.passages["text"], strict=True))
    parts = [pd.DataFrame(rows, columns=EVIDENCE_COLUMNS), _mention_rows(frames, texts)]
    parts = [p for p in parts if not p.empty]
    out = pd.concat(parts, ignore_index=True) if parts else pd.DataFrame()
    out = out.reindex(columns=EVIDENCE_COLUMNS)
    out["document"] = out["document_id"].map(document_names(frames.documents))
    out["document"] = out["document"].fillna(out["document_id"])
    return out.astype({"page": "int64", "start": "int64", "end": "int64", "score": "float64"})
