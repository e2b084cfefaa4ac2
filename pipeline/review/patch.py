"""One decision applied to the review page's data in place, for the one passage it touches.

Rebuilding every table after each decision costs about a second on a store of 10,000
passages; a reviewer working through the queue needs the passage in front of them updated
at once. :func:`apply_decision` folds the decisions of that passage only (the same folds as
the tables: :mod:`pipeline.tables.decisions`) and updates its mentions, label sets and
whole-passage mark; the tables are rebuilt from the store when a page that shows them is
opened next (:class:`pipeline.review.data.ReviewState` marks them stale).
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from pipeline.records import TASK_LABELS
from pipeline.review.data import ReviewData, plain_records
from pipeline.tables.decisions import (
    PASSAGE_TARGET,
    apply_decisions,
    fold_label_decisions,
    fold_passage_reviews,
    label_target,
    parse_label_target,
    passage_target,
)

DECISION_COLUMNS = ("id", "target_id", "action", "reviewer", "created_at", "document_id", "payload")


def passage_of(data: ReviewData, decision: dict[str, Any]) -> str | None:
    """The passage a decision is about (an undo: the passage of the decision it undoes)."""
    if decision["action"] == "undo":
        undone = data.decisions.get((decision.get("payload") or {}).get("undoes") or "")
        return passage_of(data, undone) if undone else None
    target = str(decision["target_id"])
    labels = parse_label_target(target)
    if labels is not None:
        return labels[0]
    if target.startswith(PASSAGE_TARGET):
        return target[len(PASSAGE_TARGET) :]
    if decision["action"] == "add":
        return (decision.get("payload") or {}).get("passage_id")
    mention = data.mentions.get(target)
    return mention["passage_id"] if mention else None


def passage_decisions(data: ReviewData, passage_id: str) -> pd.DataFrame:
    """Every decision on the passage, its mentions, its label sets or its mark."""
    targets = {m["id"] for m in data.mentions_by_passage.get(passage_id, [])}
    targets |= {label_target(passage_id, task) for task in TASK_LABELS}
    targets.add(passage_target(passage_id))
    rows = [
        d
        for d in data.decisions.values()
        if d["target_id"] in targets
        or (d["action"] == "add" and (d.get("payload") or {}).get("passage_id") == passage_id)
    ]
    return pd.DataFrame(rows, columns=list(DECISION_COLUMNS))


def _label_sets(data: ReviewData, passage_id: str) -> None:
    """The passage's label sets: a reviewed set, else the machine's."""
    for task in TASK_LABELS:
        key = (passage_id, task)
        state = data.frames.label_reviews.get(key)
        if state is not None:
            data.label_sets[key] = dict.fromkeys(state["labels"], 1.0)
        elif key in data.machine_label_sets:
            data.label_sets[key] = dict(data.machine_label_sets[key])
        else:
            data.label_sets.pop(key, None)


def apply_decision(data: ReviewData, decision: dict[str, Any]) -> str | None:
    """Add a just-stored decision to ``data`` and refresh the passage it touches; returns
    that passage's id (None when it is not in ``data``)."""
    data.decisions[decision["id"]] = decision
    current = data.latest.get(decision["target_id"])
    if current is None or (decision["created_at"], decision["id"]) > (current["created_at"], current["id"]):
        data.latest[decision["target_id"]] = decision
    passage_id = passage_of(data, decision)
    if passage_id is None or passage_id not in data.passages:
        return None
    decisions = passage_decisions(data, passage_id)
    machine = data.frames.machine_mentions
    machine = machine[machine["passage_id"] == passage_id]
    page = {passage_id: data.passages[passage_id]["page"]}
    rows = plain_records(
        apply_decisions(machine, decisions, page, keep_rejected=True).sort_values(["start", "end"])
    )
    for old in data.mentions_by_passage.pop(passage_id, []):
        data.mentions.pop(old["id"], None)
    for row in rows:
        row["version"] = data.version(row["id"])
        data.mentions_by_passage.setdefault(passage_id, []).append(row)
        data.mentions[row["id"]] = row
    for task in TASK_LABELS:
        data.frames.label_reviews.pop((passage_id, task), None)
    data.frames.label_reviews.update(fold_label_decisions(decisions))
    data.frames.passage_reviews.pop(passage_id, None)
    data.frames.passage_reviews.update(fold_passage_reviews(decisions))
    _label_sets(data, passage_id)
    return passage_id
