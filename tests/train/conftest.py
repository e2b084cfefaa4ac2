"""Fixtures of the training tests: the tiny base model and gold files of tests/classify."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "classify"))

from tinydata import tiny_base, tiny_gold  # noqa: E402, F401  (fixtures)
