"""``sandingan evaluate entities``: score entity extraction against the gold annotations and
the project's keyed annotations of real documents (``entity_labels.jsonl``)."""

from __future__ import annotations

import json
from pathlib import Path

import typer
from rich.console import Console
from rich.table import Table

from pipeline.cli.apps import evaluate_app
from pipeline.evaluate.entities import evaluate
from pipeline.settings import shared_root
from pipeline.train.entity_labels import ENTITY_FILE, load_entity_documents

SHARED = shared_root()


@evaluate_app.command("entities")
def evaluate_entities(
    gold: Path = typer.Option(SHARED / "gold", help="Folder of gold annotation JSON files."),
    corpus: Path = typer.Option(SHARED / "corpus", help="Folder of the PDFs the gold files annotate."),
    seeds: Path = typer.Option(SHARED / "seeds", help="Folder of the seed texts the gold files annotate."),
    pool: Path = typer.Option(SHARED / "pool", help="Second folder of PDFs the keyed annotations name."),
    annotated: Path = typer.Option(
        ENTITY_FILE, help="Keyed document annotations (the project's; '' for the gold files only)."
    ),
    reader: str = typer.Option(
        "ingest", help="PDF reader: ingest (the project's) or pdfium (plain-text fallback)."
    ),
    blind_kb: bool = typer.Option(
        False,
        "--blind-kb",
        help="Read each document with a knowledge base that lacks the agencies and programmes "
        "its gold file names (as a new paper meets it).",
    ),
    as_json: bool = typer.Option(False, "--json", help="Print the full report as JSON."),
) -> None:
    """Precision, recall and F1 of LAW, AGENCY and PROGRAMME per document and overall."""
    if not gold.is_dir():
        typer.echo(f"no gold folder at {gold}", err=True)
        raise typer.Exit(2)
    extra: list = []
    if str(annotated) not in ("", "."):
        extra, orphans = load_entity_documents([corpus, pool], annotated)
        for record in orphans:
            typer.echo(
                f"warning: a name of {record['file']} is no longer in its PDF (entity {record['entity']})",
                err=True,
            )
    result = evaluate(gold, corpus, seeds, reader=reader, blind=blind_kb, extra=extra)
    if as_json:
        typer.echo(json.dumps(result, indent=2, ensure_ascii=False))
        return
    Console().print(report_table(result))


def report_table(result: dict) -> Table:
    """The report as a table: one row per document and label, then the totals over all
    documents and per document language, with 95% intervals from resampling documents."""
    table = Table(title="Entity extraction against gold and keyed annotations (document level)")
    for column in ("document", "label", "tp", "fp", "fn", "precision", "recall", "f1"):
        table.add_column(column, justify="left" if column in ("document", "label") else "right")
    rows = [(d["file"], d["labels"]) for d in result["documents"]]
    rows.append((f"ALL ({_documents(result['overall'])} documents)", result["overall"]))
    for lang, labels in result.get("per_language", {}).items():
        rows.append((f"{lang} ({_documents(labels)} documents)", labels))
    for source, labels in result.get("per_source", {}).items():
        rows.append((f"{source} files ({_documents(labels)} documents)", labels))
    for name, labels in rows:
        for i, (label, s) in enumerate(labels.items()):
            table.add_row(
                name if i == 0 else "",
                label,
                str(s["tp"]),
                str(s["fp"]),
                str(s["fn"]),
                _with_interval(s["precision"], s.get("precision_ci")),
                _with_interval(s["recall"], s.get("recall_ci")),
                f"{s['f1']:.3f}",
            )
    return table


def _documents(labels: dict) -> int:
    return next(iter(labels.values())).get("documents", 0)


def _with_interval(value: float, interval: list[float] | tuple[float, float] | None) -> str:
    """``0.884 (0.81-0.94)``, or the value alone for one document's row."""
    return f"{value:.3f}" + (f" ({interval[0]:.2f}-{interval[1]:.2f})" if interval else "")
