"""The store's tables as DataFrames, with review decisions applied, ready for the tables."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from pipeline.store import Store
from pipeline.tables.anchors import ORPHAN_COLUMNS, anchor_decisions
from pipeline.tables.decisions import (
    apply_decisions,
    apply_label_decisions,
    fold_label_decisions,
    fold_passage_reviews,
)


@dataclass
class Frames:
    """Everything the tables are built from.

    ``mentions`` are the reviewed mentions (rejected ones left out); ``all_mentions`` keeps
    the rejected ones too (``status == "rejected"``), for the review page;
    ``machine_mentions`` are the machine's, as stored. ``labels`` are the passage labels as
    reviewed (``status`` machine | accepted | corrected); ``label_reviews`` maps each
    reviewed (passage id, task) to its reviewed set (see
    :func:`pipeline.tables.decisions.fold_label_decisions`), an empty set included;
    ``passage_reviews`` maps each passage marked reviewed as a whole to its mark.
    ``decisions`` are placed by their text (:mod:`pipeline.tables.anchors`); those that
    cannot be placed are the ``orphans`` (with a ``reason``), applied nowhere.
    """

    documents: pd.DataFrame
    passages: pd.DataFrame
    mentions: pd.DataFrame
    all_mentions: pd.DataFrame
    machine_mentions: pd.DataFrame
    labels: pd.DataFrame
    decisions: pd.DataFrame
    label_reviews: dict[tuple[str, str], dict[str, Any]] = field(default_factory=dict)
    passage_reviews: dict[str, dict[str, Any]] = field(default_factory=dict)
    orphans: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=list(ORPHAN_COLUMNS)))


def python_strings(frame: pd.DataFrame) -> pd.DataFrame:
    """The frame with text columns as Python objects: the tables loop over them, and
    looping over Arrow-backed strings costs a conversion per value."""
    text = [c for c in frame.columns if isinstance(frame[c].dtype, pd.StringDtype)]
    return frame.astype(dict.fromkeys(text, object)) if text else frame


def make_frames(
    documents: pd.DataFrame,
    passages: pd.DataFrame,
    mentions: pd.DataFrame,
    labels: pd.DataFrame,
    decisions: pd.DataFrame,
) -> Frames:
    """Frames from the raw store tables: decisions applied to the mentions and labels."""
    documents, passages, mentions, labels, decisions = (
        python_strings(f) for f in (documents, passages, mentions, labels, decisions)
    )
    anchored = anchor_decisions(decisions, passages, mentions)
    decisions = anchored.decisions
    pages = dict(zip(passages["id"], passages["page"], strict=True))
    all_mentions = apply_decisions(mentions, decisions, pages, keep_rejected=True)
    kept = all_mentions[all_mentions["status"] != "rejected"].reset_index(drop=True)
    owners = dict(zip(passages["id"], passages["document_id"], strict=True))
    reviews = {k: v for k, v in fold_label_decisions(decisions).items() if k[0] in owners}
    reviewed = apply_label_decisions(labels, reviews, owners)
    marks = {k: v for k, v in fold_passage_reviews(decisions).items() if k in owners}
    return Frames(
        documents,
        passages,
        kept,
        all_mentions,
        mentions,
        reviewed,
        decisions,
        reviews,
        marks,
        anchored.orphans,
    )


def load_frames(store: Store) -> Frames:
    """Read the store's tables and apply the review decisions; documents whose file is gone
    (``missing``) are left out with everything they hold."""
    docs = store.frame("documents")
    gone = set(docs.loc[docs["missing"].fillna(False).astype(bool), "id"])
    kept = [
        f[~f["document_id"].isin(gone)]
        for f in (store.frame("passages"), store.frame("mentions"), store.frame("labels"))
    ]
    passages, mentions, labels = (f.reset_index(drop=True) for f in kept)
    return make_frames(
        docs[~docs["id"].isin(gone)].reset_index(drop=True),
        passages,
        mentions,
        labels,
        store.frame("decisions"),
    )


def load_orphans(store: Store) -> pd.DataFrame:
    """The review decisions that cannot be placed on the store's text as it is now (see
    :mod:`pipeline.tables.anchors`), oldest first, with a ``reason`` each."""
    decisions = store.frame("decisions")
    if decisions.empty:  # no review yet: the text is not read at all
        return anchor_decisions(decisions, pd.DataFrame(), pd.DataFrame()).orphans
    passages = store.frame("passages")[["id", "document_id", "text"]]
    mentions = store.frame("mentions")[["id", "passage_id"]]
    orphans = anchor_decisions(decisions, passages, mentions).orphans
    return orphans.sort_values(["created_at", "id"]).reset_index(drop=True)
