"""Review decisions from submitted forms, validated (bad input -> :class:`FormError`)."""

from __future__ import annotations

import re
import uuid
from datetime import UTC, datetime
from typing import Any

from iso3166 import countries_by_alpha2

from pipeline.records import ENTITY_LABELS, TASK_LABELS, Decision, DecisionAction, Mention
from pipeline.tables.anchors import mention_anchor, passage_anchor
from pipeline.tables.decisions import label_target

COUNTRY_RE = re.compile(r"^(?:[A-Z]{2}|INT)$")
MAX_REVIEWER = 80
MAX_FIELD = 500
ACTIONS: tuple[DecisionAction, ...] = ("accept", "reject", "correct", "undo")


class FormError(ValueError):
    """A submitted review form that cannot become a decision."""


def clean_reviewer(name: str | None) -> str:
    """The reviewer's name, trimmed; required."""
    name = " ".join((name or "").split())[:MAX_REVIEWER]
    if not name:
        raise FormError("Please give your name: every decision records its reviewer.")
    return name


def clean_country(value: str | None) -> str | None:
    """An assigned ISO 3166-1 alpha-2 code or INT, upper-cased; blank -> None."""
    value = (value or "").strip().upper()
    if not value:
        return None
    if not COUNTRY_RE.match(value) or (value != "INT" and value not in countries_by_alpha2):
        raise FormError(
            f"Country must be an ISO 3166 country code (ID, MY, SG, ...) or INT, not {value[:12]!r}."
        )
    return value


def clean_label(value: str | None) -> str:
    """One of the entity labels."""
    if value not in ENTITY_LABELS:
        raise FormError(f"Unknown label {value!r}.")
    return value


def clean_text(value: str | None) -> str | None:
    """A free-text field, trimmed and bounded; blank -> None."""
    value = " ".join((value or "").split())[:MAX_FIELD]
    return value or None


def new_decision(
    target_id: str,
    action: DecisionAction,
    reviewer: str,
    document_id: str | None,
    payload: dict[str, Any] | None = None,
) -> Decision:
    """A decision stamped now (UTC, microseconds, so later decisions sort later)."""
    return Decision(
        id=uuid.uuid4().hex,
        target_id=target_id,
        action=action,
        reviewer=reviewer,
        created_at=datetime.now(UTC).isoformat(timespec="microseconds"),
        document_id=document_id,
        payload=payload or {},
    )


def correction_payload(form: dict[str, str], mention: dict[str, Any]) -> dict[str, Any]:
    """The fields of a correction that differ from the mention as it stands."""
    wanted = {
        "label": clean_label(form.get("label") or mention.get("label")),
        "country": clean_country(form.get("country")),
        "canonical_id": clean_text(form.get("canonical_id")),
        "canonical_name": clean_text(form.get("canonical_name")),
    }
    payload = {k: v for k, v in wanted.items() if v != mention.get(k)}
    if not payload:
        raise FormError("Nothing to correct: the fields are as they were.")
    return payload


def mention_decision(
    action: str,
    mention: dict[str, Any],
    reviewer: str,
    form: dict[str, str],
    passage_text: str | None = None,
    id_label: str | None = None,
) -> Decision:
    """An accept, reject, correct or undo decision on a mention (``undo`` takes back the
    decision named in ``form["undoes"]``: the mention returns to its state before it).
    Given the passage's text, the decision is anchored to it (see
    :mod:`pipeline.tables.anchors`; ``id_label``: the label the mention's id was made with)."""
    if action not in ACTIONS:
        raise FormError(f"Unknown action {action!r}.")
    payload = correction_payload(form, mention) if action == "correct" else {}
    if action == "undo":
        if not (form.get("undoes") or "").strip():
            raise FormError("Which decision should be undone?")
        payload = {"undoes": form["undoes"].strip()}
    elif passage_text is not None:
        payload["anchor"] = mention_anchor(passage_text, mention, id_label or mention["label"])
    return new_decision(mention["id"], action, clean_reviewer(reviewer), mention.get("document_id"), payload)


def locate(text: str, selected: str, start: str | None, end: str | None) -> tuple[int, int]:
    """Where the selected words sit in the passage: the given offsets when they match the
    words, else their first occurrence."""
    if not selected.strip():
        raise FormError("Select or type the words of the missed mention.")
    try:
        s, e = int(start or ""), int(end or "")
        if 0 <= s < e <= len(text) and text[s:e] == selected:
            return s, e
    except ValueError:
        pass
    found = text.find(selected)
    if found < 0:
        found = text.find(selected.strip())
        selected = selected.strip()
    if found < 0:
        raise FormError("The selected words are not in this passage.")
    return found, found + len(selected)


TRIM = " \t\r\n\u00a0,;:"


def trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    """The span without the spaces and separating punctuation a selection catches at its
    ends (``, ; :``); a span of nothing else is refused."""
    while start < end and text[start] in TRIM:
        start += 1
    while end > start and text[end - 1] in TRIM:
        end -= 1
    if start == end:
        raise FormError("Select or type the words of the missed mention.")
    return start, end


def add_decision(passage: dict[str, Any], form: dict[str, str], reviewer: str) -> Decision:
    """An ``add`` decision: a mention the machine missed, in ``passage``."""
    text = passage["text"]
    start, end = trimmed(text, *locate(text, form.get("text") or "", form.get("start"), form.get("end")))
    label = clean_label(form.get("label"))
    payload = {
        "passage_id": passage["id"],
        "start": start,
        "end": end,
        "text": text[start:end],
        "label": label,
        "country": clean_country(form.get("country")),
        "canonical_id": clean_text(form.get("canonical_id")),
        "canonical_name": clean_text(form.get("canonical_name")),
    }
    payload["anchor"] = mention_anchor(text, {"text": text[start:end], "start": start, "end": end}, label)
    target = Mention.make_id(passage["id"], start, end, label)
    return new_decision(target, "add", clean_reviewer(reviewer), passage["document_id"], payload)


def label_decision(
    passage: dict[str, Any], task: str, ticked: list[str], current: set[str], reviewer: str
) -> Decision:
    """A passage's label set of ``task`` as the reviewer left it: ``accept`` when it is the
    set shown (``current``), ``correct`` when labels were ticked or unticked."""
    if task not in TASK_LABELS:
        raise FormError(f"Unknown label task {task!r}.")
    unknown = sorted(set(ticked) - set(TASK_LABELS[task]))
    if unknown:
        raise FormError(f"Unknown {task.replace('_', ' ')} label {unknown[0]!r}.")
    labels = sorted(set(ticked))
    action: DecisionAction = "accept" if set(labels) == set(current) else "correct"
    return new_decision(
        label_target(passage["id"], task),
        action,
        clean_reviewer(reviewer),
        passage["document_id"],
        {"task": task, "labels": labels, "anchor": passage_anchor(passage["text"])},
    )
