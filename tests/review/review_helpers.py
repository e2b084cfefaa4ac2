"""Helpers of the review tests: the sample store of tests/tables, CSRF tokens, cell URLs."""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path

LOCAL = "http://127.0.0.1"


def _load_sample_store():
    """The ``sample_store`` helper module that lives beside the table tests."""
    if "sample_store" in sys.modules:
        return sys.modules["sample_store"]
    path = Path(__file__).resolve().parent.parent / "tables" / "sample_store.py"
    spec = importlib.util.spec_from_file_location("sample_store", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules["sample_store"] = module
    spec.loader.exec_module(module)
    return module


sample = _load_sample_store()


def csrf_of(html: str) -> str:
    """The CSRF token a page's forms carry."""
    match = re.search(r'name="csrf" value="([^"]+)"', html)
    assert match, "no CSRF field on the page"
    return match.group(1)


def count_link(html: str, key: str, country: str) -> str:
    """The text of the mentions link of one instruments row on the index page."""
    row = re.search(rf'<tr data-key="{re.escape(key)}" data-country="{country}">(.*?)</tr>', html, re.S)
    assert row, f"no instruments row {key} {country}"
    return re.search(r'<a class="count" href="[^"]*">(\d+)</a>', row.group(1)).group(1)
