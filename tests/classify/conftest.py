"""Fixtures of the classifier tests: a tiny scratch base model and tiny gold files."""

from tinydata import tiny_base, tiny_gold  # noqa: F401  (fixtures)
