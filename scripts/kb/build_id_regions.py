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

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))  # list_build, beside this script

from list_build import read_list, write_lines  # noqa: E402

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
    found = read_list(
        argv, "build_id_regions", "db/wilayah.sql of github.com/cahyadsn/wilayah", SOURCE, TARGET
    )
    if found is None:
        return 2
    regions = parse_wilayah_sql(found.text)
    lines = region_lines(regions, hand_written_names(), found.source)
    write_lines(found.out, lines)
    kinds = {k: sum(r.kind == k for r in regions) for k in ("provinsi", "kabupaten", "kota")}
    print(f"build_id_regions: {len(regions)} regions {kinds} -> {len(lines)} lines in {found.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
