"""Reviewed annotations as training data: one JSON object per reviewed passage (JSON Lines).

A passage is *reviewed* when a reviewer decided on at least one mention in it (accept,
reject, correct, or added a missed one), set its labels of a task, or marked the whole
passage reviewed. Only what a person
decided is exported as a label; the machine output the reviewer left alone is listed apart, so that no trainer
learns from the pipeline's own predictions. Each line::

    {"document": "<document id (sha256)>", "file": "<pdf file name>",
     "passage_id": "...", "page": 3, "text": "<passage text, as stored>",
     "language": "en" | "id" | "ms" | "other",
     "country": "ID" | ... | null,          # the passage country, null if none or several
     "mentions": [{"start": 0, "end": 38, "text": "...", "label": "LAW",
                   "canonical_id": "id/perpres/2018/95", "country": "ID",
                   "status": "accepted" | "corrected" | "added" | "seen"}],
     "rejected": [{"start": 10, "end": 14, "text": "...", "label": "AGENCY"}],
     "unreviewed": [{"start": 40, "end": 47, "text": "...", "label": "AGENCY"}],
     "dimensions": ["governance", ...],          # only when a person set them
     "policy_stage": [...], "diffusion": [...],  # likewise, per task
     "label_status": {"dimensions": "accepted" | "corrected", ...},
     "machine_dimensions": ["governance", ...],  # the machine's, when nobody set them
     "passage_reviewed": {"reviewer": "...", "at": "..."},  # only when marked as a whole
     "reviewers": ["..."]}

``start``/``end`` index ``text`` (Python string offsets, end exclusive). ``mentions`` are
the spans a person confirmed, corrected or added, and, in a passage marked reviewed as a
whole, the machine mentions that stood when the person marked it (``seen``: they saw them
and let them stand; a passage so marked is a complete annotation); ``rejected`` are spans a reviewer said are
not mentions (negative examples); ``unreviewed`` are machine mentions nobody decided on
(a span trainer leaves them unannotated: neither entity nor non-entity). A task's labels
are exported under its field (``dimensions``, ``policy_stage``, ``diffusion``) only when a
reviewer set that passage's labels of the task (``accepted``: the machine's set as shown,
``corrected``: changed; an empty list says "none of them"), so a trainer, which reads these
fields only, never learns a label nobody saw; otherwise the machine's dimensions are listed
as ``machine_dimensions``, for reference.
``language`` and ``country`` follow the field names of the gold files' ``passages``
(``../shared/gold/SCHEMA.md``).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pipeline.labelled import TASK_FIELDS
from pipeline.records import DIMENSIONS
from pipeline.store import Store
from pipeline.tables.country import UNKNOWN_COUNTRY
from pipeline.tables.evidence import country_by_passage, dimension_support
from pipeline.tables.export import atomic_write_text
from pipeline.tables.frames import Frames, load_frames

DECIDED = ("accepted", "corrected", "added", "seen")  # mention states a person gave or saw


def _span(row: dict[str, Any], keys: tuple[str, ...]) -> dict[str, Any]:
    """A mention row as a JSON span with the given keys (ints as ints, NaN as None)."""
    out: dict[str, Any] = {}
    for key in keys:
        value = row.get(key)
        out[key] = None if value is None or (isinstance(value, float) and value != value) else value
    out["start"], out["end"] = int(out["start"]), int(out["end"])
    return out


def reviewed_passage_ids(frames: Frames) -> list[str]:
    """Passages with at least one review decision on a mention in them or on their labels."""
    touched = frames.all_mentions[frames.all_mentions["status"] != "machine"]
    return list(
        dict.fromkeys(
            [*touched["passage_id"], *(p for p, _ in frames.label_reviews), *frames.passage_reviews]
        )
    )


def reviewed_labels(frames: Frames, passage_id: str) -> tuple[dict[str, Any], set[str]]:
    """(the label sets reviewers gave the passage, under the tasks' export fields, with
    ``label_status``; those reviewers); empty when no set was given."""
    out: dict[str, Any] = {}
    status: dict[str, str] = {}
    reviewers: set[str] = set()
    for task, field in TASK_FIELDS.items():
        state = frames.label_reviews.get((passage_id, task))
        if state is not None:
            out[field] = list(state["labels"])
            status[field] = state["status"]
            reviewers.add(state["reviewer"])
    return out | ({"label_status": status} if status else {}), reviewers


def reviewed_examples(frames: Frames) -> list[dict[str, Any]]:
    """The training examples of every reviewed passage (format in the module docstring)."""
    ids = set(reviewed_passage_ids(frames))
    passages = frames.passages[frames.passages["id"].isin(ids)].sort_values(["document_id", "start"])
    if passages.empty:
        return []
    every = frames.all_mentions[frames.all_mentions["passage_id"].isin(ids)]
    every = every.sort_values(["start", "end"]).astype(object)
    every = every.where(every.notna(), None)
    support = dimension_support(frames)
    support = support[support["passage_id"].isin(ids) & support["label"].isin(DIMENSIONS)]
    dims = support.groupby("passage_id")["label"].agg(lambda s: sorted(set(s))).to_dict()
    countries = country_by_passage(frames)
    files = dict(zip(frames.documents["id"], frames.documents["file"], strict=True))
    by_passage = {p: g.to_dict("records") for p, g in every.groupby("passage_id")}
    return [
        example(
            p,
            seen_mentions(by_passage.get(p["id"], []), frames.passage_reviews.get(p["id"])),
            dims.get(p["id"], []),
            countries.get(p["id"], ()),
            files.get(p["document_id"]),
            *reviewed_labels(frames, p["id"]),
        )
        | passage_mark(frames.passage_reviews.get(p["id"]))
        for p in passages.to_dict("records")
    ]


def seen_mentions(
    mentions: list[dict[str, Any]],
    mark: dict[str, Any] | None,
) -> list[dict[str, Any]]:
    """The passage's mentions, with the machine ones a whole-passage mark saw as ``seen``
    (machine mentions that came after the mark stay ``machine``)."""
    if mark is None:
        return mentions
    seen = {tuple(item) for item in mark["seen"]}
    return [
        m | {"status": "seen", "reviewer": mark["reviewer"]}
        if m["status"] == "machine" and (int(m["start"]), int(m["end"]), m["label"]) in seen
        else m
        for m in mentions
    ]


def passage_mark(mark: dict[str, Any] | None) -> dict[str, Any]:
    """The ``passage_reviewed`` field of a passage marked reviewed as a whole (else none)."""
    if mark is None:
        return {}
    return {"passage_reviewed": {"reviewer": mark["reviewer"], "at": mark["decided_at"]}}


def example(
    passage: dict[str, Any],
    mentions: list[dict[str, Any]],
    dimensions: list[str],
    countries: tuple[str, ...],
    file: str | None,
    labels: dict[str, Any] | None = None,
    label_reviewers: set[str] | None = None,
) -> dict[str, Any]:
    """One reviewed passage as a training example (``labels`` and ``label_reviewers``: the
    reviewed label sets and who set them, see :func:`reviewed_labels`)."""
    labels = labels or {}
    kept = [m for m in mentions if m["status"] in DECIDED]
    rejected = [m for m in mentions if m["status"] == "rejected"]
    unreviewed = [m for m in mentions if m["status"] == "machine"]
    known = [c for c in countries if c != UNKNOWN_COUNTRY]  # after the decisions
    return {
        "document": passage["document_id"],
        "file": file,
        "passage_id": passage["id"],
        "page": int(passage["page"]),
        "text": passage["text"],
        "language": passage["lang"],
        "country": known[0] if len(known) == 1 else None,
        "mentions": [
            _span(m, ("start", "end", "text", "label", "canonical_id", "country", "status")) for m in kept
        ],
        "rejected": [_span(m, ("start", "end", "text", "label")) for m in rejected],
        "unreviewed": [_span(m, ("start", "end", "text", "label")) for m in unreviewed],
        **labels,
        **({} if "dimensions" in labels else {"machine_dimensions": dimensions}),
        "reviewers": sorted(
            {m["reviewer"] for m in mentions if m.get("reviewer")} | (label_reviewers or set())
        ),
    }


def write_reviewed(store: Store, path: Path) -> int:
    """Write the reviewed passages of ``store`` to ``path`` (JSON Lines, atomically);
    return how many were written."""
    examples = reviewed_examples(load_frames(store))
    lines = "".join(json.dumps(e, ensure_ascii=False) + "\n" for e in examples)
    atomic_write_text(Path(path), lines)
    return len(examples)
