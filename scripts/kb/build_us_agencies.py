#!/usr/bin/env python
"""Build ``pipeline/data/kb/lists/us_agencies.jsonl``: the United States' federal bodies.

Source: the USA.gov A-Z index of federal agencies as the General Services Administration's
Solicitation Review Tool loads it, ``db/scripts/agencies.sql`` of https://github.com/GSA/srt-api
(a ``COPY ... "Agencies" (id, agency, acronym, ...)`` block). Give the file and, for the
record, the commit it was read at:

    python scripts/kb/build_us_agencies.py agencies.sql --commit 71a251f

Re-runnable: the same file gives the same lines. Every new line is marked ``needs_country``:
it is used only in a document that names the United States, because other countries'
departments share these names ("Department of Transportation", "DOT"). Bodies the
hand-written knowledge base already names become ``extends`` lines of them (see
:mod:`pipeline.extract.kb_bodies`).
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))  # list_build, beside this script

from list_build import read_list, write_counted  # noqa: E402

from pipeline.extract.kb import KB_DIR, LISTS_DIR, read_entries  # noqa: E402
from pipeline.extract.kb_bodies import lines_against, united_states_agencies  # noqa: E402

TARGET = KB_DIR / LISTS_DIR / "us_agencies.jsonl"
SOURCE = "USA.gov A-Z index of federal agencies, github.com/GSA/srt-api db/scripts/agencies.sql (ISC)"


def main(argv: list[str] | None = None) -> int:
    """Parse the list, write the KB lines, print what was written."""
    found = read_list(argv, "build_us_agencies", "db/scripts/agencies.sql of srt-api", SOURCE, TARGET)
    if found is None:
        return 2
    bodies = united_states_agencies(found.text)
    lines = lines_against(bodies, read_entries(built=False), "US", found.source)
    lines = [line if "extends" in line else line | {"needs_country": True} for line in lines]
    write_counted("build_us_agencies", lines, found.out, f"{len(bodies)} bodies")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
