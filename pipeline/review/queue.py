"""The review queue: passages with machine output that nobody has finished reviewing, the
least confident first, with filters, sorting and progress.

An item is a passage (fragments left out) with at least one mention or label. It is
*reviewed* once someone marked the whole passage reviewed; its confidence is the lowest
confidence of what is still the machine's in it (mentions nobody decided on, label sets
nobody set), 1.0 when nothing is left. Progress counts reviewed and open items per
document, per label and, for a chosen label, per country (the cells of the tables).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass, fields
from typing import Any
from urllib.parse import urlencode

from pipeline.records import TASK_LABELS
from pipeline.review.data import ReviewData
from pipeline.review.evidence import label_form, passage_item
from pipeline.review.patch import passage_of

SORTS = ("confidence", "document", "page")
STATUSES = ("open", "reviewed", "all")
LIST_SIZE = 25


@dataclass
class QueueFilters:
    """What the queue shows and in which order (from the page's query string)."""

    document: str = ""
    country: str = ""
    label: str = ""
    status: str = "open"
    max_confidence: str = ""
    reviewer: str = ""
    q: str = ""
    sort: str = "confidence"

    @classmethod
    def from_query(cls, params: Mapping[str, str]) -> QueueFilters:
        """Filters from query parameters; unknown values fall back to the defaults."""
        values = {f.name: str(params.get(f.name) or "").strip()[:200] for f in fields(cls)}
        filters = cls(**values)
        filters.status = filters.status if filters.status in STATUSES else "open"
        filters.sort = filters.sort if filters.sort in SORTS else "confidence"
        try:
            float(filters.max_confidence or "1")
        except ValueError:
            filters.max_confidence = ""
        return filters

    def query(self, **changes: str) -> str:
        """The query string of these filters (defaults left out), with ``changes``."""
        values = asdict(self) | changes
        defaults = asdict(QueueFilters())
        return urlencode({k: v for k, v in values.items() if v and v != defaults.get(k)})


def reviewers_by_passage(data: ReviewData) -> dict[str, set[str]]:
    """Passage id -> the reviewers who decided anything in it."""
    out: dict[str, set[str]] = {}
    for decision in data.decisions.values():
        passage = passage_of(data, decision)
        if passage:
            out.setdefault(passage, set()).add(decision["reviewer"])
    return out


def queue_rows(data: ReviewData) -> list[dict[str, Any]]:
    """Every queue item (see the module docstring), in passage order."""
    fragments = data.fragments
    reviewers = reviewers_by_passage(data)
    rows = []
    for pid, passage in data.passages.items():
        mentions = data.mentions_by_passage.get(pid, [])
        sets = {task: data.label_sets.get((pid, task), {}) for task in TASK_LABELS}
        if pid in fragments or not (mentions or any(sets.values())):
            continue
        open_scores = [float(m["confidence"] or 0.0) for m in mentions if m["status"] == "machine"]
        open_scores += [
            score
            for task, labels in sets.items()
            if (pid, task) not in data.frames.label_reviews
            for score in labels.values()
        ]
        labels = {m["label"] for m in mentions if m["status"] != "rejected"}
        labels |= {label for task_labels in sets.values() for label in task_labels}
        rows.append(
            {
                "id": pid,
                "document_id": passage["document_id"],
                "document": data.document_name(passage["document_id"]),
                "page": passage["page"],
                "start": passage["start"] or 0,
                "text": passage["text"],
                "confidence": min(open_scores, default=1.0),
                "labels": labels,
                "countries": set(data.passage_countries.get(pid, ())),
                "reviewed": pid in data.frames.passage_reviews,
                "reviewers": reviewers.get(pid, set()),
            }
        )
    return rows


def matches(row: dict[str, Any], f: QueueFilters) -> bool:
    """Whether a queue item passes the filters."""
    status_ok = f.status == "all" or (f.status == "reviewed") == row["reviewed"]
    return (
        status_ok
        and (not f.document or row["document_id"] == f.document)
        and (not f.country or f.country in row["countries"])
        and (not f.label or f.label in row["labels"])
        and (not f.max_confidence or row["confidence"] <= float(f.max_confidence))
        and (not f.reviewer or f.reviewer in row["reviewers"])
        and (not f.q or f.q.casefold() in row["text"].casefold())
    )


def ordered(rows: list[dict[str, Any]], sort: str) -> list[dict[str, Any]]:
    """The items in the chosen order (ties: document, then position)."""
    keys = {
        "confidence": lambda r: (r["confidence"], r["document"], r["start"]),
        "document": lambda r: (r["document"], r["start"]),
        "page": lambda r: (r["page"], r["document"], r["start"]),
    }
    return sorted(rows, key=keys[sort])


def progress(rows: list[dict[str, Any]], label: str = "") -> dict[str, list[dict[str, Any]]]:
    """Reviewed and open items per document, per label and, for ``label``, per country."""

    def tally(groups: dict[str, list[bool]]) -> list[dict[str, Any]]:
        return [
            {"name": name, "reviewed": sum(flags), "left": len(flags) - sum(flags)}
            for name, flags in sorted(groups.items())
        ]

    documents: dict[str, list[bool]] = {}
    labels: dict[str, list[bool]] = {}
    cells: dict[str, list[bool]] = {}
    for row in rows:
        documents.setdefault(row["document"], []).append(row["reviewed"])
        for lb in row["labels"]:
            labels.setdefault(lb, []).append(row["reviewed"])
        if label and label in row["labels"]:
            for country in row["countries"] or {"unknown"}:
                cells.setdefault(country, []).append(row["reviewed"])
    return {"documents": tally(documents), "labels": tally(labels), "cells": tally(cells)}


def queue_view(
    data: ReviewData,
    filters: QueueFilters,
    item: str = "",
    after: str = "",
) -> dict[str, Any]:
    """Everything the queue page shows: the current item in full (``item``; else the one
    after ``after``, the item just finished; else the first), the next ones, progress."""
    rows = queue_rows(data)
    shown = ordered([r for r in rows if matches(r, filters)], filters.sort)
    ids = [r["id"] for r in shown]
    index = ids.index(item) if item in ids else 0
    if not item and after in ids:
        index = ids.index(after) + 1
        if index >= len(ids):
            index = 0 if ids[0] != after else len(ids)
    current = shown[index] if index < len(shown) else None
    following = shown[index + 1 : index + 1 + LIST_SIZE]
    return {
        "filters": filters,
        "rows_total": len(rows),
        "shown_total": len(shown),
        "reviewed_total": sum(r["reviewed"] for r in rows),
        "item": queue_item(data, current["id"]) if current else None,
        "position": index + 1 if current else 0,
        "following": following,
        "next_url": queue_url(filters, after=current["id"]) if current else queue_url(filters),
        "progress": progress(rows, filters.label),
        "documents": sorted({(r["document_id"], r["document"]) for r in rows}, key=lambda d: d[1]),
        "countries": sorted({c for r in rows for c in r["countries"]}),
        "labels": sorted({lb for r in rows for lb in r["labels"]}),
        "url": queue_url(filters),
    }


def item_view(filters: QueueFilters, data: ReviewData, passage_id: str) -> dict[str, Any]:
    """One passage as the queue's current item, whatever the filters say of it now (it was
    just decided on), and the address that goes on to the item after it."""
    return {"item": queue_item(data, passage_id), "next_url": queue_url(filters, after=passage_id)}


def queue_url(filters: QueueFilters, **extra: str) -> str:
    """The queue's address with these filters and ``extra`` parameters."""
    query = "&".join(part for part in (filters.query(), urlencode(extra)) if part)
    return "/queue" + (f"?{query}" if query else "")


def queue_item(data: ReviewData, passage_id: str) -> dict[str, Any]:
    """The current item: the passage with its mentions, a label form per task that has
    labels (the dimension form always) and the whole-passage mark."""
    item = passage_item(data, passage_id, set())
    tasks = [t for t in TASK_LABELS if t == "dimension" or data.label_sets.get((passage_id, t))]
    return item | {"label_forms": [label_form(data, passage_id, t) for t in tasks]}
