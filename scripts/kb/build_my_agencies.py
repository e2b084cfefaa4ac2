#!/usr/bin/env python
"""Build ``pipeline/data/kb/lists/my_agencies.jsonl`` from the agencies of Malaysia's
national data portal.

Source: the agencies data.gov.my names as its data's sources, in English and Malay with
their abbreviations: ``i18n/en-GB/agencies.json`` and ``i18n/ms-MY/agencies.json`` of
https://github.com/data-gov-my/datagovmy-meta (MIT). Give both files (English first) and,
for the record, the commit they were read at:

    python scripts/kb/build_my_agencies.py en-GB/agencies.json ms-MY/agencies.json --commit 65e91e68ee92

Re-runnable: the same files give the same lines. Companies and United Nations bodies are
left out; agencies the hand-written knowledge base already names become ``extends`` lines
of them (see :mod:`pipeline.extract.kb_bodies`).
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))  # list_build, beside this script

from list_build import read_list, write_counted  # noqa: E402

from pipeline.extract.kb import KB_DIR, LISTS_DIR, read_entries  # noqa: E402
from pipeline.extract.kb_bodies import lines_against, malaysian_bodies  # noqa: E402

TARGET = KB_DIR / LISTS_DIR / "my_agencies.jsonl"
SOURCE = "data.gov.my agencies, github.com/data-gov-my/datagovmy-meta i18n/*/agencies.json (MIT)"


def main(argv: list[str] | None = None) -> int:
    """Parse both files, write the KB lines, print what was written."""
    found = read_list(
        argv, "build_my_agencies", "i18n/en-GB/agencies.json and i18n/ms-MY/agencies.json", SOURCE, TARGET, 2
    )
    if found is None:
        return 2
    bodies = malaysian_bodies(*found.texts)
    lines = lines_against(bodies, read_entries(built=False), "MY", found.source)
    write_counted("build_my_agencies", lines, found.out, f"{len(bodies)} agencies")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
