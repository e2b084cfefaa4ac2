"""Turn the annotators' files into the project's label file (keys and labels only).

Reads ``<dir>/items.jsonl`` and ``items_enrichment.jsonl`` (keys), ``labels_NN.jsonl``
(first annotation of batch NN, by annotator ``aNN``), ``overlap_labels_NN.jsonl`` (second
annotation, by ``aNN``, of items of another batch: the first 40 of batch NN+1, or 20 of the
other enrichment batch) and, when present, ``adjudication.jsonl`` (``{"item", "language",
"dimensions", "policy_stage", "diffusion"}`` decided by a third reader for items the two
disagreed on). Writes ``pipeline/data/training/passage_labels.jsonl`` and the agreement
report ``pipeline/data/training/reports/passage_labels_agreement.json``; prints the disagreements
to adjudicate (``--disagreements FILE``). With ``--add``, a later round (keys in
``items_round.jsonl``, made by ``make_round.py``) is added to the label file instead of
replacing it, and the agreement is computed again over every double-annotated passage the
file records. Usage::

    .venv/bin/python scripts/labelling/collect.py outputs/labelling
    .venv/bin/python scripts/labelling/collect.py outputs/labelling_r2 --add
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from pipeline.evaluate.agreement import agreement
from pipeline.labelled import TASK_FIELDS
from pipeline.records import TASK_LABELS
from pipeline.train.annotated import LABEL_FILE

FIELDS = ("language", *TASK_FIELDS.values())


def read_jsonl(path: Path) -> list[dict]:
    """Records of a JSON Lines file (empty when missing)."""
    if not path.is_file():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def labels_of(record: dict) -> dict:
    """The label fields of an annotation, label lists sorted."""
    out = {"language": record.get("language")}
    for task, field in TASK_FIELDS.items():
        out[field] = sorted({lb for lb in record.get(field) or [] if lb in TASK_LABELS[task]})
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--disagreements", type=Path, default=None)
    parser.add_argument("--add", action="store_true", help="add this round to the existing label file")
    args = parser.parse_args()
    items = {
        r["item"]: r
        for name in ("items.jsonl", "items_enrichment.jsonl", "items_round.jsonl")
        for r in read_jsonl(args.folder / name)
    }
    first: dict[str, tuple[str, dict]] = {}
    second: dict[str, tuple[str, dict]] = {}
    for path in sorted(args.folder.glob("labels_*.jsonl")):
        batch = path.stem.removeprefix("labels_")
        for r in read_jsonl(path):
            first[r["item"]] = (f"a{batch}", labels_of(r))
        for r in read_jsonl(args.folder / f"overlap_labels_{batch}.jsonl"):
            second[r["item"]] = (f"a{batch}", labels_of(r))
    adjudicated = {r["item"]: labels_of(r) for r in read_jsonl(args.folder / "adjudication.jsonl")}
    kept = [r for r in read_jsonl(LABEL_FILE) if r["item"] not in first] if args.add else []
    records = write_labels(items, first, second, adjudicated, kept)
    write_agreement([(r["first"], {f: r["second"][f] for f in FIELDS}) for r in records if "second" in r])
    if args.disagreements:
        rows = [
            {"item": i, "first": first[i][1], "second": second[i][1]}
            for i in sorted(second)
            if i in first and first[i][1] != second[i][1]
        ]
        args.disagreements.write_text("".join(json.dumps(r) + "\n" for r in rows))
        print(f"{len(rows)} disagreements -> {args.disagreements}")


def write_labels(items: dict, first: dict, second: dict, adjudicated: dict, kept: list[dict]) -> list[dict]:
    """The label file: keys, final labels and the record of both annotations, after the
    ``kept`` records of earlier rounds; returns every record written."""
    records = list(kept)
    for item in sorted(first):
        key = {k: items[item][k] for k in ("file", "document", "page", "start", "end", "text_sha1")}
        who, labels = first[item]
        record = {"item": item, **key}
        final = labels
        if item in second:
            other_who, other = second[item]
            record["second"] = {"annotator": other_who, **other}
            if other != labels:
                final = adjudicated.get(item, labels)
                record["adjudicated"] = item in adjudicated
        record.update(final)
        record["annotator"] = who
        record["first"] = labels
        records.append(record)
    lines = [json.dumps(r, ensure_ascii=False) for r in records]
    LABEL_FILE.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(lines)} labelled passages ({len(records) - len(kept)} new) -> {LABEL_FILE}")
    return records


def write_agreement(pairs: list[tuple[dict, dict]]) -> None:
    """Agreement per task (F1 per label and language, kappa) on the double-annotated items,
    given as (first annotation, second annotation) pairs."""
    report: dict = {"items": len(pairs)}
    langs = [a["language"] or "other" for a, _ in pairs]
    report["language_agreement"] = round(
        sum(a["language"] == b["language"] for a, b in pairs) / max(1, len(pairs)), 4
    )
    for task, field in TASK_FIELDS.items():
        report[task] = agreement(
            [a[field] for a, _ in pairs], [b[field] for _, b in pairs], langs, list(TASK_LABELS[task])
        )
    path = LABEL_FILE.parent / "reports" / "passage_labels_agreement.json"
    path.write_text(json.dumps(report, indent=1) + "\n")
    d = report["dimension"]
    print(
        f"agreement on {len(pairs)} items: dimension macro-F1 {d['macro']['f1']:.3f} "
        + " ".join(f"{k}={v['macro_f1']:.3f}" for k, v in d["per_language"].items())
    )


if __name__ == "__main__":
    main()
