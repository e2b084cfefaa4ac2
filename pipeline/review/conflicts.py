"""Conflicts between reviewers: a decision carries the version it was made against.

The version of a mention is the id of the latest decision on it (``created_at``, then
``id``, the order :func:`pipeline.tables.decisions.fold_decisions` folds them in; an
``undo`` counts too), or ``""`` when nobody has decided on it. Every review form carries
the version of the mention it was rendered with; a decision whose version is no longer the
current one is stale and is refused, naming the newer decision.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

NO_VERSION = ""
ACTION_WORDS = {
    "accept": "accepted",
    "reject": "rejected",
    "correct": "corrected",
    "add": "added",
    "undo": "undid a decision on",
}


def latest_decisions(decisions: Iterable[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Target (mention) id -> the latest decision on it."""
    latest: dict[str, dict[str, Any]] = {}
    for d in decisions:
        current = latest.get(d["target_id"])
        if current is None or (d["created_at"], d["id"]) > (current["created_at"], current["id"]):
            latest[d["target_id"]] = d
    return latest


def version_of(latest: dict[str, Any] | None) -> str:
    """The version a form carries: the latest decision's id, or ``""`` for none."""
    return latest["id"] if latest else NO_VERSION


def is_stale(submitted: str | None, latest: dict[str, Any] | None) -> bool:
    """Whether a form rendered at version ``submitted`` missed a newer decision."""
    return (submitted or "").strip() != version_of(latest)


def conflict_message(latest: dict[str, Any] | None, text: str) -> str:
    """What the second reviewer is told: who decided what, when, since their page loaded."""
    if latest is None:
        return "Not saved: this page is out of date. Reload it and decide again."
    action = ACTION_WORDS.get(latest["action"], latest["action"])
    when = str(latest["created_at"])[:19].replace("T", " ")
    return (
        f"Not saved: {latest['reviewer']} {action} \u201c{text}\u201d at {when} UTC, "
        f"after this page was loaded. Go back, check their decision and decide again."
    )
