"""Collect the language-ID annotations into the repository's label file (keys and labels
only) and write the agreement report.

Reads ``<dir>/items.jsonl`` (keys), ``answers_batch_*.jsonl`` (first annotation),
``answers_overlap_*.jsonl`` (second annotation of 20%) and, when present,
``adjudication.jsonl`` ({"item", "lang", "evidence", "note"}: the decision on a
disagreement). Writes ``pipeline/data/training/langid_ms_id.jsonl`` and
``pipeline/data/training/reports/langid_ms_id_agreement.json``; prints the disagreements
still to adjudicate.

    .venv/bin/python scripts/labelling/langid_collect.py outputs/labelling/langid
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

from pipeline.train.malay_data import LABELS_FILE

REPORT = LABELS_FILE.parent / "reports" / "langid_ms_id_agreement.json"
LANGS = ("ms", "id", "en", "other")


def read_jsonl(path: Path) -> list[dict]:
    """Lines of a JSON-lines file."""
    return [json.loads(ln) for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip()]


def answers(folder: Path, pattern: str) -> dict[str, dict]:
    """item -> answer, over the files matching ``pattern``."""
    return {a["item"]: a for f in sorted(folder.glob(pattern)) for a in read_jsonl(f)}


def kappa(pairs: list[tuple[str, str]]) -> float | None:
    """Cohen's kappa of two annotators' labels."""
    if not pairs:
        return None
    n = len(pairs)
    observed = sum(a == b for a, b in pairs) / n
    first, second = Counter(a for a, _ in pairs), Counter(b for _, b in pairs)
    expected = sum(first[k] * second[k] for k in first) / (n * n)
    return round((observed - expected) / (1 - expected), 4) if expected < 1 else 1.0


def main() -> None:
    """Write the label file and the agreement report."""
    folder = Path(sys.argv[1] if len(sys.argv) > 1 else "outputs/labelling/langid")
    items = read_jsonl(folder / "items.jsonl")
    first, second = answers(folder, "answers_batch_*.jsonl"), answers(folder, "answers_overlap_*.jsonl")
    decided = answers(folder, "adjudication.jsonl")
    records, pairs, open_items = [], [], []
    for item in items:
        a = first.get(item["item"])
        if a is None:
            continue
        record = {
            **{k: item[k] for k in ("source", "text_sha1", "occurrence", "kind")},
            "lang": a["lang"],
            "evidence": a.get("evidence", "text"),
            "annotations": [{"lang": a["lang"], "evidence": a.get("evidence")}],
        }
        b = second.get(item["item"])
        if b is not None:
            record["annotations"].append({"lang": b["lang"], "evidence": b.get("evidence")})
            pairs.append((item["kind"], a["lang"], b["lang"]))
            if a["lang"] != b["lang"]:
                d = decided.get(item["item"])
                if d is None:
                    open_items.append(item["item"])
                else:
                    record.update(
                        lang=d["lang"], evidence=d.get("evidence", record["evidence"]), adjudicated=True
                    )
        records.append(record)
    LABELS_FILE.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    report = {
        "items": len(records),
        "double_annotated": len(pairs),
        "labels": dict(Counter(r["lang"] for r in records)),
        "by_kind": {
            k: dict(Counter(r["lang"] for r in records if r["kind"] == k)) for k in ("passage", "line")
        },
        "agreement": {},
    }
    for kind in ("all", "passage", "line"):
        chosen = [(a, b) for k, a, b in pairs if kind in ("all", k)]
        per_label = {}
        for lang in LANGS:
            both = sum(a == lang and b == lang for a, b in chosen)
            marked = sum(a == lang for a, _ in chosen) + sum(b == lang for _, b in chosen)
            per_label[lang] = {
                "positive_agreement": round(2 * both / marked, 4) if marked else None,
                "n_marked": marked,
            }
        report["agreement"][kind] = {
            "n": len(chosen),
            "percent": round(sum(a == b for a, b in chosen) / len(chosen), 4) if chosen else None,
            "kappa": kappa(chosen),
            "per_label": per_label,
        }
    report["disagreements"] = sum(a != b for _, a, b in pairs)
    report["adjudicated"] = sum(1 for r in records if r.get("adjudicated"))
    REPORT.parent.mkdir(parents=True, exist_ok=True)
    REPORT.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(report["agreement"]["all"], indent=1))
    print(f"{len(records)} records; still to adjudicate: {open_items}")


if __name__ == "__main__":
    main()
