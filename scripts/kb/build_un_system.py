#!/usr/bin/env python
"""Build ``pipeline/data/kb/lists/un_system.jsonl`` from the UN System Chart.

Source: the United Nations System Chart as the UN's Executive Office of the
Secretary-General publishes its entities (name, acronym, principal organ, category), as
``public/un-entities.csv`` of https://github.com/UN-EOSG-Analytics/un-system-chart-navigator.
Give the file's path and, for the record, the commit it was read at:

    python scripts/kb/build_un_system.py un-entities.csv --commit f7283f28c51d

Re-runnable: the same file gives the same lines. Bodies the knowledge base already names
(hand-written, or built from the OECD's list in ``intl_orgs.jsonl``) become ``extends``
lines of them (see :func:`pipeline.extract.kb_orgs.parse_un_system`).
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))  # list_build, beside this script

from list_build import read_list, write_counted  # noqa: E402

from pipeline.extract.kb import KB_DIR, LISTS_DIR, KBEntry, read_entries  # noqa: E402
from pipeline.extract.kb_bodies import Body, acronym_keys, body_lines, known_agencies_of  # noqa: E402
from pipeline.extract.kb_orgs import parse_un_system, spelling_variants  # noqa: E402

TARGET = KB_DIR / LISTS_DIR / "un_system.jsonl"
SOURCE = (
    "UN System Chart (UN EOSG), github.com/UN-EOSG-Analytics/un-system-chart-navigator public/un-entities.csv"
)
BEFORE = ("intl_orgs.jsonl",)  # built lists this one may extend


def known_entries() -> list[KBEntry]:
    """The hand-written entries and the new lines of the built lists in :data:`BEFORE`."""
    import json

    entries = read_entries(built=False)
    for name in BEFORE:
        for line in (KB_DIR / LISTS_DIR / name).read_text(encoding="utf-8").splitlines():
            data = json.loads(line)
            if "id" in data:
                entries.append(KBEntry.from_dict(data))
    return entries


def un_bodies(csv_text: str) -> list[Body]:
    """The chart's bodies as :class:`Body` values of country INT, each name in both spellings."""
    bodies = []
    for code, name, others, acronyms in parse_un_system(csv_text):
        forms = [f for n in (name, *others) for f in spelling_variants(n)]
        rest = tuple(dict.fromkeys(f for f in forms if f != name))
        bodies.append(Body(code, "INT", name, "en", {"en": rest}, acronyms))
    return bodies


def main(argv: list[str] | None = None) -> int:
    """Parse the chart, write the KB lines, print what was written."""
    found = read_list(
        argv, "build_un_system", "public/un-entities.csv of un-system-chart-navigator", SOURCE, TARGET
    )
    if found is None:
        return 2
    bodies = un_bodies(found.text)
    entries = known_entries()
    lines = body_lines(bodies, known_agencies_of(entries, "INT"), acronym_keys(entries), found.source)
    write_counted("build_un_system", lines, found.out, f"{len(bodies)} bodies")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
