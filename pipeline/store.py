"""One store for documents, passages, mentions, labels and review decisions.

SQLite in the output folder by default, any SQLAlchemy URL through the settings. A
document's results are replaced in one transaction, so a killed run never leaves half a
document behind and a re-run never duplicates one. Decisions live in their own table and
are never touched by a re-run.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, fields
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Connection,
    Float,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    create_engine,
    delete,
    event,
    insert,
    inspect,
    select,
    text,
    update,
)
from sqlalchemy.engine import Engine

from pipeline.filenames import native_path, stored_path
from pipeline.records import (
    Decision,
    Document,
    DocumentResult,
    Law,
    Mention,
    Passage,
    PassageLabel,
)

if TYPE_CHECKING:
    import pandas as pd

metadata = MetaData()

documents = Table(
    "documents",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("file", Text),
    Column("path", Text),
    Column("status", String(16)),
    Column("error", Text),
    Column("pages", Integer),
    Column("language", String(8)),
    Column("language_profile", JSON),
    Column("title", Text),
    Column("year", Integer),
    Column("doi", Text),
    Column("instrument", JSON),
    Column("quality", Float),
    Column("pipeline_version", Text),
    Column("fingerprint", Text),
    Column("relevance", Float),
    Column("relevant", Boolean),
    Column("missing", Boolean),
)

pages = Table(
    "pages",
    metadata,
    Column("document_id", String(64), primary_key=True),
    Column("number", Integer, primary_key=True),
    Column("width", Float),
    Column("height", Float),
    Column("text_source", String(8)),
    Column("quality", Float),
    Column("chars", Integer),
    Column("columns", Integer),
)
passages = Table(
    "passages",
    metadata,
    Column("id", String(80), primary_key=True),
    Column("document_id", String(64), index=True),
    Column("page", Integer),
    Column("text", Text),
    Column("start", Integer),
    Column("end", Integer),
    Column("bbox", JSON),
    Column("section", Text),
    Column("lang", String(8)),
    Column("lang_confidence", Float),
    Column("kind", String(16)),
    Column("table", JSON),
    Column("parts", JSON),
)
mentions = Table(
    "mentions",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("document_id", String(64), index=True),
    Column("passage_id", String(80), index=True),
    Column("page", Integer),
    Column("label", String(16)),
    Column("text", Text),
    Column("start", Integer),
    Column("end", Integer),
    Column("canonical_id", Text),
    Column("canonical_name", Text),
    Column("country", String(8)),
    Column("country_rule", String(16)),
    Column("confidence", Float),
    Column("method", Text),
    Column("law", JSON),
)
labels = Table(
    "labels",
    metadata,
    Column("passage_id", String(80), primary_key=True),
    Column("task", String(16), primary_key=True),
    Column("label", String(32), primary_key=True),
    Column("document_id", String(64), index=True),
    Column("score", Float),
    Column("method", Text),
)
decisions = Table(
    "decisions",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("target_id", String(32), index=True),
    Column("action", String(16)),
    Column("reviewer", Text),
    Column("created_at", String(32)),
    Column("document_id", String(64)),
    Column("payload", JSON),
)

RESULT_TABLES = (pages, passages, mentions, labels)
TABLES = {t.name: t for t in metadata.sorted_tables}


def _enable_sqlite_wal(engine: Engine) -> None:
    """WAL journal and a busy timeout, so a reader and a writer can share the file."""

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA busy_timeout=30000")
        cur.execute("PRAGMA synchronous=NORMAL")
        cur.close()


def _row(record: Any, table: Table, **extra: Any) -> dict[str, Any]:
    """A dataclass record as a row of ``table`` (unknown keys dropped)."""
    data = asdict(record) | extra
    return {c.name: data.get(c.name) for c in table.columns}


class DamagedStore(Exception):
    """The database file is damaged: its pages fail the engine's own integrity check."""


def check_sqlite_file(url: str) -> None:
    """Raise :class:`DamagedStore` with one line when a SQLite store file fails
    ``PRAGMA quick_check`` or is not a database at all; other URLs are not checked."""
    if not url.startswith("sqlite:///"):
        return
    path = url[len("sqlite:///") :]
    if path in ("", ":memory:") or not Path(path).is_file() or Path(path).stat().st_size == 0:
        return
    try:
        with contextlib.closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as conn:
            verdict = [row[0] for row in conn.execute("PRAGMA quick_check(3)")]
    except sqlite3.DatabaseError as exc:
        verdict = [str(exc)]
    if verdict != ["ok"]:
        verdict = [" ".join(str(v).split()) for v in verdict]
        raise DamagedStore(
            f"the store {path} is damaged ({'; '.join(verdict)[:160]}): move it aside and run "
            "again (every PDF is read anew; export review decisions first with "
            "`sandingan review export` if it still opens), or restore a backup"
        )


class Store:
    """The database behind the pipeline, the tables and the review app."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.engine = create_engine(url, future=True)
        if url.startswith("sqlite"):
            _enable_sqlite_wal(self.engine)
        metadata.create_all(self.engine)
        _add_missing_columns(self.engine)

    @contextmanager
    def transaction(self) -> Iterator[Connection]:
        """A connection whose work commits together or not at all."""
        with self.engine.begin() as conn:
            yield conn

    def save_result(self, result: DocumentResult, fingerprint: str = "") -> None:
        """Replace everything stored for this document with ``result``, atomically."""
        doc_id = result.document.id
        with self.transaction() as conn:
            self._delete_document(conn, doc_id)
            conn.execute(
                insert(documents),
                [
                    _row(
                        result.document,
                        documents,
                        fingerprint=fingerprint,
                        path=stored_path(result.document.path),
                    )
                ],
            )
            self._insert(conn, pages, [_row(p, pages) for p in result.pages])
            self._insert(conn, passages, [_row(p, passages) for p in result.passages])
            self._insert(conn, mentions, [_row(m, mentions) for m in result.mentions])
            self._insert(conn, labels, [_row(lb, labels) for lb in _unique_labels(result.labels)])

    @staticmethod
    def _insert(conn: Connection, table: Table, rows: list[dict[str, Any]]) -> None:
        if rows:
            conn.execute(insert(table), rows)

    @staticmethod
    def _delete_document(conn: Connection, doc_id: str) -> None:
        for table in RESULT_TABLES:
            conn.execute(delete(table).where(table.c.document_id == doc_id))
        conn.execute(delete(documents).where(documents.c.id == doc_id))

    def delete_document(self, doc_id: str) -> None:
        """Remove a document's machine output (its review decisions stay)."""
        with self.transaction() as conn:
            self._delete_document(conn, doc_id)

    def set_location(self, doc_id: str, path: str, file: str, missing: bool) -> None:
        """Record where a document's file is now (renamed), or that it is gone."""
        with self.transaction() as conn:
            conn.execute(
                update(documents)
                .where(documents.c.id == doc_id)
                .values(path=stored_path(path), file=file, missing=missing)
            )

    def fingerprints(self) -> dict[str, str]:
        """Document id -> the fingerprint (bytes, pipeline and model versions) it was made with."""
        with self.engine.connect() as conn:
            rows = conn.execute(select(documents.c.id, documents.c.fingerprint)).all()
        return {r.id: r.fingerprint or "" for r in rows}

    def frame(self, name: str) -> pd.DataFrame:
        """A whole table as a DataFrame (JSON columns decoded)."""
        table = TABLES[name]
        with self.engine.connect() as conn:
            rows = conn.execute(select(table)).mappings().all()
        import pandas as pd  # lazy: only the tables and the review page read frames (~80 MB)

        return pd.DataFrame([dict(r) for r in rows], columns=[c.name for c in table.columns])

    def documents(self) -> list[Document]:
        """Every stored document record."""
        return [_record(Document, r) for r in self._rows(documents)]

    def passages_of(self, doc_id: str) -> list[Passage]:
        """The passages of one document, in reading order."""
        rows = self._rows(passages, passages.c.document_id == doc_id)
        out = [_record(Passage, r) for r in rows]
        return sorted(out, key=lambda p: p.start)

    def passage(self, passage_id: str) -> Passage | None:
        """One passage by id."""
        rows = self._rows(passages, passages.c.id == passage_id)
        return _record(Passage, rows[0]) if rows else None

    def mentions_of(self, doc_id: str) -> list[Mention]:
        """The machine mentions of one document."""
        return [_mention(r) for r in self._rows(mentions, mentions.c.document_id == doc_id)]

    def mention(self, mention_id: str) -> Mention | None:
        """One machine mention by id."""
        rows = self._rows(mentions, mentions.c.id == mention_id)
        return _mention(rows[0]) if rows else None

    def labels_of(self, doc_id: str) -> list[PassageLabel]:
        """The passage labels of one document."""
        return [_record(PassageLabel, r) for r in self._rows(labels, labels.c.document_id == doc_id)]

    def add_decision(self, decision: Decision) -> None:
        """Store a review decision as its own row."""
        with self.transaction() as conn:
            conn.execute(insert(decisions), [_row(decision, decisions)])

    def decisions(self) -> list[Decision]:
        """Every review decision, oldest first."""
        rows = sorted(self._rows(decisions), key=lambda r: (r["created_at"], r["id"]))
        return [_record(Decision, r) for r in rows]

    def _rows(self, table: Table, where: Any = None) -> list[dict[str, Any]]:
        query = select(table) if where is None else select(table).where(where)
        with self.engine.connect() as conn:
            return [dict(r) for r in conn.execute(query).mappings().all()]

    def dispose(self) -> None:
        """Close the connection pool."""
        self.engine.dispose()


def _add_missing_columns(engine: Engine) -> None:
    """Add columns a newer version of the schema has to the tables of an older store."""
    inspector = inspect(engine)
    with engine.begin() as conn:
        for table in metadata.sorted_tables:
            have = {c["name"] for c in inspector.get_columns(table.name)}
            for column in table.columns:
                if column.name not in have:
                    kind = column.type.compile(dialect=engine.dialect)
                    conn.execute(text(f'ALTER TABLE {table.name} ADD COLUMN "{column.name}" {kind}'))


def _unique_labels(items: Iterable[PassageLabel]) -> list[PassageLabel]:
    """One label per (passage, task, label): the highest score wins."""
    best: dict[tuple[str, str, str], PassageLabel] = {}
    for lb in items:
        key = (lb.passage_id, lb.task, lb.label)
        if key not in best or lb.score > best[key].score:
            best[key] = lb
    return list(best.values())


def _record(cls: type, row: dict[str, Any]) -> Any:
    """Build a dataclass from a row, ignoring store-only columns."""
    names = {f.name for f in fields(cls)}
    data = {k: v for k, v in row.items() if k in names}
    if cls is Passage and data.get("bbox") is not None:
        data["bbox"] = tuple(data["bbox"])
    if cls is Document:
        data["path"] = native_path(data.get("path"))
        data["missing"] = bool(data.get("missing"))
    return cls(**data)


def _mention(row: dict[str, Any]) -> Mention:
    mention = _record(Mention, row)
    if isinstance(mention.law, dict):
        mention.law = Law(**mention.law)
    return mention
