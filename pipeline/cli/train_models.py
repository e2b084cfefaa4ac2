"""``sandingan train dimensions``, ``models list|promote``, ``evaluate dimensions``."""

from __future__ import annotations

import json
import logging
import sys
from pathlib import Path

import typer

from pipeline.classify import MODEL_NAMES
from pipeline.classify.model import SERVINGS, ClassifierConfig
from pipeline.cli.apps import evaluate_app, models_app, train_app
from pipeline.evaluate.dimensions import evaluate_version, format_metrics
from pipeline.records import TASK_LABELS
from pipeline.registry import METRICS_FILE, list_versions, models_root, production, read_metrics
from pipeline.train import dimensions as td
from pipeline.train.annotated import LABEL_FILE
from pipeline.train.registry import PromotionRefused
from pipeline.train.registry import promote as promote_version
from pipeline.train.relevance import train_relevance, train_share_judge


@train_app.command("dimensions")
def train_dimensions_command(
    base_model: str = typer.Option(
        ClassifierConfig.base_model,
        help="Encoder: hub name or local folder "
        "(from_pretrained); default built by scripts/build_classifier.py.",
    ),
    gold: Path = typer.Option(
        None, "--gold", help="Also TRAIN on a gold folder (off by default: the gold is a test set)."
    ),
    annotated: Path = typer.Option(
        None,
        "--annotated",
        help="Keyed passage labels (default pipeline/data/training/passage_labels.jsonl); 'none' to skip.",
    ),
    test_gold: Path = typer.Option(
        None,
        "--test-gold",
        help="Gold folder the final model is "
        "scored on, never trained on (default ../shared/gold); "
        "'none' to skip.",
    ),
    folds: int = typer.Option(
        5,
        "--folds",
        help="Grouped k-fold by document for the metrics and thresholds; 0 = leave-one-document-out.",
    ),
    reviewed: Path = typer.Option(None, "--reviewed", help="Reviewed passages (JSON Lines)."),
    seed_table: Path = typer.Option(
        None,
        "--seed-table",
        help="Seed paper text with Tabel 4 to train on (off by default: the seed paper has a gold file).",
    ),
    owned: Path = typer.Option(
        None,
        "--owned",
        help="Folder of the project's own labelled "
        "passages (default pipeline/data/training); 'none' to skip.",
    ),
    seed: int = typer.Option(
        ClassifierConfig.seed, "--seed", help="Random seed (same data + seed = same model)."
    ),
    epochs: int = typer.Option(
        ClassifierConfig.epochs, "--epochs", help="Optimiser passes (frozen encoder: x10 L-BFGS iterations)."
    ),
    encoder_layers: int = typer.Option(
        ClassifierConfig.encoder_layers or 0, help="Encoder layers kept (fewer: faster, worse); 0 = all."
    ),
    train_layers: int = typer.Option(
        ClassifierConfig.train_layers, help="Top encoder layers fine-tuned (0 = head only)."
    ),
    learning_rate: float = typer.Option(
        ClassifierConfig.learning_rate, help="Head learning rate (fine-tuning; the frozen heads ignore it)."
    ),
    encoder_learning_rate: float = typer.Option(
        ClassifierConfig.encoder_learning_rate, help="Learning rate of the fine-tuned layers."
    ),
    quantize: bool = typer.Option(
        ClassifierConfig.quantize,
        help="Serve the encoder in int8 (frozen layers only when some are fine-tuned); "
        "--no-quantize serves it in float.",
    ),
    serving: str = typer.Option(
        ClassifierConfig.serving,
        help="'int8': serve the float-trained layers in int8 through ONNX Runtime where the CPU "
        "has VNNI and no AMX (cross-validated as served on such a CPU); 'float': bfloat16 or float32.",
    ),
    calibration: str = typer.Option(
        "nested",
        help="Thresholds: 'nested' (inner k-fold of each "
        "fold's training documents) or 'group' (one held-out group: "
        "one fit per fold, for fine-tuning).",
    ),
    holdout: list[str] = typer.Option(
        None,
        "--holdout",
        help="Document (gold file stem) left out of training and scored at the end; repeatable.",
    ),
    whole_documents: bool = typer.Option(
        False,
        help="Each fold model also labels every substantive passage of its held-out annotated "
        "documents (group calibration); the shares go to whole_document_shares.json, which "
        "`sandingan train relevance --kind share` learns from.",
    ),
    promote: bool = typer.Option(False, help="Promote the new version if the rules allow."),
    task: str = typer.Option(
        ClassifierConfig.task,
        help="Label task: dimension, policy_stage or "
        "diffusion (the latter two need labelled data in --gold/--reviewed).",
    ),
) -> None:
    """Train the passage dimension classifier into models/dimensions/v<N>/ with metrics."""
    if task not in TASK_LABELS:
        raise typer.BadParameter(f"unknown task {task!r}", param_hint="--task")
    config = ClassifierConfig(
        task=task,
        labels=list(TASK_LABELS[task]),
        base_model=base_model,
        seed=seed,
        epochs=epochs,
        encoder_layers=encoder_layers or None,
        train_layers=train_layers,
        learning_rate=learning_rate,
        encoder_learning_rate=encoder_learning_rate,
        quantize=quantize,
        serving=serving,
    )
    if serving not in SERVINGS:
        raise typer.BadParameter(f"one of {', '.join(SERVINGS)}", param_hint="--serving")
    if calibration not in td.CALIBRATIONS:
        raise typer.BadParameter(f"one of {', '.join(td.CALIBRATIONS)}", param_hint="--calibration")
    owned_dir = None if str(owned) == "none" else (owned or td.DEFAULT_OWNED)
    sources = td.Sources(
        gold_dir=gold,
        reviewed=reviewed,
        seed_file=seed_table,
        holdout=list(holdout or []),
        owned_dir=owned_dir,
        annotated=_unless_none(annotated, LABEL_FILE),
        test_gold=_unless_none(test_gold, td.DEFAULT_GOLD),
        folds=folds or None,
        calibration=calibration,
        whole_documents=whole_documents,
    )
    show_progress()
    target = td.train_model(config, sources, name=MODEL_NAMES[task])
    typer.echo(f"trained {target}")
    metrics = json.loads((target / METRICS_FILE).read_text())
    if metrics:
        typer.echo(format_metrics(metrics, f"{metrics.get('protocol', '')}:"))
    if promote:
        _promote(MODEL_NAMES[task], target.name, force=False)


def show_progress() -> None:
    """Training's progress lines (one per cross-validation fold) on stderr."""
    logger = logging.getLogger("pipeline.train")
    if not any(getattr(h, "name", "") == "progress" for h in logger.handlers):
        handler = logging.StreamHandler(sys.stderr)
        handler.name = "progress"
        handler.setFormatter(logging.Formatter("%(message)s"))
        logger.addHandler(handler)
    logger.setLevel(logging.INFO)


def _unless_none(value: Path | None, default: Path) -> Path | None:
    """A path option: the default when not given, None when given as 'none'."""
    return None if str(value) == "none" else (value or default)


@models_app.command("list")
def models_list_command(
    name: str = typer.Argument(None, help="Model name (default: every model)."),
) -> None:
    """Versions of each model with macro-F1 (per language) and which one is in production."""
    root = models_root()
    names = (
        [name]
        if name
        else sorted(p.name for p in root.iterdir() if p.is_dir() and list_versions(p.name))
        if root.is_dir()
        else []
    )
    for model in names:
        current = production(model)
        for version in list_versions(model):
            metrics = read_metrics(model, version)
            macro = metrics.get("macro", {})
            langs = " ".join(
                f"{lang}={m['macro_f1']:.3f}"
                for lang, m in metrics.get("per_language", {}).items()
                if m.get("macro_f1") is not None
            )
            score = _macro_text(macro)
            flag = "*" if version == current else " "
            typer.echo(f"{flag} {model}/{version}  {score}  {langs}")


def _macro_text(macro: dict) -> str:
    """``macro-F1 0.761 CI 0.696-0.813`` (or ``no metrics``)."""
    if not macro or macro.get("f1") is None:
        return "no metrics"
    low, high = (macro.get("ci") or [macro["f1"], macro["f1"]])[:2]
    return f"macro-F1 {macro['f1']:.3f} CI {low:.3f}-{high:.3f}"


@train_app.command("relevance")
def train_relevance_command(
    folder: list[Path] = typer.Option(
        None,
        "--folder",
        help="Where the labelled documents' PDFs are (repeatable; default ../shared/corpus and pool).",
    ),
    kind: str = typer.Option(
        "share",
        help="share: a threshold on the share of a document's passages the production dimension "
        "model labels (learned on its out-of-fold predictions); words: hashed words + logistic.",
    ),
    dimensions: str = typer.Option(
        None, help="share: the dimension model version whose predictions it learns on (default: production)."
    ),
    promote: bool = typer.Option(False, help="Promote the new version if the rules allow."),
) -> None:
    """Train the document relevance judge (on topic or not) from the labelled documents,
    leaving out every document that has a gold file; leave-one-document-out metrics."""
    if kind not in ("share", "words"):
        raise typer.BadParameter("--kind must be share or words")
    gold = td.DEFAULT_GOLD
    skip = (
        {json.loads(p.read_text(encoding="utf-8")).get("file", "") for p in sorted(gold.glob("*.json"))}
        if gold.is_dir()
        else set()
    )
    if kind == "share":
        try:
            target = train_share_judge(skip, dimensions=dimensions)
        except FileNotFoundError as exc:
            typer.echo(f"error: {exc}", err=True)
            raise typer.Exit(1) from exc
    else:
        target = train_relevance(list(folder or td.DEFAULT_PDF_DIRS), skip)
    metrics = json.loads((target / METRICS_FILE).read_text())
    typer.echo(f"trained {target}")
    typer.echo(format_metrics(metrics, f"{metrics['protocol']}: accuracy {metrics['accuracy']}"))
    if metrics["errors"]:
        typer.echo("wrong: " + ", ".join(metrics["errors"]))
    if promote:
        _promote("relevance", target.name, force=False)


@evaluate_app.command("labels")
def evaluate_labels_command(
    task: str = typer.Option("policy_stage", help="policy_stage or diffusion (or dimension)."),
    as_json: bool = typer.Option(False, "--json", help="Print the metrics as JSON."),
) -> None:
    """Score what production labels a task with (a production model when there is one,
    else the lexicon) against the annotated real passages (pipeline/data/training/
    passage_labels.jsonl, texts read from ../shared/corpus and pool): micro- and macro-F1
    with bootstrap CIs, per language. Only documents the model never trained on count."""
    if task not in TASK_LABELS:
        raise typer.BadParameter(f"unknown task {task!r}", param_hint="--task")
    metrics = td.evaluate_annotated(task)
    if as_json:
        typer.echo(json.dumps(metrics, indent=2))
        return
    if not metrics["n_passages"] and metrics["method"].startswith("model@"):
        version = metrics["method"].removeprefix("model@")
        typer.echo(
            f"{version} trained on every annotated document, so none is left to score it on: "
            f"its cross-document figures are in models/{version}/{METRICS_FILE}"
        )
        return
    typer.echo(
        format_metrics(
            metrics,
            f"{metrics['method']} on {metrics['n_passages']} annotated "
            f"passages of {len(metrics['documents'])} documents: "
            f"micro-F1 {metrics['micro_f1']:.3f}",
        )
    )


def _promote(name: str, version: str, force: bool) -> None:
    try:
        result = promote_version(name, version, force=force)
    except PromotionRefused as exc:
        typer.echo(f"refused: {name}/{version} not promoted: {exc} (use --force to override)", err=True)
        raise typer.Exit(1) from exc
    if result.forced:
        typer.echo(f"FORCED: {name}/{version} promoted despite: {'; '.join(result.reasons)}")
    for note in result.notes:
        typer.echo(f"note: {note}")
    typer.echo(f"promoted {name}/{version} (was {result.previous or 'none'})")


@models_app.command("promote")
def models_promote_command(
    name: str = typer.Argument(..., help="Model name, e.g. dimensions."),
    version: str = typer.Argument(..., help="Version, e.g. v3."),
    force: bool = typer.Option(False, "--force", help="Promote even when the candidate is worse."),
) -> None:
    """Make a version production; refused when it is worse than production (unless --force)."""
    _promote(name, version, force)


@evaluate_app.command("dimensions")
def evaluate_dimensions_command(
    version: str = typer.Option(
        None, "--version", help="Version to score (default: production; 'lexicon' for the lexicon alone)."
    ),
    gold: Path = typer.Option(
        None,
        "--gold",
        help="Gold folder to score on (default "
        "../shared/gold; documents the version trained on are skipped).",
    ),
    cv: bool = typer.Option(
        False,
        "--cv",
        help="Re-train the version's recipe leave-one-"
        "document-out over the gold folder (every document held out once).",
    ),
    include_trained: bool = typer.Option(
        False, help="Also score documents the version was trained on (optimistic)."
    ),
    as_json: bool = typer.Option(False, "--json", help="Print the metrics as JSON."),
) -> None:
    """Score passage dimensions against gold passages; English and Indonesian reported apart."""
    gold = gold or td.DEFAULT_GOLD
    chosen = None if version == "lexicon" else (version or production("dimensions"))
    if cv:
        metrics = td.evaluate_cv(gold, "dimensions", chosen)
        title = f"dimensions/{chosen or 'default recipe'}: nested leave-one-document-out on {gold}"
    else:
        metrics = evaluate_version(gold, "dimensions", chosen, include_trained=include_trained)
        title = (
            f"{metrics['method']} on {gold} ({len(metrics['scored_documents'])} documents, "
            f"{len(metrics['skipped_trained_documents'])} trained-on skipped)"
        )
        if not metrics["n_passages"]:
            typer.echo(f"{title}: no passage left to score; try --cv", err=True)
            raise typer.Exit(1)
    if as_json:
        typer.echo(json.dumps(metrics, indent=2))
        return
    typer.echo(format_metrics(metrics, title))
    if "lexicon_baseline" in metrics:
        typer.echo(format_metrics(metrics["lexicon_baseline"], "lexicon alone, same passages:"))
