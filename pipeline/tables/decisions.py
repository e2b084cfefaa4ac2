"""Review decisions applied to the machine's mentions (the machine rows are never changed).

Decisions on one mention are folded oldest first (``created_at``, then ``id``):

- ``add`` creates the mention from its payload (method ``review``, confidence 1.0);
- ``correct`` changes the fields in its payload (label, country, canonical_id,
  canonical_name); corrections accumulate, a later one of the same field wins;
- ``accept`` confirms the mention as it stands;
- ``reject`` removes it.

So the latest decision decides whether a mention stands (only ``reject`` removes it; an
``accept`` after a ``reject`` restores it). A corrected country records ``country_rule``
``review``. Decisions whose mention no longer exists (the document was re-read into other
passages) are ignored, and so are added mentions whose passage is gone.

A passage's labels of one task (dimension, policy stage, diffusion) are reviewed as a set:
the decision's target is :func:`label_target` and its payload ``{"task", "labels"}`` the
whole set the reviewer left standing (``accept``: the machine's set as shown; ``correct``:
labels ticked or unticked; an empty set says the passage has none). The latest set wins;
``undo`` takes a set back, down to the machine's labels.

A passage is marked reviewed as a whole by an ``accept`` on :func:`passage_target`: the
reviewer says its mentions are complete and right as shown; the payload lists the machine
mentions that stood then (``seen``: start, end and label of each, so the list survives a
move to another passage with the same text), which export as seen, not as unreviewed.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from pipeline.records import ENTITY_LABELS, TASK_LABELS

CORRECTABLE = ("label", "country", "canonical_id", "canonical_name")
ADD_FIELDS = ("passage_id", "start", "end", "text") + CORRECTABLE
REVIEW_COLUMNS = ("status", "reviewer", "decided_at")
STATUS_BY_ACTION = {"accept": "accepted", "reject": "rejected", "correct": "corrected", "add": "added"}
LABEL_TARGET = "labels:"
PASSAGE_TARGET = "passage:"
LABEL_STATUS = {"accept": "accepted", "correct": "corrected"}
MENTION_COLUMNS = (
    "id",
    "document_id",
    "passage_id",
    "page",
    "label",
    "text",
    "start",
    "end",
    "canonical_id",
    "canonical_name",
    "country",
    "country_rule",
    "confidence",
    "method",
    "law",
)


def _clean_fields(payload: dict[str, Any], names: tuple[str, ...]) -> dict[str, Any]:
    """The payload's values for ``names``, blanks as None, invalid labels dropped."""
    fields = {k: (payload[k] if payload[k] != "" else None) for k in names if k in payload}
    if "label" in fields and fields["label"] not in ENTITY_LABELS:
        del fields["label"]
    if "country" in fields:
        fields["country_rule"] = "review"
    return fields


def label_target(passage_id: str, task: str) -> str:
    """The decision target of a passage's label set of one task."""
    return f"{LABEL_TARGET}{task}:{passage_id}"


def parse_label_target(target: str) -> tuple[str, str] | None:
    """(passage id, task) of a label-set target; None for a mention id."""
    if not target.startswith(LABEL_TARGET):
        return None
    task, _, passage_id = target[len(LABEL_TARGET) :].partition(":")
    return (passage_id, task) if task in TASK_LABELS and passage_id else None


def passage_target(passage_id: str) -> str:
    """The decision target of marking a whole passage reviewed."""
    return f"{PASSAGE_TARGET}{passage_id}"


def fold_passage_reviews(decisions: pd.DataFrame) -> dict[str, dict[str, Any]]:
    """Passage id -> its whole-passage review (``reviewer``, ``decided_at``, ``seen``: the
    (start, end, label) of the machine mentions that stood when it was marked); the latest standing mark wins,
    and an undone mark leaves the passage unmarked."""
    reviews: dict[str, dict[str, Any]] = {}
    for row in standing_decisions(decisions):
        if not row.target_id.startswith(PASSAGE_TARGET) or row.action != "accept":
            continue
        payload = row.payload if isinstance(row.payload, dict) else {}
        reviews[row.target_id[len(PASSAGE_TARGET) :]] = {
            "reviewer": row.reviewer,
            "decided_at": row.created_at,
            "seen": tuple(tuple(item) for item in payload.get("seen") or ()),
        }
    return reviews


def standing_decisions(decisions: pd.DataFrame) -> list:
    """The decisions that stand, oldest first (``created_at``, then ``id``): undo decisions
    and the decisions they take back (``payload["undoes"]``) are left out, as if never made."""
    if decisions.empty:
        return []
    ordered = decisions.sort_values(["created_at", "id"], kind="stable")
    undone = {
        row.payload.get("undoes")
        for row in ordered.itertuples(index=False)
        if row.action == "undo" and isinstance(row.payload, dict)
    }
    return [row for row in ordered.itertuples(index=False) if row.id not in undone and row.action != "undo"]


def fold_label_decisions(decisions: pd.DataFrame) -> dict[tuple[str, str], dict[str, Any]]:
    """(passage id, task) -> the reviewed label set: ``labels`` (a sorted tuple of that
    task's labels), ``status`` (accepted | corrected), ``reviewer``, ``decided_at``; the
    latest standing decision wins. Pairs nobody decided on are absent (machine labels)."""
    states: dict[tuple[str, str], dict[str, Any]] = {}
    for row in standing_decisions(decisions):
        key = parse_label_target(row.target_id)
        if key is None or row.action not in LABEL_STATUS:
            continue
        payload = row.payload if isinstance(row.payload, dict) else {}
        allowed = TASK_LABELS[key[1]]
        labels = tuple(sorted({lb for lb in payload.get("labels") or () if lb in allowed}))
        states[key] = {
            "labels": labels,
            "status": LABEL_STATUS[row.action],
            "reviewer": row.reviewer,
            "decided_at": row.created_at,
        }
    return states


def apply_label_decisions(
    labels: pd.DataFrame, states: dict[tuple[str, str], dict[str, Any]], passage_documents: dict[str, str]
) -> pd.DataFrame:
    """The passage labels as reviewed: for every reviewed (passage, task) its machine labels
    are replaced by the reviewed set (score 1.0, method ``review``); adds ``status``
    (machine | accepted | corrected) and ``reviewer``. Sets on passages that are gone
    (not in ``passage_documents``) are ignored."""
    out = labels.assign(status="machine", reviewer=None)
    states = {k: v for k, v in states.items() if k[0] in passage_documents}
    if not states:
        return out
    pairs = list(zip(out["passage_id"], out["task"], strict=True))
    out = out[[pair not in states for pair in pairs]]
    rows = [
        {
            "passage_id": passage,
            "document_id": passage_documents[passage],
            "task": task,
            "label": label,
            "score": 1.0,
            "method": "review",
            "status": state["status"],
            "reviewer": state["reviewer"],
        }
        for (passage, task), state in states.items()
        for label in state["labels"]
    ]
    if not rows:
        return out.reset_index(drop=True)
    return pd.concat([out, pd.DataFrame(rows).reindex(columns=out.columns)], ignore_index=True)


def fold_decisions(decisions: pd.DataFrame) -> dict[str, dict[str, Any]]:
    """Mention id -> its review state: status, reviewer, decided_at, changed fields, added.

    An ``undo`` decision takes back the decision it names (``payload["undoes"]``): the
    mention's state is what the other decisions make it, down to ``machine`` (no entry).
    Label-set decisions (:func:`label_target`) are folded by :func:`fold_label_decisions`,
    whole-passage marks (:func:`passage_target`) by :func:`fold_passage_reviews`."""
    states: dict[str, dict[str, Any]] = {}
    for row in standing_decisions(decisions):
        if row.target_id.startswith((LABEL_TARGET, PASSAGE_TARGET)):
            continue
        payload = row.payload if isinstance(row.payload, dict) else {}
        state = states.setdefault(row.target_id, {"fields": {}, "added": None})
        if row.action == "add":
            state["added"] = _clean_fields(payload, ADD_FIELDS) | {"document_id": row.document_id}
            state["fields"] = {}
        elif row.action == "correct":
            state["fields"].update(_clean_fields(payload, CORRECTABLE))
        elif row.action not in ("accept", "reject"):
            continue
        state.update(status=STATUS_BY_ACTION[row.action], reviewer=row.reviewer, decided_at=row.created_at)
    return states


def _added_row(target: str, added: dict[str, Any], pages: dict[str, int]) -> dict[str, Any]:
    """A mention row made from an ``add`` decision's payload."""
    row: dict[str, Any] = dict.fromkeys(MENTION_COLUMNS)
    row |= {k: v for k, v in added.items() if k in MENTION_COLUMNS}
    row |= {
        "id": target,
        "page": pages.get(added.get("passage_id") or "", 0),
        "confidence": 1.0,
        "method": "review",
    }
    if row.get("country") and not row.get("country_rule"):
        row["country_rule"] = "review"
    return row


def apply_decisions(
    mentions: pd.DataFrame,
    decisions: pd.DataFrame,
    passage_pages: dict[str, int] | None = None,
    keep_rejected: bool = False,
) -> pd.DataFrame:
    """The mentions as reviewed: machine rows with decisions applied, plus added mentions.

    ``passage_pages`` maps passage id -> page; an added mention whose passage is not in it
    is dropped (pass None to keep every added mention, on page 0). Adds the columns
    ``status`` (machine | accepted | corrected | added | rejected), ``reviewer`` and
    ``decided_at``. Rejected mentions are left out unless ``keep_rejected``.
    """
    states = fold_decisions(decisions)
    base = mentions.reindex(columns=list(MENTION_COLUMNS))
    base = base.assign(status="machine", reviewer=None, decided_at=None)
    touched = base["id"].isin(states.keys())
    rows = []
    for row in base[touched].to_dict("records"):
        state = states[row["id"]]
        src = state["added"] or {}
        rows.append(
            row
            | {k: v for k, v in src.items() if k in CORRECTABLE}
            | state["fields"]
            | {k: state.get(k) for k in REVIEW_COLUMNS}
        )
    known = set(base["id"])
    for target, state in states.items():
        if target in known or not state["added"]:
            continue
        passage = state["added"].get("passage_id")
        if passage_pages is not None and passage not in passage_pages:
            continue
        added = _added_row(target, state["added"], passage_pages or {})
        rows.append(added | state["fields"] | {k: state.get(k) for k in REVIEW_COLUMNS})
    parts = [base[~touched]] + ([pd.DataFrame(rows, columns=base.columns)] if rows else [])
    out = pd.concat(parts, ignore_index=True) if len(parts) > 1 else parts[0].reset_index(drop=True)
    if not keep_rejected:
        out = out[out["status"] != "rejected"].reset_index(drop=True)
    return out
