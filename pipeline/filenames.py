"""File names of any bytes: shown as valid UTF-8, stored so that they can be found again;
and files by content: the sha256 of a file's bytes (a document's id), and where a file with
given bytes lies.

On Linux a file name is bytes; Python hands names that are not UTF-8 over as strings with
lone surrogates (``surrogateescape``), which no database, JSON writer or terminal accepts.
"""

from __future__ import annotations

import hashlib
import os
import re
import threading
from pathlib import Path
from urllib.parse import quote, unquote_to_bytes

_SURROGATE = re.compile("[\ud800-\udfff]")
STORED_PREFIX = "fs:"  # a stored path that was not UTF-8: its bytes, percent-encoded
HASH_CHUNK = 1 << 20
_hash_cache: dict[tuple[str, int, int], str] = {}
_hash_lock = threading.Lock()


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
    return os.fsdecode(unquote_to_bytes(text[len(STORED_PREFIX) :]))


def file_sha256(path: Path) -> str:
    """The sha256 of a file's bytes, remembered per (path, size, modification time) within a
    process (safe from several threads)."""
    path = Path(path)
    stat = path.stat()
    key = (str(path.resolve()), stat.st_size, stat.st_mtime_ns)
    with _hash_lock:
        if key in _hash_cache:
            return _hash_cache[key]
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        while chunk := fh.read(HASH_CHUNK):
            digest.update(chunk)
    with _hash_lock:
        _hash_cache[key] = digest.hexdigest()
        return _hash_cache[key]


def find_file(name: str, sha256: str, folders: list[Path]) -> Path | None:
    """The file called ``name`` (a relative path) with these bytes in one of the folders, if any."""
    for folder in folders:
        path = Path(folder) / name
        if path.is_file() and file_sha256(path) == sha256:
            return path
    return None
