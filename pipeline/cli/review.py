"""``sandingan review``: serve the review page; ``sandingan review export``: training data;
``sandingan review orphans``: decisions that cannot be placed on the text as it is now."""

from __future__ import annotations

from pathlib import Path

import typer
import uvicorn

from pipeline.cli.apps import review_app
from pipeline.review.export import write_reviewed
from pipeline.review.security import TOKEN_ENV, BindRefused, check_bind, is_local_host, new_token
from pipeline.settings import REVIEW_EXPORT_NAME as EXPORT_NAME
from pipeline.settings import Settings
from pipeline.store import Store
from pipeline.tables import load_orphans

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8765


def store_url(db: str | None) -> str:
    """The store's URL: ``--db`` (a URL, or a path to a SQLite file), else the settings'."""
    if db:
        return db if "://" in db else f"sqlite:///{Path(db).resolve()}"
    settings = Settings()
    if not settings.db_url:
        settings.out_dir.mkdir(parents=True, exist_ok=True)
    return settings.database_url


TOKEN_FILE = "review_token"


def generated_token() -> str:
    """A new access token for a non-local bind, saved readable by this user only in the
    output folder and never printed whole (only where it is and how it starts)."""
    token = new_token()
    settings = Settings()
    settings.out_dir.mkdir(parents=True, exist_ok=True)
    path = settings.out_dir / TOKEN_FILE
    path.touch(mode=0o600, exist_ok=True)
    path.chmod(0o600)
    path.write_text(token + "\n", encoding="utf-8")
    typer.echo(f"generated an access token ({token[:4]}...), saved in {path} (readable by you only)")
    return token


@review_app.callback(invoke_without_command=True)
def review_command(
    ctx: typer.Context,
    host: str = typer.Option(DEFAULT_HOST, help="Address to listen on. Not local: needs --token."),
    port: int = typer.Option(DEFAULT_PORT, help="Port to listen on."),
    token: str = typer.Option(
        None,
        envvar=TOKEN_ENV,
        show_envvar=True,
        help="Access token required on every request (not local and "
        "none given: one is generated and saved in the output "
        "folder).",
    ),
    db: str = typer.Option(None, "--db", help="Store URL or SQLite file (default: settings)."),
    pdf_root: list[Path] = typer.Option(
        None, "--pdf-root", help="Only serve PDFs under this folder (repeatable)."
    ),
) -> None:
    """Serve the review page: tables, each cell's evidence, accept/reject/correct/add."""
    if ctx.invoked_subcommand is not None:
        return
    if not token and not is_local_host(host):
        token = generated_token()
    try:
        check_bind(host, token)
    except BindRefused as exc:
        typer.echo(f"sandingan review: {exc}", err=True)
        raise typer.Exit(2) from exc
    from pipeline.review.app import create_app  # lazy: FastAPI (~0.4 s), only this command serves

    app = create_app(Store(store_url(db)), pdf_roots=pdf_root or None, token=token)
    shown = "localhost" if host == DEFAULT_HOST else host
    typer.echo(
        f"Review page: http://{shown}:{port}/"
        + (" (open it once with ?token=<your access token>; the token is not shown here)" if token else "")
    )
    uvicorn.run(app, host=host, port=port, log_level="warning")


@review_app.command("export")
def export_command(
    out: Path = typer.Option(None, "--out", help=f"JSONL file (default: <out_dir>/{EXPORT_NAME})."),
    db: str = typer.Option(None, "--db", help="Store URL or SQLite file (default: settings)."),
) -> None:
    """Write the reviewed passages as training data (JSON Lines; see pipeline.review.export)."""
    path = out or Settings().out_dir / EXPORT_NAME
    count = write_reviewed(Store(store_url(db)), path)
    typer.echo(f"{count} reviewed passages -> {path}")


def orphan_line(row: dict) -> str:
    """One orphaned decision as a line: when, who, what, on which words, and why."""
    payload = row["payload"] if isinstance(row["payload"], dict) else {}
    anchor = found if isinstance(found := payload.get("anchor"), dict) else {}
    words = anchor.get("span") or payload.get("text") or payload.get("task") or row["target_id"]
    return (
        f"{str(row['created_at'])[:19].replace('T', ' ')}  {row['reviewer']}  {row['action']}  "
        f"\u201c{words}\u201d  document {str(row['document_id'] or '-')[:12]}: {row['reason']}"
    )


@review_app.command("orphans")
def orphans_command(
    db: str = typer.Option(None, "--db", help="Store URL or SQLite file (default: settings)."),
) -> None:
    """List the review decisions that cannot be placed: their passage's text changed or is
    gone (they are applied nowhere, never to other words)."""
    orphans = load_orphans(Store(store_url(db)))
    for row in orphans.to_dict("records"):
        typer.echo(orphan_line(row))
    typer.echo(f"{len(orphans)} review decision{'s' if len(orphans) != 1 else ''} cannot be placed")
