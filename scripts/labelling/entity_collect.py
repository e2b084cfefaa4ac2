"""Turn the annotators' entity files into the project's keyed label file and agreement report.

Reads ``<dir>/documents.jsonl`` (from ``entity_pages.py``), ``<dir>/out/<annotator>/<stem>.json``
(one file per document and annotator, in the gold format plus a ``page`` per entry),
``<dir>/out_pos/pN/<stem>.json`` (the position pass: ``{"positions": [{"position", "page",
"office", "country"}]}``, merged into annotator aN's file) and, when
present, ``<dir>/adjudication.jsonl`` (``{"file", "label", "annotator", "name", "keep"}``:
a third reader's decision on an entry the two annotators did not share). Every name,
acronym, surface and title is located in the pipeline's page text (:mod:`pipeline.train.
entity_labels`) and stored as a key; an entry none of whose names is found is reported and
left out (a law keeps its labels). Writes ``pipeline/data/training/entity_labels.jsonl``
and ``pipeline/data/training/reports/entity_labels_agreement.json``; prints the
disagreements still to adjudicate (``--disagreements FILE`` writes them). The first half of
the documents in draw order is the ``dev`` split (errors may be read to improve the
extractor), the second half ``test`` (only its totals are read). A later round (its own
folder, ``--append``) keeps the label file's other documents and splits its own documents the
same way; its agreement goes to ``--report``. Usage::

    .venv/bin/python scripts/labelling/entity_collect.py outputs/entity_labelling
    .venv/bin/python scripts/labelling/entity_collect.py outputs/entity_labelling_r5 --append \
        --report pipeline/data/training/reports/entity_labels_agreement_r5.json
"""

from __future__ import annotations

import argparse
import csv
import json
import re
from pathlib import Path

import numpy as np

from pipeline.evaluate.entities import (
    LABELS,
    Counts,
    annotation_agreement,
    as_predictions,
    match_items,
    name_keys,
)
from pipeline.evaluate.metrics import PERCENTILES, bootstrap_totals
from pipeline.filenames import find_file
from pipeline.settings import shared_root
from pipeline.train.annotated import document_texts
from pipeline.train.entity_labels import ENTITY_FILE, LAW_FIELDS, LIST_FIELDS, key_for, page_texts

SHARED = shared_root()
FOLDERS = [SHARED / "corpus", SHARED / "pool"]
REPORT = ENTITY_FILE.parent / "reports" / "entity_labels_agreement.json"


def read_json_lines(path: Path) -> list[dict]:
    """Records of a JSON Lines file (empty when missing)."""
    if not path.is_file():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def manifest_languages() -> dict[str, str]:
    """The dominant language of each shared PDF, from the folders' MANIFEST.tsv."""
    out = {}
    for folder in FOLDERS:
        with (folder / "MANIFEST.tsv").open(encoding="utf-8") as fh:
            for row in csv.DictReader(fh, delimiter="\t"):
                out[row.get("filename") or row.get("file") or ""] = row.get("language") or ""
    return out


def annotations_of(root: Path, stem: str) -> list[dict]:
    """Every annotator's file for a document, first annotations (a1-a6) before second ones,
    each with its position pass (``out_pos/pN``, the same N) merged in (:func:`with_positions`)."""
    files = sorted(root.glob(f"out/*/{stem}.json"), key=lambda p: int(p.parent.name.lstrip("a")))
    out = []
    for path in files:
        annotation = json.loads(path.read_text(encoding="utf-8"))
        positions = root / "out_pos" / ("p" + path.parent.name.lstrip("a")) / path.name
        if positions.is_file():
            annotation = with_positions(annotation, json.loads(positions.read_text(encoding="utf-8")))
        out.append(annotation)
    return out


def with_positions(annotation: dict, positions: dict) -> dict:
    """The annotation with the position pass's offices added as agencies: a position whose
    office (or the position itself) is already listed adds nothing; one whose office the text
    names becomes that body, else the position as written is the agency's name."""
    agencies = list(annotation.get("agencies") or [])
    listed = set()
    for item in agencies:
        listed |= name_keys(item.get("name")) | name_keys(item.get("acronym"))
    for position in positions.get("positions") or []:
        office, written = position.get("office"), position.get("position")
        keys = name_keys(office) | name_keys(written)
        if not written or keys & listed:
            continue
        name = office or written
        page = position.get("page") if not office else None
        agencies.append({"name": name, "acronym": None, "country": position.get("country"), "page": page})
        listed |= keys
    annotation = {**annotation, "agencies": agencies}
    annotation["annotator"] = f"{annotation['annotator']}+{positions.get('annotator')}"
    return annotation


def merged(first: dict, second: dict, decisions: dict[tuple, tuple[bool, str]]) -> tuple[dict, list, list]:
    """(the adjudicated annotation, rejected entries, disagreements without a decision):
    entries both share (the first annotator's wording), plus entries of either that the
    adjudicator kept. Every entry records who listed it (``listed_by``)."""
    out: dict = {"file": first["file"], "laws": [], "agencies": [], "programmes": []}
    rejected, open_items = [], []
    both = [first["annotator"], second["annotator"]]
    for label in LABELS:
        field = LIST_FIELDS[label]
        pairs, missed, extra = match_items(label, first.get(field) or [], as_predictions(second, label))
        out[field] += [{**g, "listed_by": both} for g, _ in pairs]
        second_items = second.get(field) or []
        lonely = [(first["annotator"], g) for g in missed]
        lonely += [(second["annotator"], second_items[int(p.canonical_id.split(":")[1])]) for p in extra]
        for annotator, item in lonely:
            name = item.get("name") or item.get("surface") or item.get("acronym")
            decision = decisions.get((first["file"], label, annotator, name))
            if decision is None:  # decided before the position pass joined the annotator's file
                decision = decisions.get((first["file"], label, annotator.split("+")[0], name))
            entry = {**item, "listed_by": [annotator]}
            if decision is None:
                open_items.append(
                    {"file": first["file"], "label": label, "annotator": annotator, "item": item}
                )
            elif decision[0]:
                out[field].append({**entry, "adjudication": decision[1]})
            else:
                rejected.append({**entry, "label": label, "adjudication": decision[1]})
    return out, rejected, open_items


LEVELS_OF_GOVERNMENT = {"pemerintah pusat", "pemerintah daerah", "central government", "local government"}


# "menteri yang menyelenggarakan urusan pemerintahan di bidang keuangan": a post or body
# described by its function (the guideline: "the minister in charge of ..." is not listed)
FUNCTION_DESCRIPTION = re.compile(
    r"^(?:menteri|lembaga|badan|kementerian|instansi|pejabat|kepala|pimpinan|the\s+minister)\s+"
    r"(?:yang|responsible|in\s+charge)\b",
    re.IGNORECASE,
)


def not_named(name: str) -> str | None:
    """Why an agency entry names no body, or None: a level of government ("Pemerintah
    Pusat", the gold files' convention) or a post described by its function."""
    if " ".join(name.lower().split()) in LEVELS_OF_GOVERNMENT:
        return "a level of government, not a body (guideline, as in the gold files)"
    if FUNCTION_DESCRIPTION.match(name.strip()):
        return "a post or body described by its function, not named (guideline: positions)"
    return None


def without_levels_of_government(annotation: dict) -> tuple[dict, list[dict]]:
    """(the annotation without agencies that name no body, those entries as rejected):
    levels of government and posts described by their function (:func:`not_named`,
    ``docs/annotation_entities.md``)."""
    kept, dropped = [], []
    for item in annotation.get("agencies") or []:
        reason = not_named(item.get("name") or "")
        if reason is not None:
            dropped.append({**item, "label": "AGENCY", "adjudication": reason})
        else:
            kept.append(item)
    return {**annotation, "agencies": kept}, dropped


# "Peraturan Presiden ini", "Undang-Undang ini", "this Act": the text refers to itself without
# naming the instrument (annotators of a later page window took its number from the file name)
SELF_REFERENCE = re.compile(r"^(?:\S+(?:\s+\S+){0,3}\s+ini|this\s+\S+(?:\s+\S+)?)$", re.IGNORECASE)


def without_self_references(annotation: dict) -> tuple[dict, list[dict]]:
    """(the annotation without laws cited only as "this regulation", those entries as
    rejected): a self-reference names no instrument (guideline: a generic phrase is not a
    law; copy, never take a number from elsewhere)."""
    kept, dropped = [], []
    for item in annotation.get("laws") or []:
        surface = " ".join(str(item.get("surface") or "").split())
        if SELF_REFERENCE.match(surface) and not item.get("title"):
            reason = "cited only as a self-reference; the pages read do not name it (guideline)"
            dropped.append({**item, "label": "LAW", "adjudication": reason})
        else:
            kept.append(item)
    return {**annotation, "laws": kept}, dropped


def entity_records(
    sha: str, annotation: dict, pages: dict[int, str], annotators: list[str]
) -> tuple[list, list]:
    """(keyed entity records of one document, entries none of whose names was found)."""
    records, lost = [], []
    n = 0
    for label in LABELS:
        for item in annotation.get(LIST_FIELDS[label]) or []:
            preferred = [int(item["page"])] if str(item.get("page", "")).isdigit() else []
            record: dict = {"kind": "entity", "document": sha, "file": annotation["file"], "label": label}
            found = False
            for field in ("name", "acronym", "surface", "title"):
                value = item.get(field)
                key = key_for(value, pages, preferred) if isinstance(value, str) and value.strip() else None
                if key is not None:
                    record[field] = key.to_dict()
                    found = True
            if label == "LAW":
                record.update({f: item.get(f) for f in LAW_FIELDS})
            elif not found:
                lost.append({"file": annotation["file"], "label": label, "item": item})
                continue
            record.update({"entity": n, "country": item.get("country")})
            record["listed_by"] = item.get("listed_by", annotators)
            if "adjudication" in item:
                record["adjudication"] = item["adjudication"]
            records.append(record)
            n += 1
    return records, lost


def _as_annotation(file: str, entries: list[dict]) -> dict:
    """Entries of several labels (each with its ``label``) as one gold-format annotation."""
    out: dict = {"file": file, "laws": [], "agencies": [], "programmes": []}
    for entry in entries:
        out[LIST_FIELDS[entry["label"]]].append(entry)
    return out


def agreement_report(rows: list[tuple[str, str, dict[str, Counts]]]) -> dict:
    """F1 of the second annotation against the first per label, overall and per language,
    with 95% intervals from resampling documents."""

    def totals(subset: list) -> dict:
        counts = np.array(
            [[[c[lb].tp, c[lb].fp, c[lb].fn] for lb in LABELS] for _, _, c in subset], dtype=int
        )
        counts = counts.reshape(-1, len(LABELS), 3)
        out = {"documents": len(subset)}
        resampled = bootstrap_totals(counts) if len(subset) else np.zeros((0, len(LABELS), 3), dtype=int)
        for j, label in enumerate(LABELS):
            total = Counts(*(int(v) for v in counts[:, j].sum(0)))
            f1s = [Counts(*(int(v) for v in t[j])).scores()["f1"] for t in resampled]
            ci = [round(float(v), 3) for v in np.percentile(f1s, list(PERCENTILES))] if f1s else None
            out[label] = {**vars(total), "f1": total.scores()["f1"], "f1_ci": ci}
        return out

    languages = sorted({lang for _, lang, _ in rows})
    return {
        "what": "F1 of the second annotator's entities against the first's, matched as the scorer matches",
        "overall": totals(rows),
        "per_language": {lang: totals([r for r in rows if r[1] == lang]) for lang in languages},
        "documents": [
            {"file": f, "language": lang, **{lb: vars(c[lb]) for lb in LABELS}} for f, lang, c in rows
        ],
    }


def kept_records(path: Path, redrawn: set[str]) -> list[dict]:
    """The label file's records of documents outside this round (``--append``)."""
    return [r for r in read_json_lines(path) if r.get("document") not in redrawn]


def kept_outside_windows(path: Path, windows: set[tuple[str, tuple[int, ...]]]) -> list[dict]:
    """The label file's records outside this round's page windows (``--extend``): a PDF's
    other windows stay; a window annotated again is replaced."""
    out = []
    for r in read_json_lines(path):
        window = r.get("pages") if r.get("kind") == "document" else r.get("window")
        if (r.get("document"), tuple(window or ())) not in windows:
            out.append(r)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("root", type=Path)
    parser.add_argument("--disagreements", type=Path, default=None)
    parser.add_argument("--out", type=Path, default=ENTITY_FILE)
    parser.add_argument("--append", action="store_true", help="keep the other documents of --out")
    parser.add_argument(
        "--extend",
        action="store_true",
        help="a round of further page windows of documents already in --out (entity_extend.py): "
        "keep everything else, mark each entity with its window, split as documents.jsonl says",
    )
    parser.add_argument("--report", type=Path, default=REPORT)
    args = parser.parse_args()
    languages = manifest_languages()
    decisions = {
        (d["file"], d["label"], d["annotator"], d["name"]): (bool(d["keep"]), d.get("reason", ""))
        for d in read_json_lines(args.root / "adjudication.jsonl")
    }
    lines, agreement_rows, open_items, lost_all = [], [], [], []
    drawn = read_json_lines(args.root / "documents.jsonl")
    for position, doc in enumerate(drawn):
        stem = Path(doc["file"]).stem
        annotations = annotations_of(args.root, stem)
        if not annotations:
            print(f"{doc['file']}: not annotated yet")
            continue
        language = languages.get(doc["file"], "")
        annotators = [a["annotator"] for a in annotations]
        final, rejected = annotations[0], []
        if len(annotations) > 1:
            agreement_rows.append(
                (doc["file"], language, annotation_agreement(annotations[0], annotations[1]))
            )
            final, rejected, still_open = merged(annotations[0], annotations[1], decisions)
            open_items += still_open
        final, generic = without_levels_of_government(final)
        final, self_references = without_self_references(final)
        rejected = rejected + generic + self_references
        pdf = find_file(doc["file"], doc["document"], FOLDERS)
        if pdf is None:
            raise SystemExit(f"{doc['file']}: PDF not found under {FOLDERS}")
        window = range(doc["pages"][0], doc["pages"][1] + 1)
        pages = {p: t for p, t in page_texts(document_texts(pdf, doc["document"])).items() if p in window}
        records, lost = entity_records(doc["document"], final, pages, annotators)
        lost_all += lost
        for record in entity_records(
            doc["document"], _as_annotation(final["file"], rejected), pages, annotators
        )[0]:
            records.append({**record, "kind": "rejected"})
        if args.extend:
            records = [{**record, "window": doc["pages"]} for record in records]
        lines.append(
            {
                "kind": "document",
                "document": doc["document"],
                "file": doc["file"],
                "pages": doc["pages"],
                "language": language,
                "annotators": annotators,
                "adjudicated": len(annotations) > 1,
                "split": doc.get("split") or ("dev" if position < len(drawn) // 2 else "test"),
            }
        )
        lines += records
    if args.extend:
        windows = {(doc["document"], tuple(doc["pages"])) for doc in drawn}
        lines = kept_outside_windows(args.out, windows) + lines
    elif args.append:
        lines = kept_records(args.out, {doc["document"] for doc in drawn}) + lines
    args.out.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in lines), encoding="utf-8")
    args.report.write_text(json.dumps(agreement_report(agreement_rows), indent=1) + "\n", encoding="utf-8")
    documents = sum(r["kind"] == "document" for r in lines)
    print(f"{documents} documents, {len(lines) - documents} entities -> {args.out}")
    for item in lost_all:
        print(f"not found: {item['file']} {item['label']} {item['item']}")
    print(f"{len(open_items)} disagreements without a decision")
    if args.disagreements is not None:
        args.disagreements.write_text(
            "".join(json.dumps(o, ensure_ascii=False) + "\n" for o in open_items), encoding="utf-8"
        )


if __name__ == "__main__":
    main()
