"""``sandingan train ner`` (a new models/ner/v<N>/ with metrics) and ``sandingan evaluate ner``
(the training recipe cross-validated by document)."""

from __future__ import annotations

import json
import time
from pathlib import Path

import typer

from pipeline.cli.apps import evaluate_app, train_app
from pipeline.cli.train_models import _promote
from pipeline.registry import METRICS_FILE
from pipeline.train.entity_labels import ENTITY_FILE
from pipeline.train.ner import CV_FOLDS, MODEL_NAME, cross_validate, train_ner
from pipeline.train.ner_corpus import (
    DEFAULT_CORPUS,
    DEFAULT_GOLD,
    DEFAULT_OWNED,
    DEFAULT_POOL,
    DEFAULT_SEEDS,
    NerSources,
)
from pipeline.train.ner_data import DataOptions
from pipeline.train.ner_spacy import NerConfig


def format_ner_metrics(metrics: dict) -> str:
    """Span scores per label and language, and the extractor's recall without/with the model."""
    if not metrics or "macro" not in metrics:
        return "no held-out document: no metrics (add gold files or pass --holdout)"
    held = metrics.get("documents") or [d for fold in metrics.get("folds", []) for d in fold]
    lines = [
        f"{metrics.get('protocol', '')}: {', '.join(held)}",
        f"span macro-F1 {metrics['macro']['f1']:.3f} "
        f"(95% CI {metrics['macro']['ci'][0]:.3f}-{metrics['macro']['ci'][1]:.3f}), "
        f"{metrics['n_passages']} passages",
    ]
    for label, s in metrics["per_label"].items():
        lines.append(
            f"  {label:10s} P {s['precision']:.3f}  R {s['recall']:.3f}  F1 {s['f1']:.3f} "
            f"(CI {s['ci'][0]:.3f}-{s['ci'][1]:.3f})  support {s['support']}"
        )
    for lang, block in metrics["per_language"].items():
        lines.append(
            f"  language {lang}: macro-F1 {block['macro_f1']:.3f} "
            f"(CI {block['macro_ci'][0]:.3f}-{block['macro_ci'][1]:.3f}), "
            f"{block['n_passages']} passages"
        )
    check = metrics.get("pipeline")
    if check:
        kb = metrics.get("knowledge_base", "full")
        lines.append(
            "extractor on these gold documents (document level, `evaluate entities` "
            f"scorer; knowledge base: {kb}):"
        )
        for label in ("AGENCY", "PROGRAMME"):
            a, b = check["rules"][label], check["rules+model"][label]
            lines.append(
                f"  {label:10s} recall {a['recall']:.3f} -> {b['recall']:.3f}   "
                f"precision {a['precision']:.3f} -> {b['precision']:.3f}   "
                f"(rules -> rules+model)"
            )
        found = [
            f"{label}: {item}"
            for doc in check["found_only_by_model"].values()
            for label, items in doc.items()
            for item in items
        ]
        lines.append("  found only by the model: " + ("; ".join(found) or "none"))
    return "\n".join(lines)


@train_app.command("ner")
def train_ner_command(
    gold: Path = typer.Option(None, "--gold", help="Gold folder (default ../shared/gold)."),
    corpus: Path = typer.Option(
        None,
        "--corpus",
        help="PDF folder: the gold files' sources and the silver documents (default ../shared/corpus).",
    ),
    silver: bool = typer.Option(
        NerSources.silver,
        help="Use the rules' mentions on corpus PDFs without a gold file as silver training data.",
    ),
    seeds: Path = typer.Option(
        None, "--seeds", help="Seed texts some gold files annotate (default ../shared/seeds)."
    ),
    reviewed: Path = typer.Option(
        None, "--reviewed", help="Reviewed passages (JSON Lines of `sandingan review export`)."
    ),
    annotated: Path = typer.Option(
        ENTITY_FILE,
        "--annotated",
        help="Keyed document annotations scored and trained on as gold ('' for none).",
    ),
    pool: Path = typer.Option(DEFAULT_POOL, "--pool", help="Second PDF folder the keyed annotations name."),
    seed: int = typer.Option(NerConfig.seed, "--seed", help="Random seed (same data + seed = same model)."),
    iterations: int = typer.Option(
        NerConfig.iterations, "--iterations", help="Passes over the training data."
    ),
    holdout: list[str] = typer.Option(
        None,
        "--holdout",
        help="Gold document (file stem) held out "
        "for the metrics; repeatable. Default: a seeded third of "
        "the gold documents of each language.",
    ),
    width: int = typer.Option(NerConfig.width, "--width", help="Token-to-vector width (model size)."),
    silver_pages: int = typer.Option(DataOptions.silver_pages, help="Pages read from each silver document."),
    owned: bool = typer.Option(
        True, help="Use the project's own annotated passages (pipeline/data/training/ner_*.jsonl)."
    ),
    promote: bool = typer.Option(False, help="Promote the new version if the rules allow."),
) -> None:
    """Train the LAW/AGENCY/PROGRAMME recogniser (English and Indonesian) into the registry."""
    started = time.time()
    sources = NerSources(
        gold_dir=gold or DEFAULT_GOLD,
        corpus_dir=corpus or DEFAULT_CORPUS,
        seeds_dir=seeds or DEFAULT_SEEDS,
        reviewed=reviewed,
        holdout=list(holdout or []),
        silver=silver,
        owned_dir=DEFAULT_OWNED if owned else None,
        annotated=annotated if str(annotated) not in ("", ".") else None,
        pool_dir=pool,
    )
    config = NerConfig(seed=seed, iterations=iterations, width=width)
    options = DataOptions(seed=seed, silver_pages=silver_pages)

    def progress(message: str) -> None:
        typer.echo(f"[{time.time() - started:6.1f}s] {message}", err=True)

    try:
        target = train_ner(config, sources, options, progress=progress)
    except ValueError as exc:
        typer.echo(f"sandingan: {exc}", err=True)
        raise typer.Exit(2) from exc
    typer.echo(f"trained {target} in {time.time() - started:.0f} s")
    typer.echo(format_ner_metrics(json.loads((target / METRICS_FILE).read_text())))
    if promote:
        _promote(MODEL_NAME, target.name, force=False)


@evaluate_app.command("ner")
def evaluate_ner_command(
    folds: int = typer.Option(CV_FOLDS, "--folds", help="Cross-validation folds over the gold documents."),
    gold: Path = typer.Option(None, "--gold", help="Gold folder (default ../shared/gold)."),
    corpus: Path = typer.Option(None, "--corpus", help="PDF folder (default ../shared/corpus)."),
    seeds: Path = typer.Option(None, "--seeds", help="Seed texts (default ../shared/seeds)."),
    reviewed: Path = typer.Option(None, "--reviewed", help="Reviewed passages (JSON Lines)."),
    annotated: Path = typer.Option(
        ENTITY_FILE,
        "--annotated",
        help="Keyed document annotations scored and trained on as gold ('' for none).",
    ),
    pool: Path = typer.Option(DEFAULT_POOL, "--pool", help="Second PDF folder the keyed annotations name."),
    seed: int = typer.Option(NerConfig.seed, "--seed", help="Random seed."),
    iterations: int = typer.Option(
        NerConfig.iterations, "--iterations", help="Passes over the training data."
    ),
    silver: bool = typer.Option(
        NerSources.silver, help="Use rule output on other corpus PDFs as silver data."
    ),
    owned: bool = typer.Option(
        True, help="Use the project's own annotated passages (pipeline/data/training/ner_*.jsonl)."
    ),
    blind_kb: bool = typer.Option(
        False,
        "--blind-kb",
        help="Score each document with a "
        "knowledge base that does not know its agencies and "
        "programmes (as for a new paper).",
    ),
    save_models: Path = typer.Option(
        None, "--save-models", help="Save each fold's model in this folder (fold<k>/, with held_out.json)."
    ),
    as_json: bool = typer.Option(False, "--json", help="Print the metrics as JSON."),
) -> None:
    """Cross-validate the NER recipe by document (each gold document scored by a model that never saw it).

    Prints span scores and the extractor's document-level recall without and with the model.
    """
    started = time.time()
    sources = NerSources(
        gold_dir=gold or DEFAULT_GOLD,
        corpus_dir=corpus or DEFAULT_CORPUS,
        seeds_dir=seeds or DEFAULT_SEEDS,
        reviewed=reviewed,
        silver=silver,
        owned_dir=DEFAULT_OWNED if owned else None,
        annotated=annotated if str(annotated) not in ("", ".") else None,
        pool_dir=pool,
    )

    def progress(message: str) -> None:
        typer.echo(f"[{time.time() - started:6.1f}s] {message}", err=True)

    metrics = cross_validate(
        NerConfig(seed=seed, iterations=iterations),
        sources,
        folds=folds,
        progress=progress,
        blind_kb=blind_kb,
        save_dir=save_models,
    )
    if as_json:
        typer.echo(json.dumps(metrics, indent=2, ensure_ascii=False))
        return
    typer.echo(format_ner_metrics(metrics))
