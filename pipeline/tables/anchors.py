"""Review decisions anchored to text, so that they survive re-runs and revised PDFs.

Every decision made on the review page records its anchor (``payload["anchor"]``): a hash
of the passage's text and, for a decision on a mention, the mention's words, offsets and
label. Passage and mention ids come from positions (the n-th passage of a page, offsets in
the passage), so after a re-run that cuts passages differently, or in a revised PDF (new
bytes, new document id), an id may point at other text or at nothing. Before the decisions
are applied they are placed by their text:

- a decision whose target still holds the same passage text (and the same words) stays;
- otherwise it moves to the passage with the same text, preferring its own document, then
  any other (a revised PDF's unchanged passages), and to the mention with the same words,
  offsets and label there;
- a decision that cannot be placed (its passage's text changed or is gone, or the mention
  is not in it any more) is an orphan: it is applied nowhere and listed, with the reason.

Nothing is applied to a passage whose text differs from the one the reviewer saw.
Decisions made before anchors existed keep their targets as they are.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any

import pandas as pd

from pipeline.records import Mention
from pipeline.tables.decisions import LABEL_TARGET, PASSAGE_TARGET

ORPHAN_COLUMNS = ("id", "target_id", "action", "reviewer", "created_at", "document_id", "payload", "reason")


def text_hash(text: str) -> str:
    """The hash of a passage text a decision is anchored to."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def passage_anchor(passage_text: str) -> dict[str, Any]:
    """The anchor of a decision on a whole passage or on its labels."""
    return {"passage_hash": text_hash(passage_text)}


def mention_anchor(passage_text: str, mention: dict[str, Any], id_label: str) -> dict[str, Any]:
    """The anchor of a decision on a mention: its passage's text hash, its words and offsets,
    and ``id_label``, the label its id was made with (the machine's, or the one it was
    added with: a correction does not change the id)."""
    return passage_anchor(passage_text) | {
        "span": mention["text"],
        "start": int(mention["start"]),
        "end": int(mention["end"]),
        "label": id_label,
    }


@dataclass
class Anchored:
    """Decisions placed by their text: ``decisions`` with targets moved where the text is
    now (orphans left out), ``orphans`` with a ``reason`` each, ``moved`` how many moved."""

    decisions: pd.DataFrame
    orphans: pd.DataFrame
    moved: int


class _Places:
    """Where passage texts and mentions are now."""

    def __init__(self, passages: pd.DataFrame, mentions: pd.DataFrame) -> None:
        self.hash_of = {
            pid: text_hash(text) for pid, text in zip(passages["id"], passages["text"], strict=True)
        }
        self.document_of = dict(zip(passages["id"], passages["document_id"], strict=True))
        self.by_hash: dict[str, list[str]] = {}
        for pid in sorted(self.hash_of):
            self.by_hash.setdefault(self.hash_of[pid], []).append(pid)
        self.mention_ids = set(mentions["id"])

    def passage(self, current: str | None, anchor_hash: str, document: str | None) -> str | None:
        """The passage holding the anchored text: ``current`` when it still does, else one
        with the same text (the decision's own document first); None when none does."""
        if current is not None and self.hash_of.get(current) == anchor_hash:
            return current
        found = self.by_hash.get(anchor_hash, [])
        same = [p for p in found if self.document_of[p] == document]
        return next(iter(same or found), None)


def _split_target(target: str) -> tuple[str, str | None]:
    """(kind, passage id) of a target: ``labels``/``passage`` with their passage, or
    ``mention`` (passage unknown from the id)."""
    if target.startswith(LABEL_TARGET):
        return "labels", target[len(LABEL_TARGET) :].partition(":")[2]
    if target.startswith(PASSAGE_TARGET):
        return "passage", target[len(PASSAGE_TARGET) :]
    return "mention", None


def _place(
    row: dict[str, Any],
    places: _Places,
    mention_passage: dict[str, str],
) -> tuple[dict[str, Any] | None, str]:
    """The decision row placed by its anchor (None and a reason when it cannot be)."""
    payload = row["payload"] if isinstance(row["payload"], dict) else {}
    anchor = payload.get("anchor")
    kind, passage = _split_target(row["target_id"])
    if row["action"] == "add":
        passage = payload.get("passage_id")
    elif kind == "mention":
        passage = mention_passage.get(row["target_id"])
    if not isinstance(anchor, dict) or "passage_hash" not in anchor:  # made before anchors
        if passage is None or passage not in places.hash_of:
            return None, "its mention or passage is gone (decision made before anchoring)"
        return row, ""
    found = places.passage(passage, anchor["passage_hash"], row["document_id"])
    if found is None:
        return None, "its passage's text changed or is gone"
    if found == passage:
        return row, ""
    if kind == "labels":
        task = row["target_id"][len(LABEL_TARGET) :].partition(":")[0]
        return row | {"target_id": f"{LABEL_TARGET}{task}:{found}"}, ""
    if kind == "passage":
        return row | {"target_id": f"{PASSAGE_TARGET}{found}"}, ""
    target = Mention.make_id(found, int(anchor["start"]), int(anchor["end"]), anchor["label"])
    if row["action"] == "add":
        return row | {"target_id": target, "payload": payload | {"passage_id": found}}, ""
    if target not in places.mention_ids:
        return None, "the mention is no longer found in its passage"
    return row | {"target_id": target}, ""


def anchor_decisions(decisions: pd.DataFrame, passages: pd.DataFrame, mentions: pd.DataFrame) -> Anchored:
    """Place every decision by its anchor (see the module docstring). An ``undo`` follows
    the decision it takes back (an orphan's undo is an orphan too)."""
    columns = list(decisions.columns)
    if decisions.empty:
        return Anchored(decisions, pd.DataFrame(columns=list(ORPHAN_COLUMNS)), 0)
    places = _Places(passages, mentions)
    mention_passage = dict(zip(mentions["id"], mentions["passage_id"], strict=True))
    rows = decisions.to_dict("records")
    placed: dict[str, dict[str, Any]] = {}
    orphans: list[dict[str, Any]] = []
    for row in rows:
        if row["action"] == "undo":
            continue
        new, reason = _place(row, places, mention_passage)
        if new is None:
            orphans.append(row | {"reason": reason})
        else:
            placed[row["id"]] = new
    for row in rows:
        if row["action"] != "undo":
            continue
        undone = (row["payload"] or {}).get("undoes") if isinstance(row["payload"], dict) else None
        if undone in placed:
            placed[row["id"]] = row | {"target_id": placed[undone]["target_id"]}
        elif any(o["id"] == undone for o in orphans):
            orphans.append(row | {"reason": "it undoes a decision that cannot be placed"})
        else:
            placed[row["id"]] = row
    kept = [placed[r["id"]] for r in rows if r["id"] in placed]
    moved = sum(1 for r in rows if r["id"] in placed and placed[r["id"]]["target_id"] != r["target_id"])
    return Anchored(
        pd.DataFrame(kept, columns=columns), pd.DataFrame(orphans, columns=list(ORPHAN_COLUMNS)), moved
    )
