"""Passages for the classifier benchmark from real PDFs, and the serving-type comparison
(counts and agreement only; no timing assertions)."""

from __future__ import annotations

import os

import pytest
from pdfmaker import Text, make_pdf, paragraph

from pipeline.bench.classify import bench_serving, generated_passages, pdf_passages
from pipeline.classify.encoder import DTYPE_ENV
from pipeline.registry import production, version_dir
from pipeline.settings import PROJECT_ROOT

SENTENCES = [
    "The city government installed sensors along the main roads to watch traffic.",
    "Pemerintah kota membangun portal pengaduan masyarakat untuk pelayanan publik.",
    "The municipality trained teachers in digital literacy in every district school.",
]


def test_pdf_passages_are_substantive_distinct_and_capped(tmp_path):
    folder = tmp_path / "pdfs"
    folder.mkdir()
    for i in range(2):
        items = [Text(56, 60, "12", 10)]  # a fragment: never a benchmark passage
        for j, sentence in enumerate(SENTENCES):
            items += paragraph(56, 100 + 60 * j, 480, f"{sentence} Document {i}, part {j}.")
        make_pdf(folder / f"doc{i}.pdf", [items])
    (folder / "broken.pdf").write_bytes(b"%PDF-1.4 not really")
    passages = pdf_passages(folder, 100)
    texts = [p.text for p in passages]
    assert len(texts) == len(set(texts)) >= 2
    assert all(len(t.split()) >= 3 for t in texts)
    assert {p.document_id for p in passages} and len(pdf_passages(folder, 2)) == 2


E5 = PROJECT_ROOT / "models" / "base" / "multilingual-e5-small"


@pytest.mark.slow
@pytest.mark.skipif(not (E5 / "model.safetensors").is_file(), reason="e5 base model not built")
def test_serving_types_are_compared_on_the_same_passages(monkeypatch):
    version = production("dimensions")
    if not version or not (version_dir("dimensions", version) / "classifier.json").is_file():
        pytest.skip("no production dimension model")
    monkeypatch.setenv(DTYPE_ENV, "bfloat16")
    report = bench_serving(generated_passages(24), ["float32", "int8"], rounds=2)
    rows = report["serving"]
    assert report["passages"] == 24 and set(rows) == {"float32", "int8"}
    assert rows["float32"]["decisions_changed"] == 0 and rows["float32"]["mean_score_change"] == 0
    assert rows["int8"]["decisions"] == 24 * 6 and rows["int8"]["decisions_changed"] <= 24 * 6 * 0.05
    assert 0 < rows["int8"]["mean_score_change"] < 0.05
    assert all(len(r["passages_per_cpu_s"]) == 2 for r in rows.values())
    assert os.environ[DTYPE_ENV] == "bfloat16"  # the caller's setting is restored


def test_a_child_reports_its_own_peak_not_the_pages_it_was_forked_with():
    from pipeline.bench.classify import timed_child

    ballast = bytearray(300 * 1024 * 1024)  # resident in this process before the fork
    ballast[::4096] = b"x" * len(ballast[::4096])
    seconds, line, peak = timed_child("import sys; print(sys.stdin.readline().strip())", [], "hello\n")
    assert line == "hello\n" and seconds > 0
    assert 1 < peak < 200  # a bare interpreter, not this process's 300 MB
    del ballast


def test_a_child_that_reports_no_peak_is_an_error():
    from pipeline.bench.classify import own_peak_mb

    assert own_peak_mb("log line\npeak_kb 2048\n") == 2.0
    with pytest.raises(RuntimeError, match="no peak"):
        own_peak_mb("Traceback ...")
