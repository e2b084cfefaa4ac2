"""File names of any bytes: shown as valid UTF-8, stored so that they can be found again.

On Linux a file name is bytes; Python hands names that are not UTF-8 over as strings with
lone surrogates (``surrogateescape``), which no database, JSON writer or terminal accepts.
"""

from __future__ import annotations

import os
import re
from urllib.parse import quote, unquote_to_bytes

_SURROGATE = re.compile("[\ud800-\udfff]")
STORED_PREFIX = "fs:"  # a stored path that was not UTF-8: its bytes, percent-encoded


def display_name(name: str) -> str:
    """The name as valid UTF-8 text: undecodable bytes become U+FFFD."""
    if not _SURROGATE.search(name):
        return name
    return os.fsencode(name).decode("utf-8", "replace")


def stored_path(path: str | None) -> str | None:
    """A path as stored in the database: itself when it is UTF-8, else ``fs:`` and its
    percent-encoded bytes (see :func:`native_path`)."""
    if path is None or not _SURROGATE.search(path):
        return path
    return STORED_PREFIX + quote(os.fsencode(path), safe="/")


def native_path(text: str | None) -> str | None:
    """The path :func:`stored_path` stored, as Python names that file."""
    if text is None or not text.startswith(STORED_PREFIX):
        return text
    return os.fsdecode(unquote_to_bytes(text[len(STORED_PREFIX):]))
