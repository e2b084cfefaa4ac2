"""Find the PDF file of a stored document, and only of a stored document.

The review app serves a PDF by document id, never by a path from the request. The path
recorded with the document is used (relative paths resolve against the PDF roots, else the
working directory); with PDF roots given the file must lie under one of them; and when the
document id is a sha256 of the bytes (as ingestion makes it), the file's bytes must still
hash to it, so a file replaced after ingestion is not served as evidence.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from pipeline.filenames import file_sha256

HEX_ID = re.compile(r"^[0-9a-f]{16,64}$")


def _candidates(doc: dict[str, Any], roots: list[Path] | None) -> list[Path]:
    """Where the document's file may be: its recorded path, else under each root."""
    recorded = Path(doc.get("path") or "")
    out = [recorded] if doc.get("path") and recorded.is_absolute() else []
    bases = roots if roots else [Path.cwd()]
    for base in bases:
        if doc.get("path") and not recorded.is_absolute():
            out.append(base / recorded)
        if doc.get("file"):
            out.append(base / Path(doc["file"]).name)
    return out


def _under(path: Path, roots: list[Path]) -> bool:
    return any(path.is_relative_to(root) for root in roots)


def stored_pdf(doc: dict[str, Any], roots: list[Path] | None) -> Path | None:
    """The file of a stored document, checked as the module docstring says, or None."""
    resolved_roots = [r.resolve() for r in roots] if roots else None
    doc_id = str(doc.get("id") or "").lower()
    for candidate in _candidates(doc, roots):
        path = candidate.resolve()
        if not path.is_file() or path.suffix.lower() != ".pdf":
            continue
        if resolved_roots is not None and not _under(path, resolved_roots):
            continue
        if HEX_ID.match(doc_id) and not file_sha256(path).startswith(doc_id):
            continue
        if not HEX_ID.match(doc_id) and resolved_roots is None:
            continue
        return path
    return None
