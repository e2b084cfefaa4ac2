#!/usr/bin/env python
"""Build ``pipeline/data/kb/lists/intl_orgs.jsonl`` from the OECD's list of multilateral bodies.

Source: the DAC/CRS channel codes (OECD), as IATI publishes them in
``xml/CRSChannelCode.xml`` of https://github.com/IATI/IATI-Codelists-NonEmbedded (the
codelists are CC BY 4.0). Give the file's path (a download or a clone) and, for the
record, the commit it was read at:

    python scripts/kb/build_intl_orgs.py CRSChannelCode.xml --commit 7aeece77

Re-runnable: the same file gives the same lines. Bodies the hand-written knowledge base
already names become ``extends`` lines of them (see :mod:`pipeline.extract.kb_orgs`).
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))  # list_build, beside this script

from list_build import read_list, write_lines  # noqa: E402

from pipeline.extract.kb import KB_DIR, LISTS_DIR, read_entries  # noqa: E402
from pipeline.extract.kb_orgs import known_agencies, organisation_lines, parse_crs_channels  # noqa: E402

TARGET = KB_DIR / LISTS_DIR / "intl_orgs.jsonl"
SOURCE = (
    "OECD DAC/CRS channel codes (CC BY 4.0), "
    "github.com/IATI/IATI-Codelists-NonEmbedded xml/CRSChannelCode.xml"
)


def main(argv: list[str] | None = None) -> int:
    """Parse the codelist, write the KB lines, print what was written."""
    found = read_list(
        argv, "build_intl_orgs", "xml/CRSChannelCode.xml of IATI-Codelists-NonEmbedded", SOURCE, TARGET
    )
    if found is None:
        return 2
    orgs = parse_crs_channels(found.text)
    lines = organisation_lines(orgs, known_agencies(read_entries(built=False)), found.source)
    write_lines(found.out, lines)
    extended = sum("extends" in line for line in lines)
    new = len(lines) - extended
    print(f"build_intl_orgs: {len(orgs)} bodies -> {new} new, {extended} extending, in {found.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
