"""Agreement between reviewers who decided the same item, per label.

Each reviewer's latest standing decision on an item counts (an undone decision does not).
For a mention: did two reviewers both keep it (accept or correct) or both reject it; the
rate is the share of reviewer pairs that agree, per entity label. For a passage's label set
of one task: per label, the two reviewers' sets are compared as annotators are (positive
agreement, 2 x both / (first + second), which is F1 of one against the other), over the
items that two or more reviewers decided.
"""

from __future__ import annotations

from itertools import combinations
from typing import Any

import pandas as pd

from pipeline.tables.decisions import (
    LABEL_TARGET,
    PASSAGE_TARGET,
    parse_label_target,
    standing_decisions,
)

KEEP = {"accept": True, "correct": True, "reject": False}


def latest_by_reviewer(decisions: pd.DataFrame) -> dict[str, dict[str, Any]]:
    """Target -> reviewer -> that reviewer's latest standing decision on it (adds and
    whole-passage marks left out: only one person makes an add)."""
    out: dict[str, dict[str, Any]] = {}
    for row in standing_decisions(decisions):
        if row.action == "add" or str(row.target_id).startswith(PASSAGE_TARGET):
            continue
        out.setdefault(row.target_id, {})[row.reviewer] = row
    return {t: by for t, by in out.items() if len(by) >= 2}


def _mention_label(row: Any, mentions: dict[str, str]) -> str:
    payload = row.payload if isinstance(row.payload, dict) else {}
    anchor = found if isinstance(found := payload.get("anchor"), dict) else {}
    return anchor.get("label") or mentions.get(row.target_id) or "?"


def agreement_table(decisions: pd.DataFrame, mention_labels: dict[str, str]) -> list[dict[str, Any]]:
    """Rows of ``{kind, label, items, agreement}`` for every label some item was decided on
    by two or more reviewers (``mention_labels``: mention id -> label)."""
    mentions: dict[str, list[bool]] = {}
    sets: dict[tuple[str, str], list[int]] = {}  # (task, label) -> [both, first, second, items]
    for target, by in latest_by_reviewer(decisions).items():
        rows = sorted(by.values(), key=lambda r: r.reviewer)
        if str(target).startswith(LABEL_TARGET):
            parsed = parse_label_target(str(target))
            if parsed is None:
                continue
            labels = [set((r.payload or {}).get("labels") or ()) for r in rows]
            for a, b in combinations(labels, 2):
                for label in a | b:
                    counts = sets.setdefault((parsed[1], label), [0, 0, 0, 0])
                    counts[0] += label in a and label in b
                    counts[1] += label in a
                    counts[2] += label in b
                    counts[3] += 1
            continue
        label = _mention_label(rows[0], mention_labels)
        for a, b in combinations(rows, 2):
            if a.action in KEEP and b.action in KEEP:
                mentions.setdefault(label, []).append(KEEP[a.action] == KEEP[b.action])
    out = [
        {
            "kind": "mention",
            "label": label,
            "items": len(pairs),
            "agreement": round(sum(pairs) / len(pairs), 3),
        }
        for label, pairs in sorted(mentions.items())
    ]
    out += [
        {
            "kind": task,
            "label": label,
            "items": n,
            "agreement": round(2 * both / (first + second), 3) if first + second else 1.0,
        }
        for (task, label), (both, first, second, n) in sorted(sets.items())
    ]
    return out
