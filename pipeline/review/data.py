"""What the review pages show: the frames, tables and lookups of one version of the store.

:class:`pipeline.review.state.ReviewState` rebuilds it when a cheap version query
(documents and their fingerprints, row counts, the latest decision) says the store changed,
so pages that follow one another without a change share one computation.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

import pandas as pd

from pipeline.review.conflicts import latest_decisions, version_of
from pipeline.tables import Frames, evidence_frame, tables_from_frames
from pipeline.tables.decisions import label_target
from pipeline.tables.evidence import country_by_passage, dimension_support
from pipeline.tables.shares import fragment_ids


def plain_records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """DataFrame rows as dicts with missing values as None (never NaN)."""
    return frame.astype(object).where(frame.notna(), None).to_dict("records")


@dataclass
class ReviewData:
    """The frames, evidence and tables of one version of the store, with lookups."""

    frames: Frames
    evidence: pd.DataFrame
    tables: dict[str, pd.DataFrame]
    passages: dict[str, dict[str, Any]] = field(default_factory=dict)
    documents: dict[str, dict[str, Any]] = field(default_factory=dict)
    mentions_by_passage: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    mentions: dict[str, dict[str, Any]] = field(default_factory=dict)
    decisions: dict[str, dict[str, Any]] = field(default_factory=dict)
    latest: dict[str, dict[str, Any]] = field(default_factory=dict)
    label_sets: dict[tuple[str, str], dict[str, float]] = field(default_factory=dict)
    machine_label_sets: dict[tuple[str, str], dict[str, float]] = field(default_factory=dict)
    passage_countries: dict[str, tuple[str, ...]] = field(default_factory=dict)
    stale: bool = False  # decisions applied in place: tables and cell evidence lag behind
    fragments: set[str] = field(default_factory=set)  # passages that state nothing

    @classmethod
    def build(cls, frames: Frames) -> ReviewData:
        """Evidence, tables and lookups from loaded frames."""
        evidence = evidence_frame(frames)
        data = cls(frames, evidence, tables_from_frames(frames, evidence))
        data.passages = {r["id"]: r for r in plain_records(frames.passages)}
        data.documents = {r["id"]: r for r in plain_records(frames.documents)}
        data.decisions = {r["id"]: r for r in plain_records(frames.decisions)}
        data.latest = latest_decisions(data.decisions.values())
        data.label_sets = current_label_sets(frames)
        data.machine_label_sets = current_label_sets(
            replace(frames, labels=frames.labels[frames.labels["status"] == "machine"], label_reviews={})
        )
        data.passage_countries = country_by_passage(frames)
        data.fragments = fragment_ids(frames.passages)
        mentions = frames.all_mentions.sort_values(["passage_id", "start", "end"])
        for row in plain_records(mentions):
            row["version"] = data.version(row["id"])
            data.mentions_by_passage.setdefault(row["passage_id"], []).append(row)
            data.mentions[row["id"]] = row
        return data

    def labels_of(self, passage_id: str, task: str) -> dict[str, Any]:
        """What the label form of a passage shows: the current ``labels`` of the task (label
        -> score), the review ``state`` (None, or the reviewed set's status and reviewer)
        and the form's ``version``."""
        target = label_target(passage_id, task)
        return {
            "labels": self.label_sets.get((passage_id, task), {}),
            "state": self.frames.label_reviews.get((passage_id, task)),
            "version": self.version(target),
            "target": target,
        }

    def version(self, target_id: str) -> str:
        """The review version of a mention: its latest decision's id, ``""`` if none."""
        return version_of(self.latest.get(target_id))

    def canonical_ids(self, limit: int = 5000) -> list[str]:
        """The canonical ids in use, for the correction forms' suggestions."""
        ids = self.frames.mentions["canonical_id"].dropna().unique()
        return sorted(str(i) for i in ids)[:limit]

    def id_label(self, mention_id: str) -> str | None:
        """The label a mention's id was made with: the machine's, or the one it was added
        with (a correction changes the label shown, not the id)."""
        machine = self.frames.machine_mentions
        found = machine.loc[machine["id"] == mention_id, "label"]
        if len(found):
            return str(found.iloc[0])
        for d in self.decisions.values():
            if d["action"] == "add" and d["target_id"] == mention_id:
                return (d.get("payload") or {}).get("label")
        return None

    def mention(self, mention_id: str) -> dict[str, Any] | None:
        """A mention as reviewed (rejected ones included), by id."""
        return self.mentions.get(mention_id)

    def document_name(self, doc_id: str) -> str:
        """A document's title, else its file name, else its id."""
        doc = self.documents.get(doc_id) or {}
        return doc.get("title") or doc.get("file") or doc_id


def current_label_sets(frames: Frames) -> dict[tuple[str, str], dict[str, float]]:
    """(passage id, task) -> label -> score, as the tables count them (reviewed sets
    applied; a dimension also stands on a DIMENSION mention of the passage)."""
    sets: dict[tuple[str, str], dict[str, float]] = {}
    other = frames.labels[frames.labels["task"] != "dimension"]
    dims = dimension_support(frames).assign(task="dimension")
    for frame in (other, dims):
        for passage, task, label, score in zip(
            frame["passage_id"], frame["task"], frame["label"], frame["score"], strict=True
        ):
            scores = sets.setdefault((passage, task), {})
            scores[label] = max(float(score), scores.get(label, 0.0))
    return sets
