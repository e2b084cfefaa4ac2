"""Reading the model registry: ``models/<name>/<version>/`` folders and ``models/registry.json``.

Every trained model is a folder that is never modified after it is written. It holds the
model files, ``training.json`` (training config, data hash, code version, documents) and
``metrics.json`` (precision, recall, F1 per label and per language with bootstrap
confidence intervals, see :mod:`pipeline.evaluate.metrics`). ``models/registry.json`` says
which version of each model is in production and keeps the promotion history.

This module is what the pipeline reads at run time (which version is in production, where
its folder is, what it was trained on and how it scored). Writing versions and promoting
them is :mod:`pipeline.train.registry`.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from pipeline.settings import Settings

REGISTRY_FILE = "registry.json"
METRICS_FILE = "metrics.json"
OUT_OF_FOLD_FILE = "out_of_fold.jsonl"  # a version's cross-validated predictions, keys only
TRAINING_FILE = "training.json"
_VERSION = re.compile(r"^v(\d+)$")


def models_root(models_dir: Path | None = None) -> Path:
    """The registry root (``SANDINGAN_MODELS`` or ``<project>/models``)."""
    return models_dir or Settings().models_dir


def version_dir(name: str, version: str, models_dir: Path | None = None) -> Path:
    """The folder of one model version."""
    return models_root(models_dir) / name / version


def list_versions(name: str, models_dir: Path | None = None) -> list[str]:
    """Versions of a model (``v1``, ``v2``, ...) in training order."""
    root = models_root(models_dir) / name
    if not root.is_dir():
        return []
    found = [
        (int(m.group(1)), p.name) for p in root.iterdir() if p.is_dir() and (m := _VERSION.match(p.name))
    ]
    return [v for _, v in sorted(found)]


def read_registry(models_dir: Path | None = None) -> dict[str, Any]:
    """The registry file as a dict (empty when there is none)."""
    path = models_root(models_dir) / REGISTRY_FILE
    return json.loads(path.read_text()) if path.exists() else {}


def production(name: str, models_dir: Path | None = None) -> str | None:
    """The production version of a model, or None when none was promoted."""
    return read_registry(models_dir).get(name, {}).get("production")


def read_metrics(name: str, version: str, models_dir: Path | None = None) -> dict[str, Any]:
    """The ``metrics.json`` of a version (empty when absent)."""
    path = version_dir(name, version, models_dir) / METRICS_FILE
    return json.loads(path.read_text()) if path.exists() else {}


def read_training(name: str, version: str, models_dir: Path | None = None) -> dict[str, Any]:
    """The ``training.json`` of a version (empty when absent)."""
    path = version_dir(name, version, models_dir) / TRAINING_FILE
    return json.loads(path.read_text()) if path.is_file() else {}


def trained_documents(name: str, version: str, models_dir: Path | None = None) -> set[str]:
    """Documents a version was trained on (from its ``training.json``; none when absent)."""
    training = read_training(name, version, models_dir)
    return set(training["documents"]["trained"]) if training else set()
