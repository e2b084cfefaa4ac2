#!/usr/bin/env python
"""Build ``pipeline/data/kb/lists/statutes.jsonl`` from lists of foreign statutes.

Sources:
- Singapore's Acts in force as Singapore Statutes Online titles them, as
  ``data/census.json`` of https://github.com/Ansvar-Systems/singapore-law-mcp (Apache-2.0;
  its census of sso.agc.gov.sg, 2026-02-25);
- the EU's main regulations and directives with their CELEX numbers, as the records
  ``data/seed/*.json`` of https://github.com/Ansvar-Systems/EU_compliance_MCP (Apache-2.0).

Give the census first, then the EU records, and, for the record, the commits they were read
at (``--commit SG_COMMIT,EU_COMMIT``):

    python scripts/kb/build_statutes.py census.json seed/*.json --commit 71d2ed7aa5bd,047a8d3db90e

Re-runnable: the same files give the same lines. Titles the hand-written ``laws.jsonl``
already has are left out (see :mod:`pipeline.extract.kb_statutes`).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))  # list_build, beside this script

from list_build import write_lines  # noqa: E402

from pipeline.extract.kb import KB_DIR, LISTS_DIR, read_entries  # noqa: E402
from pipeline.extract.kb_statutes import eu_acts, known_laws, singapore_acts  # noqa: E402

TARGET = KB_DIR / LISTS_DIR / "statutes.jsonl"
SG_SOURCE = (
    "Singapore Statutes Online, github.com/Ansvar-Systems/singapore-law-mcp data/census.json (Apache-2.0)"
)
EU_SOURCE = "EUR-Lex CELEX numbers, github.com/Ansvar-Systems/EU_compliance_MCP data/seed (Apache-2.0)"


def main(argv: list[str] | None = None) -> int:
    """Parse the lists, write the KB lines, print what was written."""
    parser = argparse.ArgumentParser(description=f"Build {TARGET.name} from lists of foreign statutes")
    parser.add_argument("census", type=Path, help="data/census.json of singapore-law-mcp")
    parser.add_argument("seeds", type=Path, nargs="+", help="data/seed/*.json of EU_compliance_MCP")
    parser.add_argument("--commit", default=",", help="the two repositories' commits, comma-separated")
    parser.add_argument("--out", type=Path, default=TARGET)
    args = parser.parse_args(argv)
    for path in (args.census, *args.seeds):
        if not path.is_file():
            print(f"build_statutes: no list at {path}", file=sys.stderr)
            return 2
    sg_commit, _, eu_commit = args.commit.partition(",")
    known = known_laws(read_entries(built=False))
    sg_source = f"{SG_SOURCE}@{sg_commit[:12]}" if sg_commit else SG_SOURCE
    eu_source = f"{EU_SOURCE}@{eu_commit[:12]}" if eu_commit else EU_SOURCE
    singapore = singapore_acts(args.census.read_text(encoding="utf-8"), known, sg_source)
    eu = eu_acts((p.read_text(encoding="utf-8") for p in sorted(args.seeds)), known, eu_source)
    write_lines(args.out, singapore + eu)
    print(f"build_statutes: {len(singapore)} Singapore Acts, {len(eu)} EU acts in {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
