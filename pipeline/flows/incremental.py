"""What a run has to do: find PDFs, fingerprint them, skip what is already stored.

A document is redone only when its bytes (sha256), the pipeline version, a model version
or an output-changing setting (OCR) changed, or when the run is forced. No Prefect here:
the CLI uses these functions to answer "is there anything to do?" without starting a flow.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from pipeline import __version__
from pipeline.filenames import display_name, file_sha256
from pipeline.records import short_hash
from pipeline.registry import production, read_registry
from pipeline.settings import Settings
from pipeline.store import Store

FAILURES_NAME = "failed_documents.json"  # in the output folder


@dataclass(frozen=True)
class WorkItem:
    """One PDF file and the document id (sha256 of its bytes) it will be stored under."""

    path: str
    doc_id: str
    size: int


@dataclass
class Plan:
    """The documents a run must process, those it may skip, and the versions it runs with."""

    versions_key: str
    todo: list[WorkItem] = field(default_factory=list)
    skipped: list[WorkItem] = field(default_factory=list)
    duplicates: list[WorkItem] = field(default_factory=list)
    failed_before: list[WorkItem] = field(default_factory=list)
    unreadable: list[tuple[str, str]] = field(default_factory=list)  # (path, one-line reason)

    @property
    def total(self) -> int:
        """How many PDF files were found."""
        return (
            len(self.todo)
            + len(self.skipped)
            + len(self.duplicates)
            + len(self.failed_before)
            + len(self.unreadable)
        )


def discover_pdfs(folder: Path) -> list[Path]:
    """Every ``*.pdf`` file under ``folder`` (any case, hidden files left out), sorted.

    A link whose target is gone is listed too (the plan reports it as unreadable rather
    than skipping it in silence).
    """
    folder = Path(folder)
    if folder.is_file():
        return [folder]
    found = (
        p
        for p in folder.rglob("*")
        if p.suffix.lower() == ".pdf"
        and (p.is_file() or (p.is_symlink() and not p.exists()))
        and not any(part.startswith(".") for part in p.relative_to(folder).parts)
    )
    return sorted(found)


def unreadable_reason(path: Path, err: OSError) -> str:
    """One line saying why a file could not be fingerprinted."""
    if Path(path).is_symlink() and not Path(path).exists():
        return "unreadable: a link to a file that does not exist"
    return f"unreadable: {type(err).__name__}: {err.strerror or err}"


def folder_signature(folder: Path, exclude: frozenset[str] = frozenset()) -> str:
    """A hash of every file's relative path, size and modification time under ``folder``.

    Hidden files, ``__pycache__`` and top-level entries named in ``exclude`` are left out.
    """
    folder = Path(folder)
    if not folder.is_dir():
        return "none"
    entries = []
    for path in sorted(folder.rglob("*")):
        rel = path.relative_to(folder)
        hidden = any(p.startswith(".") or p == "__pycache__" for p in rel.parts)
        if path.is_file() and not hidden and rel.parts[0] not in exclude:
            stat = path.stat()
            entries.append(f"{rel.as_posix()}:{stat.st_size}:{stat.st_mtime_ns}")
    return short_hash(*entries)


def registry_versions(models_dir: Path) -> dict[str, str]:
    """The production version of every model in the registry (``models/registry.json``)."""
    names = sorted(read_registry(models_dir))
    return {name: str(production(name, models_dir)) for name in names}


def model_versions(models_dir: Path) -> dict[str, str]:
    """The model versions results depend on.

    Registered models count by their production version (training a new version changes
    nothing until it is promoted); every other file under ``models/`` (base models,
    committed pipelines) counts by path, size and modification time.
    """
    versions = registry_versions(models_dir)
    other = folder_signature(models_dir, exclude=frozenset(versions) | {"registry.json"})
    return versions | {"models/": other}


def make_versions_key(models_dir: Path, ocr: bool = True) -> str:
    """One hash of the pipeline version, the model versions and the OCR setting."""
    versions = json.dumps(model_versions(models_dir), sort_keys=True)
    return short_hash(__version__, versions, f"ocr={ocr}")


def fingerprint(doc_id: str, versions_key: str) -> str:
    """What a stored result was made from: the document's bytes and the versions key."""
    return short_hash(doc_id, versions_key, length=32)


def plan_corpus(
    files: Iterable[Path],
    stored: dict[str, str],
    versions_key: str,
    force: bool = False,
    redo_ids: frozenset[str] = frozenset(),
    failed: dict[str, str] | None = None,
) -> Plan:
    """Split ``files`` into work to do and work already done with the same fingerprint.

    ``stored`` and ``failed`` map document id to the fingerprint it was stored with or
    failed with (a failure is not retried until something changes); ``redo_ids`` are
    documents to redo whatever their fingerprint (e.g. encrypted ones, given a password).
    """
    plan = Plan(versions_key=versions_key)
    failed = failed or {}
    seen: set[str] = set()
    for path in files:
        try:
            item = WorkItem(str(path), file_sha256(Path(path)), Path(path).stat().st_size)
        except OSError as err:  # one unreadable file never stops a run
            plan.unreadable.append((str(path), unreadable_reason(Path(path), err)))
            continue
        current = fingerprint(item.doc_id, versions_key)
        if item.doc_id in seen:
            plan.duplicates.append(item)
        elif force or item.doc_id in redo_ids:
            plan.todo.append(item)
        elif stored.get(item.doc_id) == current:
            plan.skipped.append(item)
        elif failed.get(item.doc_id) == current:
            plan.failed_before.append(item)
        else:
            plan.todo.append(item)
        seen.add(item.doc_id)
    plan.todo.sort(key=lambda it: -it.size)  # largest first: shorter tail on many workers
    return plan


def load_failures(path: Path) -> dict[str, dict[str, str]]:
    """The failure ledger: document id -> {"fingerprint", "file", "reason"} (empty if none)."""
    try:
        return json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def update_failures(
    ledger: dict[str, dict[str, str]],
    outcomes: Iterable[tuple[str, str, str, str | None]],
    versions_key: str,
) -> dict[str, dict[str, str]]:
    """The ledger after a run: ``(doc_id, file, status, error)`` outcomes; "failed" added,
    anything else (processed now) removed."""
    out = dict(ledger)
    for doc_id, file, status, error in outcomes:
        if status == "failed":
            out[doc_id] = {
                "fingerprint": fingerprint(doc_id, versions_key),
                "file": file,
                "reason": error or "failed",
            }
        else:
            out.pop(doc_id, None)
    return out


def encrypted_ids(store: Store) -> frozenset[str]:
    """Documents stored as encrypted (redone when a password is given)."""
    return frozenset(d.id for d in store.documents() if d.status == "encrypted")


def plan_run(
    store: Store,
    corpus: Path,
    settings: Settings,
    *,
    force: bool = False,
    password_given: bool = False,
    retry_failed: bool = False,
) -> tuple[Plan, dict[str, dict[str, str]]]:
    """The plan of an ingest run over ``corpus``, and the failure ledger it used."""
    versions_key = make_versions_key(settings.models_dir, settings.ocr)
    redo = encrypted_ids(store) if password_given else frozenset()
    ledger = load_failures(settings.out_dir / FAILURES_NAME)
    failed = {} if retry_failed else {k: v["fingerprint"] for k, v in ledger.items()}
    files = discover_pdfs(corpus)
    return plan_corpus(files, store.fingerprints(), versions_key, force, redo, failed), ledger


def relocate(store: Store, plan: Plan) -> tuple[list[str], list[str]]:
    """Follow files that moved and notice files that are gone; return (renamed, gone) paths.

    A stored document found under another path while its old path no longer exists was
    renamed: its path is updated. A stored document whose file no longer exists and whose
    bytes were found nowhere in this run is marked ``missing``: kept in the store with its
    review decisions, left out of the tables, and back in them when the file returns.
    """
    found: dict[str, str] = {}  # document id -> a path it was found under
    for item in plan.todo + plan.skipped + plan.failed_before + plan.duplicates:
        found.setdefault(item.doc_id, item.path)
    renamed, gone = [], []
    for doc in store.documents():
        here = bool(doc.path) and os.path.exists(doc.path)
        if doc.id in found and not here and found[doc.id] != doc.path:
            store.set_location(doc.id, found[doc.id], display_name(Path(found[doc.id]).name), False)
            renamed.append(found[doc.id])
        elif doc.missing and (here or doc.id in found):
            store.set_location(doc.id, doc.path if here else found[doc.id], doc.file, False)
        elif not here and not doc.missing and doc.id not in found and doc.path:
            store.set_location(doc.id, doc.path, doc.file, True)
            gone.append(doc.path)
    return renamed, gone


def write_atomic(path: Path, data: bytes | str) -> None:
    """Write a file so that readers see the old or the new content, never half of it."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    payload = data.encode("utf-8") if isinstance(data, str) else data
    try:
        with tmp.open("wb") as fh:
            fh.write(payload)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:  # a signal or a full disk: leave no temporary file behind
        tmp.unlink(missing_ok=True)
        raise
