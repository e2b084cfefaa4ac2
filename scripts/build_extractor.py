#!/usr/bin/env python
"""Build the extractor's spaCy pipeline into ``models/extractor/`` (idempotent, offline).

A blank ``xx`` pipeline with the ``sandingan_entities`` rules component and a snapshot of
the knowledge base (``pipeline/data/kb/``): a few hundred kB, no weights. Skips the build
when the saved pipeline already holds the current knowledge base (``--force`` rebuilds).
Usage: ``python scripts/build_extractor.py [--force] [--out DIR]``.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.extract.kb import KB_DIR, kb_hash  # noqa: E402
from pipeline.extract.spacy_pipeline import build_nlp  # noqa: E402

TARGET = ROOT / "models" / "extractor"


def up_to_date(target: Path) -> bool:
    """True when ``target`` holds a pipeline built from the current KB files."""
    meta = target / "meta.json"
    return meta.exists() and json.loads(meta.read_text()).get("kb_hash") == kb_hash(KB_DIR)


def build(target: Path = TARGET, force: bool = False) -> Path:
    """Build and save the pipeline unless an up-to-date one is there."""
    if not force and up_to_date(target):
        print(f"build_extractor: {target} is up to date")
        return target
    if target.exists():
        for child in target.iterdir():  # keep trained versions (models/extractor/v1/ ...)
            if child.name.startswith("v") and child.is_dir():
                continue
            shutil.rmtree(child) if child.is_dir() else child.unlink()
    target.parent.mkdir(parents=True, exist_ok=True)
    build_nlp().to_disk(target)
    print(f"build_extractor: saved {target}")
    return target


def main() -> None:
    """Parse the arguments and build."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--force", action="store_true", help="rebuild even when up to date")
    parser.add_argument("--out", type=Path, default=TARGET, help="target folder")
    args = parser.parse_args()
    build(args.out, args.force)


if __name__ == "__main__":
    main()
