#!/usr/bin/env python
"""Build ``pipeline/data/kb/lists/id_regions.jsonl`` from Indonesia's region code list.

Source: the Ministry of Home Affairs' region codes (Kepmendagri No 300.2.2-2138 Tahun 2025),
as the SQL dump ``db/wilayah.sql`` of https://github.com/cahyadsn/wilayah (MIT). Give the
dump's path (a download or a clone) and, for the record, the commit it was read at:

    python scripts/kb/build_id_regions.py wilayah.sql --commit b7ad440a13

Re-runnable: the same dump gives the same file. Regions the hand-written knowledge base
already names are left out (see :mod:`pipeline.extract.kb_lists`).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from pipeline.extract.kb import KB_DIR, LISTS_DIR, read_entries  # noqa: E402
from pipeline.extract.kb_lists import parse_wilayah_sql, region_lines  # noqa: E402
from pipeline.extract.text import normalize_name  # noqa: E402

TARGET = KB_DIR / LISTS_DIR / "id_regions.jsonl"
SOURCE = "Kepmendagri 300.2.2-2138/2025, github.com/cahyadsn/wilayah db/wilayah.sql"


def hand_written_names(kb_dir: Path = KB_DIR) -> dict[tuple[str, str], set[str]]:
    """(kind, name key) -> ids of the hand-written entries with that name or acronym (the
    built lists left out)."""
    known: dict[tuple[str, str], set[str]] = {}
    for e in read_entries(kb_dir, built=False):
        for name in (*e.all_names(), *e.acronyms):
            known.setdefault((e.kind, normalize_name(name)), set()).add(e.id)
    return known


def main(argv: list[str] | None = None) -> int:
    """Parse the dump, write the KB lines, print what was written."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dump", type=Path, help="db/wilayah.sql of github.com/cahyadsn/wilayah")
    parser.add_argument("--commit", default="", help="the source repository's commit, recorded in each line")
    parser.add_argument("--out", type=Path, default=TARGET)
    args = parser.parse_args(argv)
    if not args.dump.is_file():
        print(f"build_id_regions: no region dump at {args.dump}", file=sys.stderr)
        return 2
    regions = parse_wilayah_sql(args.dump.read_text(encoding="utf-8"))
    source = f"{SOURCE}@{args.commit[:12]}" if args.commit else SOURCE
    lines = region_lines(regions, hand_written_names(), source)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    text = "".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines)
    args.out.write_text(text, encoding="utf-8")
    kinds = {k: sum(r.kind == k for r in regions) for k in ("provinsi", "kabupaten", "kota")}
    print(f"build_id_regions: {len(regions)} regions {kinds} -> {len(lines)} lines in {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
