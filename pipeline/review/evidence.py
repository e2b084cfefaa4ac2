"""The evidence list of one table cell: its passages, mentions highlighted, with review forms."""

from __future__ import annotations

from typing import Any

from pipeline.records import TASK_LABELS
from pipeline.review.data import ReviewData
from pipeline.review.views import PAGE_SIZE
from pipeline.tables.decisions import PASSAGE_TARGET, parse_label_target, passage_target
from pipeline.tables.evidence import LABEL_TABLES
from pipeline.tables.names import TABLE_TITLES, label_name

TASK_BY_TABLE = {table: task for task, table in LABEL_TABLES.items()}


def highlight(text: str, mentions: list[dict[str, Any]], focus: set[str]) -> list[dict[str, Any]]:
    """The passage text cut into plain and highlighted segments.

    Overlapping mentions cannot both be marked: focus mentions win, then standing ones,
    then the earlier and longer; the others still appear in the mention list.
    """

    def rank(m: dict[str, Any]) -> tuple:
        return (m["id"] not in focus, m.get("status") == "rejected", m["start"], m["start"] - m["end"])

    chosen: list[dict[str, Any]] = []
    for m in sorted(mentions, key=rank):
        valid = 0 <= m["start"] < m["end"] <= len(text)
        if valid and all(m["end"] <= c["start"] or m["start"] >= c["end"] for c in chosen):
            chosen.append(m)
    segments: list[dict[str, Any]] = []
    pos = 0
    for m in sorted(chosen, key=lambda m: m["start"]):
        if m["start"] > pos:
            segments.append({"text": text[pos : m["start"]], "mention": None})
        segments.append(
            {
                "text": text[m["start"] : m["end"]],
                "mention": m["id"],
                "label": m["label"],
                "status": m.get("status"),
                "focus": m["id"] in focus,
            }
        )
        pos = m["end"]
    if pos < len(text):
        segments.append({"text": text[pos:], "mention": None})
    return segments


def cell_heading(data: ReviewData, table: str, row: str, col: str) -> str:
    """A readable name of a cell: what it counts, where."""
    if table in TASK_BY_TABLE:
        return f"{label_name(row)} \u00b7 {col}"
    if table == "instruments_by_country":
        label, key = row.split("|", 1) if "|" in row else ("", row)
        names = data.tables[table]
        match = names[(names["canonical_id"] == key) & (names["type"] == label)]
        name = match["name"].iloc[0] if len(match) else key
        return f"{name} ({label_name(label)}) \u00b7 {col}"
    if table == "documents":
        return f"{label_name(col)} mentions in {data.document_name(row)}"
    if table == "law_citations":
        laws = data.tables[table]
        match = laws[laws["law_id"] == row]
        name = match["law"].iloc[0] if len(match) else row
        return f"{name} cited in {data.document_name(col)}"
    return f"{row} \u00b7 {col}"


def label_form(data: ReviewData, passage_id: str, task: str) -> dict[str, Any]:
    """The label form of a passage: every label of the task, ticked when it stands now
    (with its score), the review state and the form's version."""
    shown = data.labels_of(passage_id, task)
    choices = [
        {
            "value": label,
            "name": label_name(label),
            "ticked": label in shown["labels"],
            "score": shown["labels"].get(label),
        }
        for label in TASK_LABELS[task]
    ]
    return {
        "task": task,
        "task_name": label_name(task),
        "choices": choices,
        "state": shown["state"],
        "version": shown["version"],
    }


def passage_item(data: ReviewData, passage_id: str, focus: set[str]) -> dict[str, Any]:
    """One evidence item: the passage, its document and page, its mentions, focus first."""
    passage = data.passages[passage_id]
    mentions = data.mentions_by_passage.get(passage_id, [])
    mentions = [m | {"focus": m["id"] in focus} for m in mentions]
    mentions.sort(key=lambda m: (not m["focus"], m["start"]))
    doc = data.documents.get(passage["document_id"], {})
    return {
        "passage": passage,
        "document": doc,
        "document_name": data.document_name(doc.get("id", "")),
        "segments": highlight(passage["text"], mentions, focus),
        "mentions": mentions,
        "focus_count": sum(m["focus"] for m in mentions),
        "mark": passage_mark(data, passage_id),
        "country": passage_country(data, passage_id),
    }


def passage_country(data: ReviewData, passage_id: str) -> str:
    """The passage's country when it has exactly one (the add form starts with it), else ""."""
    known = [c for c in data.passage_countries.get(passage_id, ()) if c and c != "unknown"]
    return known[0] if len(known) == 1 else ""


def passage_mark(data: ReviewData, passage_id: str) -> dict[str, Any]:
    """The whole-passage review of a passage for its form: ``reviewed`` (None or the mark),
    the decision to undo and the form's version."""
    target = passage_target(passage_id)
    latest = data.latest.get(target)
    mark = data.frames.passage_reviews.get(passage_id)
    return {
        "reviewed": mark,
        "version": data.version(target),
        "undoes": latest["id"] if mark and latest and latest["action"] == "accept" else None,
    }


def evidence_view(data: ReviewData, table: str, row: str, col: str, page: int = 1) -> dict:
    """The evidence list of a cell, a page of passages at a time."""
    ev = data.evidence
    ev = ev[(ev["table"] == table) & (ev["row_key"] == row) & (ev["col_key"] == col)]
    ev = ev.assign(_start=ev["passage_id"].map(lambda p: data.passages[p]["start"]))
    ev = ev.sort_values(["document", "page", "_start"])
    focus = ev.groupby("passage_id", sort=False)["mention_id"].agg(
        lambda ids: {i for i in ids if isinstance(i, str)}
    )
    passage_ids = list(focus.index)
    pages = max(1, -(-len(passage_ids) // PAGE_SIZE))
    page = min(max(1, page), pages)
    shown = passage_ids[(page - 1) * PAGE_SIZE : page * PAGE_SIZE]
    task = TASK_BY_TABLE.get(table)
    items = [
        passage_item(data, p, focus[p]) | {"label_form": label_form(data, p, task) if task else None}
        for p in shown
    ]
    return {
        "table": table,
        "row": row,
        "col": col,
        "table_title": TABLE_TITLES.get(table, table),
        "heading": cell_heading(data, table, row, col),
        "items": items,
        "passages": len(passage_ids),
        "mentions": int(ev["mention_id"].notna().sum()),
        "documents": int(ev["document_id"].nunique()),
        "page": page,
        "pages": pages,
        "is_mention_cell": table not in TASK_BY_TABLE,
    }


def decision_note(data: ReviewData, decision_id: str | None) -> dict[str, Any] | None:
    """What a just-made decision did, for the note (with undo) shown after it."""
    decision = data.decisions.get(decision_id or "")
    if decision is None:
        return None
    labels = parse_label_target(decision["target_id"])
    if labels is not None:
        return label_note(data, decision, *labels)
    if decision["target_id"].startswith(PASSAGE_TARGET):
        passage_id = decision["target_id"][len(PASSAGE_TARGET) :]
        return {
            "action": decision["action"],
            "kind": "passage",
            "passage_id": passage_id,
            "undo": decision["action"] != "undo",
            "decision_id": decision["id"],
            "exists": passage_id in data.passages,
            "version": data.version(decision["target_id"]),
        }
    mention = data.mention(decision["target_id"]) or {}
    payload = decision.get("payload") or {}
    if decision["action"] == "undo":  # an undone add: the words are in the add's payload
        payload = (data.decisions.get(payload.get("undoes") or "") or {}).get("payload") or {}
    text = mention.get("text") or payload.get("text") or decision["target_id"]
    return {
        "action": decision["action"],
        "text": text,
        "target_id": decision["target_id"],
        "label": label_name(mention.get("label") or payload.get("label") or ""),
        "undo": decision["action"] != "undo",
        "decision_id": decision["id"],
        "exists": bool(mention),
        "version": data.version(decision["target_id"]),
    }


def label_note(
    data: ReviewData,
    decision: dict[str, Any],
    passage_id: str,
    task: str,
) -> dict[str, Any]:
    """The note after a label-set decision: the set now standing, with undo."""
    state = data.frames.label_reviews.get((passage_id, task))
    names = [label_name(lb) for lb in (state or {}).get("labels", ())]
    return {
        "action": decision["action"],
        "kind": "labels",
        "task": label_name(task),
        "labels": names,
        "reviewed": state is not None,
        "passage_id": passage_id,
        "task_key": task,
        "undo": decision["action"] != "undo",
        "decision_id": decision["id"],
        "exists": passage_id in data.passages,
        "version": data.version(decision["target_id"]),
    }


def label_target_view(data: ReviewData, decision: dict[str, Any]) -> dict[str, Any]:
    """For the decision log: the passage, task name and label names of a label-set
    decision, the passage of a whole-passage mark (task name None); empty for a decision
    on a mention."""
    if decision["target_id"].startswith(PASSAGE_TARGET):
        passage_id = decision["target_id"][len(PASSAGE_TARGET) :]
        return {"passage": data.passages.get(passage_id), "task_name": None, "label_names": []}
    target = parse_label_target(decision["target_id"])
    if target is None:
        return {}
    passage_id, task = target
    labels = (decision.get("payload") or {}).get("labels") or []
    return {
        "passage": data.passages.get(passage_id),
        "task_name": label_name(task),
        "label_names": [label_name(lb) for lb in labels],
    }


def orphan_words(decision: dict[str, Any]) -> str:
    """The words an orphaned decision was made on (its anchor's span, an added mention's
    words, or the labels' task), for the decision log."""
    payload = decision.get("payload") or {}
    anchor = found if isinstance(found := payload.get("anchor"), dict) else {}
    if anchor.get("span") or payload.get("text"):
        return str(anchor.get("span") or payload.get("text"))
    if payload.get("task"):
        return f"{label_name(payload['task'])} labels"
    return "the whole passage" if str(decision["target_id"]).startswith(PASSAGE_TARGET) else ""
