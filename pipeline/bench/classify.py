"""Inference speed of passage labelling on one core: passages per second."""

from __future__ import annotations

import logging
import os
import random
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np

from pipeline.classify import label_passages
from pipeline.classify import predictor as pred
from pipeline.classify.encoder import DTYPE_ENV
from pipeline.fragments import classification_text, passage_is_fragment
from pipeline.ingest import read_pdf
from pipeline.labelled import load_gold_examples
from pipeline.records import Passage
from pipeline.registry import production, version_dir
from pipeline.settings import classify_threads

log = logging.getLogger(__name__)

_EN = ["The city government", "The provincial administration", "A national agency", "The municipality"]
_ID = ["Pemerintah kota", "Dinas Komunikasi dan Informatika", "Pemerintah kabupaten", "Kementerian terkait"]
_ACTS_EN = [
    "installed sensors along the main roads to monitor traffic and air quality",
    "launched an online portal where residents report problems with public services",
    "trained teachers and students in digital literacy in every district school",
    "built a waste bank and a real-time tracking system for garbage trucks",
    "supports small businesses with digital payment and e-commerce training",
    "opened a command centre that watches CCTV cameras for public safety",
]
_ACTS_ID = [
    "memasang sensor di jalan utama untuk memantau lalu lintas dan kualitas udara",
    "membangun portal pengaduan masyarakat untuk pelayanan publik",
    "melatih guru dan siswa dalam literasi digital di setiap sekolah",
    "menyediakan bank sampah dan pemantauan truk sampah secara real time",
    "mendukung UMKM dengan pembayaran non tunai dan pelatihan e-commerce",
    "membuka pusat komando yang memantau kamera CCTV untuk keamanan warga",
]


def generated_passages(n: int, seed: int = 0) -> list[Passage]:
    """n synthetic English/Indonesian passages of 2-6 sentences (about 120-700 characters)."""
    rng = random.Random(seed)
    passages = []
    for i in range(n):
        lang = "id" if i % 2 else "en"
        subjects, acts = (_ID, _ACTS_ID) if lang == "id" else (_EN, _ACTS_EN)
        text = " ".join(f"{rng.choice(subjects)} {rng.choice(acts)}." for _ in range(rng.randint(2, 6)))
        passages.append(Passage(id=f"bench-{i}", document_id="bench", page=1, text=text, lang=lang))
    return passages


def gold_passages(gold_dir: Path, n: int) -> list[Passage]:
    """Up to n distinct passages of the gold files (repeats would be encoded only once)."""
    examples = list({e.text: e for e in load_gold_examples(gold_dir)}.values())[:n]
    if not examples:
        raise ValueError(f"no gold passages in {gold_dir}")
    return [
        Passage(id=f"gold-{i}", document_id=e.document, page=1, text=e.text, lang=e.language)
        for i, e in enumerate(examples)
    ]


def _timed(work) -> tuple[float, float]:
    """(wall seconds, CPU seconds of this process) of ``work()``; with one torch thread the
    CPU time is the time on one core, whatever else the machine runs."""
    wall, cpu = time.perf_counter(), time.process_time()
    work()
    return time.perf_counter() - wall, time.process_time() - cpu


def bench_classify(
    n: int = 200,
    gold_dir: Path | None = None,
    quantize: bool = True,
    models_dir: Path | None = None,
    pdf_dir: Path | None = None,
) -> dict[str, Any]:
    """Time ``label_passages`` (all tasks) and the dimension model alone on one torch thread.

    Reports passages per wall second and per CPU second (the speed on one free core; the
    wall figure drops when other processes share the cores, see ``load_average_1min``).
    """
    if pdf_dir:
        passages = pdf_passages(pdf_dir, n)
    else:
        passages = gold_passages(gold_dir, n) if gold_dir else generated_passages(n)
    n = len(passages)
    version = production("dimensions", models_dir)
    report: dict[str, Any] = {
        "passages": n,
        "model": f"dimensions/{version}" if version else None,
        "quantized": quantize,
        "classify_threads": classify_threads(),
    }
    if version:
        started = time.perf_counter()
        model = pred.load_model(
            version_dir("dimensions", version, models_dir), f"dimensions/{version}", quantize=quantize
        )
        report["load_s"] = round(time.perf_counter() - started, 2)
        pred._CACHE[str(version_dir("dimensions", version, models_dir))] = model
        model.scores([p.text for p in passages[:8]])  # warm-up
        wall, cpu = _timed(lambda: model.scores([p.text for p in passages]))
        report["model_passages_per_s"] = round(n / wall, 1)
        report["model_passages_per_cpu_s"] = round(n / cpu, 1)
    wall, cpu = _timed(lambda: report.setdefault("labels", len(label_passages(passages))))
    report["label_passages_per_s"] = round(n / wall, 1)
    report["label_passages_per_cpu_s"] = round(n / cpu, 1)
    report["load_average_1min"] = round(os.getloadavg()[0], 2)
    pred.clear_cache()
    return report


def pdf_passages(folder: Path, n: int) -> list[Passage]:
    """``n`` distinct substantive passages (fragments left out, as the pipeline does), evenly
    spaced over those of the PDFs in ``folder`` (sorted by name; unreadable files skipped),
    as the classifier sees them."""
    texts: dict[str, Passage] = {}
    for path in sorted(Path(folder).glob("*.pdf")):
        try:
            passages = read_pdf(path).passages
        except Exception as error:  # a broken file costs its passages, never the benchmark
            log.warning("%s: %s", path.name, error)
            continue
        for p in passages:
            if not passage_is_fragment(p):
                texts.setdefault(classification_text(p), p)
    chosen = list(texts.items())
    step = max(1, len(chosen) // max(n, 1))
    return [replace(p, text=text) for text, p in chosen[::step][:n]]


@contextmanager
def _serving(dtype: str):
    """``SANDINGAN_ENCODER_DTYPE`` set to ``dtype`` while models are loaded."""
    before = os.environ.get(DTYPE_ENV)
    os.environ[DTYPE_ENV] = dtype
    try:
        yield
    finally:
        if before is None:
            os.environ.pop(DTYPE_ENV, None)
        else:
            os.environ[DTYPE_ENV] = before


def bench_serving(
    passages: list[Passage], dtypes: list[str], rounds: int = 2, models_dir: Path | None = None
) -> dict[str, Any]:
    """The production dimension model served in each of ``dtypes`` (float32, bfloat16,
    int8), timed ``rounds`` times alternately on the same passages in one process: passages
    per CPU second (all classify threads together) and wall second, and how many (passage,
    label) decisions each type changes against the first."""
    version = production("dimensions", models_dir)
    if not version:
        raise ValueError("no production dimension model")
    directory = version_dir("dimensions", version, models_dir)
    texts = [p.text for p in passages]
    models: dict[str, pred.LoadedModel] = {}
    scores: dict[str, np.ndarray] = {}
    report: dict[str, Any] = {"model": f"dimensions/{version}", "passages": len(texts), "serving": {}}
    for dtype in dtypes:
        with _serving(dtype):
            started = time.perf_counter()
            models[dtype] = pred.load_model(directory)
            report["serving"][dtype] = {"load_s": round(time.perf_counter() - started, 2)}
        models[dtype].scores(texts[:8])  # warm-up
    for _ in range(rounds):
        for dtype in dtypes:
            wall, cpu = _timed(lambda dtype=dtype: scores.__setitem__(dtype, models[dtype].scores(texts)))
            row = report["serving"][dtype]
            row.setdefault("passages_per_cpu_s", []).append(round(len(texts) / cpu, 1))
            row.setdefault("passages_per_s", []).append(round(len(texts) / wall, 1))
    first = models[dtypes[0]]
    cuts = np.array([first.thresholds[label] for label in first.labels])
    for dtype in dtypes:
        row = report["serving"][dtype]
        row["decisions_changed"] = int(((scores[dtype] >= cuts) != (scores[dtypes[0]] >= cuts)).sum())
        row["decisions"] = int(scores[dtype].size)
        row["mean_score_change"] = round(float(np.abs(scores[dtype] - scores[dtypes[0]]).mean()), 5)
    report["load_average_1min"] = round(os.getloadavg()[0], 2)
    return report


FIRST_LINE = '{"id": "first", "text": "The city runs integrated bus services for commuters."}\n'
_CLASSIFY = "from pipeline.cli import main; main()"
# Run in front of the measured code: at exit the child writes its own peak (VmHWM) to
# stderr. From the outside, ru_maxrss of a child also counts the pages it was forked with,
# so a benchmark that had loaded three models reported their 1,080 MB for every child.
_OWN_PEAK = (
    "import atexit, sys\n"
    "def _peak():\n"
    "    for row in open('/proc/self/status'):\n"
    "        if row.startswith('VmHWM:'):\n"
    "            sys.stderr.write('\\npeak_kb ' + row.split()[1] + '\\n')\n"
    "atexit.register(_peak)\n"
)


def own_peak_mb(stderr: str) -> float:
    """The peak a child measured with :data:`_OWN_PEAK` wrote to its ``stderr`` (MB)."""
    rows = [row for row in stderr.splitlines() if row.startswith("peak_kb ")]
    if not rows:
        raise RuntimeError("the child reported no peak memory")
    return round(int(rows[-1].split()[1]) / 1024, 1)


def timed_child(
    code: str, args: list[str], stdin: str, env: dict[str, str] | None = None
) -> tuple[float, str, float]:
    """Run ``code`` with ``args`` in a fresh Python process fed ``stdin``: seconds until its
    first output line, that line, and the peak memory the process reports of itself (MB)."""
    started = time.perf_counter()
    with tempfile.TemporaryFile("w+") as errors:
        process = subprocess.Popen(
            [sys.executable, "-c", _OWN_PEAK + code, *args],
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=errors,
            text=True,
        )
        assert process.stdin is not None and process.stdout is not None  # both are pipes
        process.stdin.write(stdin)
        process.stdin.close()
        line = process.stdout.readline()
        seconds = time.perf_counter() - started
        process.stdout.read()
        process.wait()
        errors.seek(0)
        return seconds, line, own_peak_mb(errors.read())


def first_line(lean: bool = True) -> dict[str, float]:
    """Seconds until a fresh ``sandingan classify`` process prints its first line, and the
    peak memory of that process (MB); ``lean=False`` loads the encoder through
    transformers (``SANDINGAN_LEAN_ENCODER=0``), as before the lean loader."""
    env = dict(os.environ, SANDINGAN_LEAN_ENCODER="1" if lean else "0")
    seconds, line, peak = timed_child(_CLASSIFY, ["classify"], FIRST_LINE, env)
    if not line.startswith("{"):
        raise RuntimeError("sandingan classify printed no result line")
    return {"first_line_s": round(seconds, 2), "peak_mb": round(peak)}


def bench_first_line(repeats: int = 3) -> dict[str, Any]:
    """Median first-line time of the lean loader and of the transformers loader, alternated
    in the same run, and their ratio; peak memory of each."""
    lean, full = [], []
    for _ in range(repeats):
        lean.append(first_line(True))
        full.append(first_line(False))

    def median(rows: list[dict], key: str) -> float:
        return sorted(r[key] for r in rows)[len(rows) // 2]

    report = {
        "lean_first_line_s": median(lean, "first_line_s"),
        "transformers_first_line_s": median(full, "first_line_s"),
        "lean_peak_mb": max(r["peak_mb"] for r in lean),
        "transformers_peak_mb": max(r["peak_mb"] for r in full),
    }
    report["speed_up"] = round(report["transformers_first_line_s"] / report["lean_first_line_s"], 2)
    return report
