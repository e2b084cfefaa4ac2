"""The review page's data for a store: rebuilt when the store changed, patched in place
after the page's own decisions (see :mod:`pipeline.review.patch`)."""

from __future__ import annotations

import threading
from dataclasses import asdict

from sqlalchemy import func, select

from pipeline import store as db
from pipeline.records import Decision
from pipeline.review.data import ReviewData
from pipeline.review.patch import apply_decision
from pipeline.store import Store
from pipeline.tables import load_frames


class ReviewState:
    """The current :class:`ReviewData` of a store, rebuilt only when the store changed."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._lock = threading.Lock()
        self._key: tuple | None = None
        self._data: ReviewData | None = None

    def version(self) -> tuple:
        """A value that changes whenever anything the tables depend on changes."""
        with self.store.engine.connect() as conn:
            docs = tuple(
                conn.execute(
                    select(
                        db.documents.c.id, db.documents.c.fingerprint, db.documents.c.pipeline_version
                    ).order_by(db.documents.c.id)
                ).all()
            )
            counts = tuple(
                conn.execute(select(func.count()).select_from(t)).scalar_one()
                for t in (db.passages, db.mentions, db.labels, db.decisions)
            )
            latest = conn.execute(select(func.max(db.decisions.c.created_at))).scalar_one()
        return docs, counts, latest

    def current(self, tables: bool = True) -> ReviewData:
        """The data of the store as it is now; with ``tables`` False, the tables and cell
        evidence may lag behind decisions recorded with :meth:`record` (the queue, which
        shows passages, not tables, never waits for them)."""
        with self._lock:
            key = self.version()
            stale = self._data is not None and self._data.stale and tables
            if self._data is None or key != self._key or stale:
                self._data = ReviewData.build(load_frames(self.store))
                self._key = key
            return self._data

    def record(self, decision: Decision) -> None:
        """Store a decision and apply it to the current data in place (its passage only;
        the tables are rebuilt when a page that shows them is opened next)."""
        with self._lock:
            before = self.version() if self._data is not None else None
            self.store.add_decision(decision)
            if self._data is None or before != self._key:  # someone else changed the store
                self._data = None
                return
            apply_decision(self._data, asdict(decision))
            self._data.stale = True
            self._key = self.version()
