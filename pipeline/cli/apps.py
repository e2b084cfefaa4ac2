"""The Typer application and its command groups; command modules register on these."""

from __future__ import annotations

import typer

app = typer.Typer(
    name="sandingan",
    help="Evidence-linked comparison tables of smart-city policy from English and Indonesian PDFs.",
    no_args_is_help=True,
    add_completion=False,
)
evaluate_app = typer.Typer(help="Score extraction and classification against gold annotations.")
train_app = typer.Typer(help="Train models into the model registry (models/<name>/<version>/).")
models_app = typer.Typer(help="List and promote model versions.")
review_app = typer.Typer(help="Review machine output in the browser; export reviewed data.")
bench_app = typer.Typer(help="Benchmarks: speed and memory, compared within one run.")

app.add_typer(evaluate_app, name="evaluate")
app.add_typer(train_app, name="train")
app.add_typer(models_app, name="models")
app.add_typer(review_app, name="review")
app.add_typer(bench_app, name="bench")
