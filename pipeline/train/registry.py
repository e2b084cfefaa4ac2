"""Writing the model registry: new version folders, their JSON files, promotion.

A trainer asks for a new, empty version folder (:func:`new_version_dir`), writes its model
files, ``training.json`` and ``metrics.json`` into it (:func:`write_json`) and never touches
it again; :func:`promote` makes a version the production one in ``models/registry.json``
when its metrics are not worse. Reading the registry (which version is in production, its
folder, its metrics) is :mod:`pipeline.registry`.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path
from typing import Any

from pipeline.registry import (
    REGISTRY_FILE,
    list_versions,
    models_root,
    production,
    read_metrics,
    read_registry,
    read_training,
)
from pipeline.settings import PROJECT_ROOT


class PromotionRefused(Exception):
    """A promotion that the rules refuse (without ``force``)."""


@dataclass
class PromotionResult:
    """What a promotion did: the versions, whether it was forced, and the reasons given."""

    name: str
    version: str
    previous: str | None
    forced: bool = False
    reasons: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def new_version_dir(name: str, models_dir: Path | None = None) -> Path:
    """Create and return the next, empty version folder of a model (``v<N+1>``)."""
    root = models_root(models_dir) / name
    root.mkdir(parents=True, exist_ok=True)
    versions = list_versions(name, models_dir)
    number = int(versions[-1][1:]) + 1 if versions else 1
    while True:
        path = root / f"v{number}"
        try:
            path.mkdir()
            return path
        except FileExistsError:
            number += 1


def _write_registry(data: dict[str, Any], models_dir: Path | None) -> None:
    path = models_root(models_dir) / REGISTRY_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(data, indent=2, sort_keys=True) + "\n")
    tmp.replace(path)


# the export fields that carry what a person decided, per model; a label set counts even
# when empty ("none of these"), a span list only when it holds a span
REVIEWED_FIELDS = {
    "dimensions": ("dimensions",),
    "policy_stage": ("policy_stage",),
    "diffusion": ("diffusion",),
    "ner": ("mentions", "rejected", "passage_reviewed"),
}
SPAN_FIELDS = ("mentions", "rejected")


def _teaches(record: dict[str, Any], fields: tuple[str, ...]) -> bool:
    return any(f in record and (f not in SPAN_FIELDS or record[f]) for f in fields)


def reviewed_passages(path: Path | None, model: str | None = None) -> int:
    """How many reviewed passages a ``sandingan review export`` file holds that can teach
    ``model`` something (``dimensions``: a person set the passage's dimension labels;
    ``ner``: a person confirmed, added or rejected a span or marked the passage reviewed
    as a whole; likewise ``policy_stage`` and
    ``diffusion``; None: every line); 0 when there
    is no file. Trainers record it in ``training.json``."""
    if not path or not Path(path).is_file():
        return 0
    fields = REVIEWED_FIELDS.get(model or "")
    count = 0
    with Path(path).open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip() and (fields is None or _teaches(json.loads(line), fields)):
                count += 1
    return count


def trained_on_reviews(name: str, version: str | None, models_dir: Path | None = None) -> int:
    """The reviewed passages a version was trained with (0 for none, or a version from before
    the count was recorded)."""
    if version is None:
        return 0
    return int(read_training(name, version, models_dir).get("reviewed_passages", 0))


def code_version() -> str:
    """``git describe`` of the project when it is a git work tree, else the package version."""
    try:
        out = subprocess.run(
            ["git", "describe", "--always", "--dirty", "--tags"],
            cwd=PROJECT_ROOT,
            capture_output=True,
            text=True,
            timeout=10,
        )
        if out.returncode == 0 and out.stdout.strip():
            return out.stdout.strip()
    except (OSError, subprocess.SubprocessError):
        pass
    try:
        return f"sandingan {metadata.version('sandingan')}"
    except metadata.PackageNotFoundError:
        return "unknown"


def rows_hash(rows: Iterable[Any]) -> str:
    """The ``data_hash`` of ``training.json``: sha256 over the sorted JSON rows (one row per
    training example, the fields that make it what it is), so example order does not count."""
    lines = sorted(json.dumps(row, ensure_ascii=False) for row in rows)
    return hashlib.sha256("\n".join(lines).encode("utf-8")).hexdigest()


def path_for_recipe(path: Path | None) -> str | None:
    """A path as a recipe in ``training.json`` stores it: relative to the project root when it
    is nearby (the project or a sibling such as ``../shared``), else absolute."""
    if not path:
        return None
    absolute = Path(path).resolve()
    try:
        return (
            os.path.relpath(absolute, PROJECT_ROOT)
            if absolute.is_relative_to(PROJECT_ROOT.parent)
            else str(absolute)
        )
    except ValueError:
        return str(absolute)


def path_from_recipe(value: str | None) -> Path | None:
    """Inverse of :func:`path_for_recipe` (a relative path is relative to the project root)."""
    if not value:
        return None
    path = Path(value)
    return path if path.is_absolute() else (PROJECT_ROOT / path).resolve()


def write_json(path: Path, data: dict[str, Any]) -> None:
    """Write a JSON file inside a new version folder (keys sorted, for diffable history)."""
    path.write_text(json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n")


def _macro(metrics: dict[str, Any]) -> tuple[float, float, float] | None:
    macro = metrics.get("macro")
    if not macro:
        return None
    low, high = macro.get("ci", [macro["f1"], macro["f1"]])
    return float(macro["f1"]), float(low), float(high)


def _language_f1(metrics: dict[str, Any]) -> dict[str, float]:
    return {
        lang: float(m["macro_f1"])
        for lang, m in metrics.get("per_language", {}).items()
        if m.get("macro_f1") is not None
    }


def promotion_problems(candidate: dict[str, Any], current: dict[str, Any]) -> list[str]:
    """Why a candidate's metrics are worse than production's (empty list: it may be promoted).

    Refused when the candidate's macro-F1 is below production's beyond the candidate's
    confidence interval (production's value lies above the CI's upper end), when any
    language that both report has a lower macro-F1 than in production, or when a language
    measured for production is not measured for the candidate.
    """
    cand, prod = _macro(candidate), _macro(current)
    if cand is None:
        return ["the candidate has no metrics.json with a macro F1"]
    if prod is None:
        return []
    problems = []
    if cand[2] < prod[0]:
        problems.append(
            f"macro-F1 {cand[0]:.3f} (CI {cand[1]:.3f}-{cand[2]:.3f}) is below "
            f"production's {prod[0]:.3f} beyond its confidence interval"
        )
    cand_lang, prod_lang = _language_f1(candidate), _language_f1(current)
    for lang in sorted(set(prod_lang) - set(cand_lang)):
        problems.append(f"language {lang}: measured for production, not for the candidate")
    for lang in sorted(set(cand_lang) & set(prod_lang)):
        if cand_lang[lang] < prod_lang[lang]:
            problems.append(
                f"language {lang}: macro-F1 {cand_lang[lang]:.3f} < production's {prod_lang[lang]:.3f}"
            )
    return problems


def baseline_problems(candidate: dict[str, Any]) -> list[str]:
    """Why a candidate is worse than what the pipeline does without any model (empty: not).

    Read from the candidate's own metrics: a classifier's ``lexicon_baseline`` (the lexicon
    alone on the same documents) and a NER model's ``pipeline`` block (the extractor's
    document-level F1 per label with the rules alone and with the model added). A model
    that makes the pipeline worse than no model is refused even when nothing is in
    production yet.
    """
    problems = []
    base, macro = candidate.get("lexicon_baseline") or {}, candidate.get("macro") or {}
    if "f1" in base.get("macro", {}) and "f1" in macro and macro["f1"] < base["macro"]["f1"]:
        problems.append(f"macro-F1 {macro['f1']:.3f} is below the lexicon alone ({base['macro']['f1']:.3f})")
    pipeline = candidate.get("pipeline") or {}
    rules, added = pipeline.get("rules") or {}, pipeline.get("rules+model") or {}
    for label in sorted(set(rules) & set(added)):
        if added[label].get("f1", 0.0) < rules[label].get("f1", 0.0):
            problems.append(
                f"{label}: extractor F1 {added[label]['f1']:.3f} with the model < "
                f"{rules[label]['f1']:.3f} with the rules alone"
            )
    return problems


def promote(name: str, version: str, force: bool = False, models_dir: Path | None = None) -> PromotionResult:
    """Make ``version`` the production version of ``name``.

    Raises :class:`PromotionRefused` when the candidate is worse than the current production
    version (see :func:`promotion_problems`) or than no model at all
    (:func:`baseline_problems`) unless ``force`` is given; a forced promotion
    is recorded as forced in the registry history, with the reasons it overrode.
    """
    if version not in list_versions(name, models_dir):
        raise FileNotFoundError(f"no version {version} of model {name}")
    previous = production(name, models_dir)
    candidate = read_metrics(name, version, models_dir)
    problems: list[str] = baseline_problems(candidate)
    notes: list[str] = []
    if previous and previous != version:
        current = read_metrics(name, previous, models_dir)
        same = candidate.get("production_same_documents") or {}
        if same.get("version") == previous:
            current = same
            notes.append(
                f"compared with {name}/{previous} scored on the candidate's own "
                "evaluation passages (documents it never trained on)"
            )
        problems += promotion_problems(candidate, current)
        if candidate.get("documents") != current.get("documents"):
            notes.append("candidate and production were measured on different documents")
    if problems and not force:
        raise PromotionRefused("; ".join(problems))
    registry = read_registry(models_dir)
    entry = registry.setdefault(name, {"production": None, "history": []})
    entry["production"] = version
    entry.setdefault("history", []).append(
        {
            "version": version,
            "previous": previous,
            "forced": bool(problems and force),
            "overridden": problems,
            "at": datetime.now(UTC).isoformat(timespec="seconds"),
        }
    )
    _write_registry(registry, models_dir)
    return PromotionResult(name, version, previous, bool(problems and force), problems, notes)
