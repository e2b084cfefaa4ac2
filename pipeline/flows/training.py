"""The ``retrain`` and ``evaluate`` flows: thin wiring over :mod:`pipeline.train` and
:mod:`pipeline.evaluate`.

``retrain`` trains a new version of each model with the recipe of its production version
(or the default recipe), then asks the registry to promote it: the registry refuses a
version whose measured scores are worse, and the flow reports that instead of failing.
With ``reviews_from_store`` it first exports the store's reviewed passages (what
``sandingan review export`` writes) and trains on them; with ``min_new_reviews`` a model is
only retrained when at least that many reviewed passages were added since its production
version was trained (the count is in each version's ``training.json``).
``evaluate`` scores the production models against the gold annotations.
"""

from __future__ import annotations

import importlib
import json
from pathlib import Path
from types import ModuleType
from typing import Any

from prefect import flow, get_run_logger, task
from prefect.artifacts import create_markdown_artifact
from prefect.cache_policies import NO_CACHE

from pipeline.registry import production
from pipeline.review.export import write_reviewed
from pipeline.settings import REVIEW_EXPORT_NAME, Settings, shared_root
from pipeline.store import Store
from pipeline.train.registry import (
    PromotionRefused,
    reviewed_passages,
    trained_on_reviews,
)
from pipeline.train.registry import promote as promote_version

# model name -> module with recipe_of(name, version, models_dir), Sources, train_model(...)
TRAINERS: dict[str, str] = {
    "dimensions": "pipeline.train.dimensions",
    "ner": "pipeline.train.ner",
}


class StepUnavailable(LookupError):
    """A trainer or evaluator this flow names is not part of the installed package."""


def load_step(module_name: str, *names: str) -> ModuleType:
    """Import ``module_name`` and check it has ``names``; a clear error when it does not."""
    try:
        module = importlib.import_module(module_name)
    except ImportError as exc:
        raise StepUnavailable(f"{module_name} is not available: {exc}") from exc
    missing = [n for n in names if not hasattr(module, n)]
    if missing:
        raise StepUnavailable(f"{module_name} has no {', '.join(missing)}")
    return module


def _models_dir(models_dir: str | None) -> Path | None:
    return Path(models_dir) if models_dir else None


@task(name="train-model", cache_policy=NO_CACHE)
def train_model_task(name: str, reviewed: str | None = None, models_dir: str | None = None) -> str:
    """Train a new version of model ``name`` with its production recipe; return the version."""
    trainer = load_step(TRAINERS[name], "recipe_of", "train_model", "Sources")
    folder = _models_dir(models_dir)
    config, sources = trainer.recipe_of(name, production(name, folder), folder)
    if isinstance(sources, dict):
        sources = trainer.Sources.from_dict(sources)
    if reviewed:
        sources.reviewed = Path(reviewed)
    return trainer.train_model(config, sources, name, folder).name


@task(name="export-reviews", cache_policy=NO_CACHE)
def export_reviews_task(path: str, db_url: str | None = None) -> int:
    """Write the store's reviewed passages to ``path`` (JSON Lines); return how many."""
    settings = Settings()
    settings.out_dir.mkdir(parents=True, exist_ok=True)
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    return write_reviewed(Store(db_url or settings.database_url), Path(path))


def new_reviews(name: str, available: int, models_dir: str | None = None) -> int:
    """Reviewed passages available now minus those the production version was trained with."""
    folder = _models_dir(models_dir)
    return available - trained_on_reviews(name, production(name, folder), folder)


@task(name="promote-if-better", cache_policy=NO_CACHE)
def promote_task(name: str, version: str, models_dir: str | None = None) -> dict[str, Any]:
    """Promote ``version`` when the registry's rules allow it; say why when they do not."""
    try:
        result = promote_version(name, version, force=False, models_dir=_models_dir(models_dir))
    except PromotionRefused as exc:
        return {"model": name, "version": version, "promoted": False, "reason": str(exc)}
    return {"model": name, "version": version, "promoted": True, "previous": result.previous}


@flow(name="retrain")
def retrain_flow(
    models: list[str] | None = None,
    reviewed: str | None = None,
    promote: bool = True,
    models_dir: str | None = None,
    reviews_from_store: bool = False,
    db_url: str | None = None,
    min_new_reviews: int = 0,
) -> list[dict[str, Any]]:
    """Train each model (default: all with a trainer) and promote the better ones.

    ``reviewed``: a reviewed-passages file; ``reviews_from_store``: export one from the store
    (``db_url``, default the settings') first. A model with fewer than ``min_new_reviews``
    new reviewed passages since its production version is skipped, and the outcome says so.
    """
    logger = get_run_logger()
    unknown = sorted(set(models or []) - set(TRAINERS))
    if unknown:
        raise StepUnavailable(f"no trainer for {', '.join(unknown)}; known: {', '.join(TRAINERS)}")
    if reviewed is None and reviews_from_store:
        reviewed = str(Settings().out_dir / REVIEW_EXPORT_NAME)
        export_reviews_task(reviewed, db_url)
    reviewed_file = Path(reviewed) if reviewed else None
    outcomes = []
    for name in models or list(TRAINERS):
        added = new_reviews(name, reviewed_passages(reviewed_file, name), models_dir)
        if added < min_new_reviews:
            outcome = {
                "model": name,
                "version": None,
                "promoted": False,
                "reason": f"{added} new reviewed passages since the production version "
                f"(fewer than {min_new_reviews}): not retrained",
            }
            logger.info("%s: %s", name, outcome["reason"])
            outcomes.append(outcome)
            continue
        version = train_model_task(name, reviewed, models_dir)
        outcome = (
            promote_task(name, version, models_dir)
            if promote
            else {"model": name, "version": version, "promoted": False, "reason": "promotion not asked"}
        )
        logger.info(
            "%s/%s: %s",
            name,
            version,
            "promoted" if outcome["promoted"] else f"kept production ({outcome['reason']})",
        )
        outcomes.append(outcome)
    return outcomes


def evaluate_dimensions(gold_dir: Path) -> dict[str, Any]:
    """Passage-dimension metrics of the production classifier (the lexicon when none)."""
    module = load_step("pipeline.evaluate.dimensions", "evaluate_version")
    return module.evaluate_version(gold_dir, "dimensions", production("dimensions"))


def evaluate_entities(gold_dir: Path) -> dict[str, Any]:
    """Document-level entity scores of the extractor (production models) on the gold files,
    reading each document from the corpus and seeds folders beside the gold folder."""
    module = load_step("pipeline.evaluate.entities", "evaluate")
    return module.evaluate(gold_dir, gold_dir.parent / "corpus", gold_dir.parent / "seeds")


EVALUATORS = {"dimensions": evaluate_dimensions, "entities": evaluate_entities}


@task(name="evaluate", cache_policy=NO_CACHE)
def evaluate_task(name: str, gold_dir: str) -> dict[str, Any]:
    """Run one evaluator on the gold folder; return its metrics."""
    if name not in EVALUATORS:
        raise StepUnavailable(f"no evaluation named {name}; known: {', '.join(EVALUATORS)}")
    return EVALUATORS[name](Path(gold_dir))


def metrics_markdown(results: dict[str, dict[str, Any]]) -> str:
    """The evaluation results as a Markdown artifact body (macro scores first)."""
    lines = ["# Sandingan evaluation", ""]
    for name, metrics in results.items():
        macro = metrics.get("macro", {}) if isinstance(metrics, dict) else {}
        lines += [
            f"## {name}",
            "",
            f"macro: `{json.dumps(macro, default=str)}`",
            "",
            "```json",
            json.dumps(metrics, indent=1, default=str)[:20000],
            "```",
            "",
        ]
    return "\n".join(lines)


@flow(name="evaluate")
def evaluate_flow(gold_dir: str | None = None, evaluations: list[str] | None = None) -> dict:
    """Score the production models against the gold annotations; publish the metrics."""
    gold = gold_dir or str(shared_root() / "gold")
    if not Path(gold).is_dir():
        raise FileNotFoundError(f"gold folder not found: {gold}")
    names = evaluations or list(EVALUATORS)
    results = {name: evaluate_task(name, gold) for name in names}
    create_markdown_artifact(markdown=metrics_markdown(results), key="sandingan-evaluation")
    return results
