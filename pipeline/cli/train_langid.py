"""``sandingan train langid-ms`` and ``sandingan evaluate langid-ms``: the Malay/Indonesian
model, trained and measured on the labelled items grouped by document."""

from __future__ import annotations

import json
from pathlib import Path

import typer

from pipeline.cli.apps import evaluate_app, train_app
from pipeline.langid.malay import MODEL_PATH, save_model
from pipeline.settings import shared_root
from pipeline.train.malay import crossval, fit_model, pipeline_answers, recall_table, train_pairs
from pipeline.train.malay_data import labelled_items, read_sources, source_items, source_units

SHARED = shared_root()
PDF_DIRS = [SHARED / "corpus", SHARED / "pool"]


def _labelled(texts_dir: Path | None):
    """(found items, units per source, variety per source, sources kept out of the shipped
    model) of the data on this machine; sources whose document is absent are left out."""
    found, missing = labelled_items(PDF_DIRS, texts_dir)
    if missing:
        typer.echo(
            f"{len(missing)} labelled items not found (their documents are absent: "
            "run scripts/labelling/langid_items.py --materialise MIRROR_ROOT)",
            err=True,
        )
    units, variety, unshipped = {}, {}, set()
    for s in read_sources():
        found_units = source_units(s, PDF_DIRS, texts_dir)
        if found_units is None:
            continue
        units[s.source], variety[s.source] = found_units, s.expected
        if s.ship == "no":
            unshipped.add(s.source)
    return found, units, variety, unshipped


def _report(rows: list[dict]) -> dict:
    table = recall_table(rows)
    text_only = recall_table([r for r in rows if r["evidence"] == "text"])
    report = {"recall": table, "recall_text_evidence": text_only, "items": len(rows)}
    if all("alone" in r for r in rows):
        report["recall_alone"] = recall_table(rows, answer="alone")
    return report


def _print(report: dict) -> None:
    tables = [
        ("all items, read in their document", report["recall"]),
        ("items whose own text shows the variety", report["recall_text_evidence"]),
    ]
    if "recall_alone" in report:
        tables.append(("all items, each judged alone (no document)", report["recall_alone"]))
    for name, table in tables:
        typer.echo(f"{name}:")
        for key, v in table.items():
            if v["n"]:
                typer.echo(
                    f"  {key:<11} recall {v['recall']:.3f}  CI {v['ci'][0]:.3f}-{v['ci'][1]:.3f}"
                    f"  n={v['n']} documents={v['documents']}"
                )


@evaluate_app.command("langid-ms")
def evaluate_langid_ms_command(
    folds: int = typer.Option(5, "--folds", help="Grouped k-fold by document."),
    texts_dir: Path = typer.Option(
        None, "--texts", help="Folder of materialised repository texts (default outputs/langid_sources)."
    ),
    baseline: bool = typer.Option(
        False, "--baseline", help="Score the lexicon rule instead (no model), on the same items."
    ),
    as_json: bool = typer.Option(False, "--json"),
) -> None:
    """Malay and Indonesian recall per kind, cross-document, as the pipeline reads them."""
    found, units, variety, _ = _labelled(texts_dir)
    if baseline:
        rows = []
        for source in sorted({r["source"] for r, _ in found}):
            unit_list = units[source]
            items = source_items(_Named(source), unit_list)
            answers = pipeline_answers([it.text for it in items], None)
            where = {(it.text, it.occurrence): a for it, a in zip(items, answers, strict=True)}
            rows += [
                {
                    "source": source,
                    "kind": it.kind,
                    "label": r["lang"],
                    "evidence": r.get("evidence", "text"),
                    "answer": where[(it.text, it.occurrence)],
                }
                for r, it in found
                if r["source"] == source
            ]
    else:
        rows = crossval(found, units, variety, k=folds)
    report = _report(rows)
    if as_json:
        typer.echo(json.dumps(report, indent=2))
    else:
        _print(report)


class _Named:
    def __init__(self, source: str) -> None:
        self.source = source


@train_app.command("langid-ms")
def train_langid_ms_command(
    texts_dir: Path = typer.Option(None, "--texts", help="Folder of materialised repository texts."),
) -> None:
    """Fit the Malay/Indonesian model and ship it (pipeline/data/langid/malay_model.npz):
    every labelled item and silver units of every source, except the documents of the older
    language-ID test sample (ship = no in langid_sources.tsv)."""
    found, units, variety, unshipped = _labelled(texts_dir)
    texts, labels = train_pairs(found, units, variety, exclude=unshipped)
    if len(set(labels)) < 2:
        typer.echo("need labelled Malay and Indonesian items", err=True)
        raise typer.Exit(1)
    save_model(fit_model(texts, labels))
    typer.echo(
        f"trained on {labels.count('ms')} Malay and {labels.count('id')} Indonesian "
        f"texts (labelled items and document units); written to {MODEL_PATH}"
    )
