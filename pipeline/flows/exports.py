"""Writing the tables from the store, and knowing when they are already current.

No Prefect here: the ``tables`` flow, ``sandingan tables`` and the run command's "nothing
changed" check all use these functions. Exports are written atomically by
:func:`pipeline.tables.export_tables`; a stamp file records which store state (documents'
fingerprints, review decisions) they were built from.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

from pipeline import __version__
from pipeline.flows.incremental import write_atomic
from pipeline.records import short_hash
from pipeline.store import Store

if TYPE_CHECKING:
    import pandas as pd

STAMP_NAME = ".tables-stamp.json"


def store_state(store: Store) -> str:
    """A hash of what the tables are built from: stored documents and review decisions."""
    docs = sorted(f"{k}:{v}" for k, v in store.fingerprints().items())
    docs += sorted(f"{d.id}@{d.path}:{d.missing}" for d in store.documents())
    decisions = sorted(d.id for d in store.decisions())
    return short_hash(__version__, *docs, "|", *decisions, length=32)


def tables_current(store: Store, out_dir: Path) -> bool:
    """True when the exports in ``out_dir`` were built from the store as it is now."""
    stamp_path = Path(out_dir) / STAMP_NAME
    if not stamp_path.is_file():
        return False
    try:
        stamp = json.loads(stamp_path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    files_there = all((Path(out_dir) / name).is_file() for name in stamp.get("files", []))
    return files_there and stamp.get("state") == store_state(store)


def write_tables(db_url: str, out_dir: Path) -> tuple[dict[str, pd.DataFrame], list[Path]]:
    """Build and export the tables, then stamp the folder with the store state they came from."""
    from pipeline.tables import build_tables, export_tables  # lazy: pandas, only when tables are built

    store = Store(db_url)
    try:
        state = store_state(store)
        tables = build_tables(store)
        paths = export_tables(tables, out_dir)
        stamp = {"state": state, "files": [Path(p).relative_to(out_dir).as_posix() for p in paths]}
        write_atomic(Path(out_dir) / STAMP_NAME, json.dumps(stamp, indent=1))
    finally:
        store.dispose()
    return tables, paths
