"""Fixtures for the flow tests: small generated PDFs and a patient ephemeral Prefect server."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from pipeline.store import Store

# Before prefect is imported: no telemetry, and time for a first (migrating) server start.
os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ.setdefault("DO_NOT_TRACK", "1")
os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "180")
os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")

TOPICS = (
    "The city government of {city} publishes open data on bus arrivals and air quality.",
    "Pemerintah Kota {city} menyediakan layanan perizinan daring melalui portal satu pintu.",
    "A regional innovation fund in {city} supports start-ups that build public services.",
    "Dinas Perhubungan {city} memasang sensor lalu lintas di persimpangan utama kota.",
)
CITIES = (
    "Surabaya",
    "Makassar",
    "Penang",
    "Chiang Mai",
    "Bandung",
    "Johor Bahru",
    "Semarang",
    "Khon Kaen",
    "Medan",
    "Denpasar",
)


def write_pdf(path: Path, paragraphs: list[str], pages: int = 1) -> Path:
    """A text PDF with ``paragraphs`` repeated on each of ``pages`` pages."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    pdf = canvas.Canvas(str(path), pagesize=A4)
    for page in range(pages):
        y = 780
        pdf.setFont("Helvetica-Bold", 13)
        pdf.drawString(60, y, f"Section {page + 1}")
        pdf.setFont("Helvetica", 10)
        for text in paragraphs:
            y -= 24
            pdf.drawString(60, y, text[:110])
        pdf.showPage()
    pdf.save()
    return path


def make_corpus(folder: Path, count: int, pages: int = 1) -> list[Path]:
    """``count`` distinct small policy PDFs in ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for i in range(count):
        city = CITIES[i % len(CITIES)]
        paragraphs = [t.format(city=city) for t in TOPICS] + [f"Document number {i}."]
        out.append(write_pdf(folder / f"doc_{i:02d}.pdf", paragraphs, pages))
    return out


def stored_results(out: Path) -> dict[str, tuple]:
    """Per document: its passages, mentions and labels as stored (ids and values)."""
    store = Store(f"sqlite:///{out / 'sandingan.db'}")
    try:
        return {
            d.id: (
                d.status,
                d.pages,
                [(p.id, p.text, p.lang, p.kind) for p in store.passages_of(d.id)],
                sorted(
                    (m.id, m.label, m.text, m.canonical_id or "", m.country or "")
                    for m in store.mentions_of(d.id)
                ),
                sorted((lb.passage_id, lb.task, lb.label) for lb in store.labels_of(d.id)),
            )
            for d in store.documents()
        }
    finally:
        store.dispose()


@pytest.fixture
def results_of():
    """:func:`stored_results`, for tests that compare two runs."""
    return stored_results


@pytest.fixture
def small_corpus(tmp_path: Path) -> Path:
    """A folder with three small generated PDFs."""
    folder = tmp_path / "corpus"
    make_corpus(folder, 3)
    return folder


@pytest.fixture
def corpus_factory():
    """``make_corpus(folder, count, pages)``, for tests that need their own corpus."""
    return make_corpus


def modules_loaded_by(code: str, prefixes: tuple[str, ...]) -> list[str]:
    """Run ``code`` in a fresh Python; the modules it left loaded whose names start with one
    of ``prefixes`` (what a process holds, not what this test process happens to)."""
    loaded = f"sorted(m for m in sys.modules if m.startswith({prefixes!r}))"
    report = f"\nimport json, sys\nprint(json.dumps({loaded}))\n"
    done = subprocess.run([sys.executable, "-c", code + report], capture_output=True, text=True, timeout=240)
    assert done.returncode == 0, done.stderr[-2000:]
    return list(json.loads(done.stdout.strip().splitlines()[-1]))


@pytest.fixture
def loaded_modules() -> Callable[[str, tuple[str, ...]], list[str]]:
    """:func:`modules_loaded_by`, for tests that check what a process imports."""
    return modules_loaded_by
