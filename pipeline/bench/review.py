"""How long one review decision takes, end to end, on a store of many passages.

A synthetic store (``passages`` passages of templated policy sentences, three machine
mentions and one or two dimension labels each, in documents of 50 passages) is written to a
temporary SQLite file and served by the review app in-process (Starlette's test client: the
whole HTTP stack but the socket). Two ways of deciding are timed on it, in the same run:

- **queue**: the queue's in-page decision (``X-Sandingan-Partial: queue``): the decision is
  stored, applied to its passage in place and the updated item is sent back;
- **page**: the page flow without script: the decision, its redirect and the reload of the
  evidence page it returns to, which rebuilds every table from the store.

Reported: median and 90th percentile milliseconds per decision of each, and their ratio.
"""

from __future__ import annotations

import hashlib
import random
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient

from pipeline.records import (
    Document,
    DocumentResult,
    EntityLabel,
    Mention,
    Page,
    Passage,
    PassageLabel,
)
from pipeline.review.app import create_app
from pipeline.store import Store

AGENCIES = ("Kominfo", "Bappenas", "MDEC", "GovTech", "Dinas Perhubungan", "DEPA")
PROGRAMMES = ("Smart Nation", "Gerakan 100 Smart City", "MyDIGITAL", "Kampung Pintar")
CITIES = ("Jakarta", "Bandung", "Cyberjaya", "Surabaya", "Singapore", "Bangkok")
DIMENSIONS = ("governance", "economy", "mobility", "environment", "people", "living")
PER_DOCUMENT = 50


def synthetic_document(index: int, passages: int, rng: random.Random) -> DocumentResult:
    """One document of ``passages`` templated passages with mentions and labels."""
    doc = hashlib.sha256(f"synthetic document {index}".encode()).hexdigest()
    out, mentions, labels = [], [], []
    for i in range(passages):
        agency, programme, city = rng.choice(AGENCIES), rng.choice(PROGRAMMES), rng.choice(CITIES)
        text = (
            f"{agency} runs {programme} for the residents of {city}, passage {i} of "
            f"document {index}, with a budget line and a review of the results."
        )
        p = Passage(id=f"{doc[:12]}-p{i}", document_id=doc, page=1 + i // 10, text=text, lang="en")
        out.append(p)
        named: tuple[tuple[str, EntityLabel], ...] = (
            (agency, "AGENCY"),
            (programme, "PROGRAMME"),
            (city, "PLACE"),
        )
        for surface, label in named:
            start = text.index(surface)
            mentions.append(
                Mention(
                    Mention.make_id(p.id, start, start + len(surface), label),
                    doc,
                    p.id,
                    p.page,
                    label,
                    surface,
                    start,
                    start + len(surface),
                    surface.lower(),
                    surface,
                    "ID",
                    "entity",
                    round(rng.uniform(0.5, 1.0), 2),
                    "rule",
                )
            )
        for dimension in rng.sample(DIMENSIONS, rng.choice((1, 2))):
            labels.append(
                PassageLabel(
                    p.id, doc, "dimension", dimension, round(rng.uniform(0.4, 1.0), 2), "model@bench"
                )
            )
    pages = 1 + (passages - 1) // 10
    document = Document(
        id=doc,
        file=f"bench_{index}.pdf",
        path=f"/nowhere/bench_{index}.pdf",
        pages=pages,
        language="en",
        title=f"Synthetic report {index}",
    )
    return DocumentResult(document, [Page(doc, n) for n in range(1, pages + 1)], out, mentions, labels)


def synthetic_store(path: Path, passages: int, seed: int = 0) -> Store:
    """A SQLite store at ``path`` holding ``passages`` synthetic passages."""
    rng = random.Random(seed)
    store = Store(f"sqlite:///{path}")
    for index in range(0, passages, PER_DOCUMENT):
        store.save_result(synthetic_document(index // PER_DOCUMENT, min(PER_DOCUMENT, passages - index), rng))
    return store


def _decide(
    client: TestClient, csrf: str, mention_id: str, version: str, partial: bool, next_url: str
) -> float:
    """Seconds for one decision (and, for the page flow, the page it returns to)."""
    started = time.perf_counter()
    response = client.post(
        "/decide",
        data={
            "csrf": csrf,
            "mention_id": mention_id,
            "action": "reject",
            "reviewer": "bench",
            "version": version,
            "next": next_url,
        },
        headers={"X-Sandingan-Partial": "queue"} if partial else {},
        follow_redirects=not partial,
    )
    seconds = time.perf_counter() - started
    if response.status_code != 200:
        raise RuntimeError(f"decision failed: {response.status_code} {response.text[:200]}")
    return seconds


def bench_review(
    passages: int = 10_000, decisions: int = 30, page_decisions: int = 5, seed: int = 0
) -> dict[str, Any]:
    """Time queue decisions and page-flow decisions on one synthetic store (see module)."""
    with tempfile.TemporaryDirectory() as tmp:
        store = synthetic_store(Path(tmp) / "bench.db", passages, seed)
        started = time.perf_counter()
        app = create_app(store)
        with TestClient(app, base_url="http://127.0.0.1") as client:
            first = client.get("/queue")
            load_s = time.perf_counter() - started
            csrf = first.text.split('name="csrf" value="', 1)[1].split('"', 1)[0]
            state = app.state.review.state
            mentions = sorted(state.current(tables=False).mentions)
            rng = random.Random(seed)
            chosen = rng.sample(mentions, decisions + page_decisions)
            queue = [
                _decide(client, csrf, m, state.current(tables=False).version(m), True, "/queue")
                for m in chosen[:decisions]
            ]
            page = []
            for m in chosen[decisions:]:
                data = state.current()
                passage = data.mentions[m]["passage_id"]
                doc = data.passages[passage]["document_id"]
                next_url = f"/evidence?table=documents&row={doc}&col=AGENCY"
                page.append(_decide(client, csrf, m, data.version(m), False, next_url))
        store.dispose()
    return {
        "passages": passages,
        "first_load_s": load_s,
        "queue_ms": [s * 1000 for s in queue],
        "page_ms": [s * 1000 for s in page],
    }


def _summary(values: list[float]) -> str:
    ordered = sorted(values)
    p90 = ordered[min(len(ordered) - 1, int(0.9 * len(ordered)))]
    return f"median {statistics.median(values):.0f} ms, p90 {p90:.0f} ms (n={len(values)})"


def format_report(report: dict[str, Any]) -> str:
    """The benchmark's lines for people."""
    ratio = statistics.median(report["page_ms"]) / statistics.median(report["queue_ms"])
    return "\n".join(
        [
            f"store: {report['passages']:,} passages; first page built in {report['first_load_s']:.1f} s",
            f"queue decision (in place, updated item sent back): {_summary(report['queue_ms'])}",
            f"page-flow decision (redirect, tables rebuilt):      {_summary(report['page_ms'])}",
            f"page flow / queue: {ratio:.1f}x",
        ]
    )
