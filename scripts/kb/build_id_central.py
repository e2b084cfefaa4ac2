#!/usr/bin/env python
"""Build ``pipeline/data/kb/lists/id_central.jsonl`` from LKPP's codes of Indonesia's central
institutions.

Source: the codes and names the government procurement agency (LKPP) gives the ministries
(``K..``) and other central institutions (``L..``, ``I..``) in its open data ("K/L/PD",
``kd_klpd`` / ``nama_klpd``), as kept in the dictionaries ``KEMENTERIAN_MAP`` of
``Sedot/sedot_kementerian.py`` and ``LEMBAGA_MAP`` of ``Sedot/sedot_lembaga.py`` of
https://github.com/agitkasep/inaprocdata (MIT). Give both files (a download or a clone)
and, for the record, the commit they were read at:

    python scripts/kb/build_id_central.py sedot_kementerian.py sedot_lembaga.py --commit 2abd6a2d5a92

The files are parsed, never run. Re-runnable: the same files give the same lines. Bodies
the hand-written knowledge base already names become ``extends`` lines of them (see
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
from pipeline.extract.kb_bodies import indonesian_bodies, lines_against, parse_lkpp_maps  # noqa: E402

TARGET = KB_DIR / LISTS_DIR / "id_central.jsonl"
SOURCE = (
    "LKPP K/L/PD codes of Indonesia's central institutions, "
    "github.com/agitkasep/inaprocdata Sedot/sedot_kementerian.py, Sedot/sedot_lembaga.py (MIT)"
)


def main(argv: list[str] | None = None) -> int:
    """Parse both maps, write the KB lines, print what was written."""
    found = read_list(
        argv, "build_id_central", "Sedot/sedot_kementerian.py and Sedot/sedot_lembaga.py", SOURCE, TARGET, 2
    )
    if found is None:
        return 2
    codes: dict[str, str] = {}
    for text in found.texts:
        codes |= parse_lkpp_maps(text)
    bodies = indonesian_bodies(codes)
    lines = lines_against(bodies, read_entries(built=False), "ID", found.source)
    write_counted("build_id_central", lines, found.out, f"{len(codes)} codes, {len(bodies)} bodies")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
