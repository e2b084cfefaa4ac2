"""Fold a blind relabelling of one round's policy stage and diffusion into the label file.

Reads ``<dir>/batch_NN.jsonl`` (the items), ``labels_NN.jsonl`` (first relabelling, by
annotator ``aNN``), ``overlap_labels_NN.jsonl`` (second, independent relabelling by ``aNN``
of the first items of the next batch) and, when present, ``adjudication.jsonl``
(``{"item", "policy_stage", "diffusion", "reason"}`` decided by a third reader for the
overlap items the two disagreed on). The round-1 audit's relabels
(``reports/passage_labels_round1_audit.json``, made under the same settled readings) count
as relabels of their items.

For every relabelled item the label file's ``policy_stage`` and ``diffusion`` become the
relabelling's (the adjudicated one where there is one); the earlier labels are kept under
``before_relabel`` and the relabelling's record under ``relabel`` (annotator, second
annotation, adjudication). Dimensions and language are not touched. Writes the agreement
report ``reports/passage_labels_stage_relabel.json``: the two relabellers against each
other, and the relabelling against the labels it replaces. Prints the overlap items to
adjudicate (``--disagreements FILE`` writes them with their texts, outside the repository).
Run it again after ``collect.py`` rebuilds round 1 (without ``--add``), which writes the
round's own labels back; running it twice changes nothing. Usage::

    .venv/bin/python scripts/labelling/relabel_collect.py outputs/labelling_stage
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from pipeline.evaluate.agreement import agreement  # noqa: E402
from pipeline.records import TASK_LABELS  # noqa: E402
from pipeline.train.annotated import LABEL_FILE  # noqa: E402

FIELDS = ("policy_stage", "diffusion")
REPORTS = LABEL_FILE.parent / "reports"
AUDIT = REPORTS / "passage_labels_round1_audit.json"
REPORT = REPORTS / "passage_labels_stage_relabel.json"


def read_jsonl(path: Path) -> list[dict]:
    """Records of a JSON Lines file (empty when missing)."""
    if not path.is_file():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def stage_labels(record: dict) -> dict[str, list[str]]:
    """The policy stage and diffusion of an annotation, only known labels, sorted."""
    return {f: sorted({lb for lb in record.get(f) or [] if lb in TASK_LABELS[f]}) for f in FIELDS}


def relabels(folder: Path) -> tuple[dict[str, dict], dict[str, dict]]:
    """(first relabelling by item, second relabelling by item), each with its annotator."""
    first: dict[str, dict] = {}
    second: dict[str, dict] = {}
    for path in sorted(folder.glob("labels_*.jsonl")):
        annotator = "a" + path.stem.split("_")[-1]
        for r in read_jsonl(path):
            first[r["item"]] = {**stage_labels(r), "annotator": annotator}
    for path in sorted(folder.glob("overlap_labels_*.jsonl")):
        annotator = "a" + path.stem.split("_")[-1]
        for r in read_jsonl(path):
            second[r["item"]] = {**stage_labels(r), "annotator": annotator}
    if AUDIT.is_file():
        for r in json.loads(AUDIT.read_text(encoding="utf-8"))["items"]:
            first.setdefault(r["item"], {**stage_labels(r), "annotator": r["annotator"]})
    return first, second


def agreement_report(pairs: list[tuple[dict, dict, str]]) -> dict:
    """Agreement per field of (reference, other, language) triples."""
    languages = [lang for _, _, lang in pairs]
    return {
        f: agreement([a[f] for a, _, _ in pairs], [b[f] for _, b, _ in pairs], languages, TASK_LABELS[f])
        for f in FIELDS
    }


def summary(report: dict) -> str:
    """One line per field: micro-F1 and macro-F1."""
    return "; ".join(
        f"{f} micro {report[f]['micro']['f1']:.3f} macro {report[f]['macro']['f1']:.3f}" for f in FIELDS
    )


def main() -> None:
    """Update the label file and write the agreement report."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--disagreements", type=Path, default=None)
    args = parser.parse_args()
    first, second = relabels(args.folder)
    decided = {r["item"]: r for r in read_jsonl(args.folder / "adjudication.jsonl")}
    texts = {r["item"]: r for p in sorted(args.folder.glob("batch_*.jsonl")) for r in read_jsonl(p)}
    lines = LABEL_FILE.read_text(encoding="utf-8").splitlines()
    records = [json.loads(line) for line in lines if line.strip()]
    language = {r["item"]: r["language"] for r in records}

    both = [i for i in second if i in first]
    to_decide = [i for i in both if stage_labels(first[i]) != stage_labels(second[i]) and i not in decided]
    updated = 0
    for record in records:
        new = first.get(record["item"])
        if new is None:
            continue
        before = record.get("before_relabel") or {f: record.get(f, []) for f in FIELDS}  # run again: same
        relabel: dict = {"annotator": new["annotator"], **stage_labels(new)}
        if record["item"] in second:
            relabel["second"] = {
                "annotator": second[record["item"]]["annotator"],
                **stage_labels(second[record["item"]]),
            }
        chosen = stage_labels(new)
        if record["item"] in decided:
            chosen = stage_labels(decided[record["item"]])
            relabel["adjudication"] = {**chosen, "reason": decided[record["item"]].get("reason", "")}
        record["before_relabel"] = before
        record["relabel"] = relabel
        record.update(chosen)
        updated += 1
    LABEL_FILE.write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8"
    )

    by_item = {r["item"]: r for r in records}
    between = agreement_report([(first[i], second[i], language[i]) for i in both])
    against = agreement_report(
        [(by_item[i]["before_relabel"], stage_labels(by_item[i]), language[i]) for i in first if i in by_item]
    )
    report = {
        "what": (
            "policy stage and diffusion of round 1 relabelled blind under the guideline's settled "
            "readings (2026-12-05): the two relabellers of the overlap items against each other, "
            "and the final relabels against round 1's labels they replace"
        ),
        "relabelled": updated,
        "double_annotated": len(both),
        "adjudicated": len(decided),
        "between_relabellers": between,
        "relabel_against_round1": against,
    }
    REPORT.write_text(json.dumps(report, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(f"{updated} items relabelled; {len(both)} annotated twice; {len(decided)} adjudicated")
    print("between relabellers: " + summary(between))
    print("relabel against round 1: " + summary(against))
    print(f"{len(to_decide)} overlap items still to adjudicate")
    if args.disagreements:
        rows = [
            {
                "item": i,
                "file": texts.get(i, {}).get("file"),
                "text": texts.get(i, {}).get("text"),
                "a": stage_labels(first[i]),
                "b": stage_labels(second[i]),
            }
            for i in to_decide
        ]
        args.disagreements.write_text(
            "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8"
        )


if __name__ == "__main__":
    main()
