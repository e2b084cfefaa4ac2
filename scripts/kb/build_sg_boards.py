#!/usr/bin/env python
"""Build ``pipeline/data/kb/lists/sg_boards.jsonl``: Singapore's statutory boards, named by the
titles of the Acts in force that establish them.

Source: Singapore Statutes Online's titles of the Acts in force, as the census
``data/census.json`` of https://github.com/Ansvar-Systems/singapore-law-mcp (Apache-2.0; a
census of sso.agc.gov.sg of 2026-02-25). Give the file and, for the record, the commit it
was read at:

    python scripts/kb/build_sg_boards.py census.json --commit 71d2ed7aa5bd

Re-runnable: the same file gives the same lines. Boards the hand-written knowledge base
already names become ``extends`` lines of them (see :mod:`pipeline.extract.kb_bodies`).
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))  # list_build, beside this script

from list_build import read_list, write_counted  # noqa: E402

from pipeline.extract.kb import KB_DIR, LISTS_DIR, read_entries  # noqa: E402
from pipeline.extract.kb_bodies import lines_against, singapore_boards  # noqa: E402

TARGET = KB_DIR / LISTS_DIR / "sg_boards.jsonl"
SOURCE = (
    "Singapore Statutes Online, the titles of the Acts in force, "
    "github.com/Ansvar-Systems/singapore-law-mcp data/census.json (Apache-2.0)"
)


def main(argv: list[str] | None = None) -> int:
    """Parse the census, write the KB lines, print what was written."""
    found = read_list(argv, "build_sg_boards", "data/census.json of singapore-law-mcp", SOURCE, TARGET)
    if found is None:
        return 2
    bodies = singapore_boards(found.text)
    lines = lines_against(bodies, read_entries(built=False), "SG", found.source)
    write_counted("build_sg_boards", lines, found.out, f"{len(bodies)} boards")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
