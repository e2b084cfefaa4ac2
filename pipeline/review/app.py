"""The review web app: tables whose cells lead to their evidence, and review decisions.

Server-rendered (Jinja2, autoescaped: all PDF text is shown as text), one tiny script
that copies a text selection into the "add a missed mention" form. Every state change is
a POST checked for CSRF (see :mod:`pipeline.review.security`). Decisions are stored as
their own rows; the tables are recomputed from the store on the next page load.

Routes: ``GET /`` tables; ``GET /evidence?table&row&col`` a cell's evidence with review
forms; ``POST /decide`` accept | reject | correct | undo a mention (409 when the form's
``version`` is stale, see :mod:`pipeline.review.conflicts`); ``POST /add`` a missed mention;
``POST /labels`` a passage's label set of one task, or its undo; ``POST /passage`` mark a
passage reviewed as a whole, or unmark it (both 409 when stale); ``POST /reviewer`` remember
the reviewer's name; ``GET /decisions`` the log, with orphans and reviewer agreement;
``GET /queue`` the review queue (a decision posted from it with the header
``X-Sandingan-Partial: queue`` is answered with the updated item alone, see
:mod:`pipeline.review.queue`);
``GET /pdf/{document_id}`` a stored document's PDF (append ``#page=N``);
``GET /download/sandingan_tables.xlsx`` and ``/download/<table>.csv`` the reviewed tables.
"""

from __future__ import annotations

import tempfile
import threading
from pathlib import Path
from urllib.parse import parse_qsl, quote, unquote, urlencode, urlsplit, urlunsplit

from fastapi import FastAPI, Form, HTTPException, Request
from fastapi.responses import (
    FileResponse,
    HTMLResponse,
    PlainTextResponse,
    RedirectResponse,
    Response,
)
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, FileSystemLoader
from starlette.templating import Jinja2Templates

from pipeline.records import ENTITY_LABELS, Decision
from pipeline.review import security as sec
from pipeline.review.agreement import agreement_table
from pipeline.review.conflicts import conflict_message, is_stale
from pipeline.review.data import ReviewData, plain_records
from pipeline.review.evidence import decision_note, evidence_view, label_target_view, orphan_words
from pipeline.review.forms import (
    FormError,
    add_decision,
    clean_reviewer,
    label_decision,
    mention_decision,
    new_decision,
)
from pipeline.review.pdf import stored_pdf
from pipeline.review.queue import QueueFilters, item_view, queue_view
from pipeline.review.state import ReviewState
from pipeline.review.views import index_view
from pipeline.store import Store
from pipeline.tables.anchors import passage_anchor
from pipeline.tables.decisions import passage_target
from pipeline.tables.export import csv_bytes
from pipeline.tables.names import label_name
from pipeline.tables.workbook import write_workbook

HERE = Path(__file__).resolve().parent
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'"
)


def make_templates() -> Jinja2Templates:
    """The Jinja2 templates, autoescaping everything."""
    env = Environment(
        loader=FileSystemLoader(HERE / "templates"), autoescape=True, trim_blocks=True, lstrip_blocks=True
    )
    return Jinja2Templates(env=env)


PARTIAL_HEADER = "x-sandingan-partial"
EXPIRED = "This form has expired or came from another site. Reload the page and try again."


def is_partial(request: Request) -> bool:
    """Whether the queue's script asked for the updated item instead of a whole page."""
    return request.headers.get(PARTIAL_HEADER) == "queue"


def reviewer_of(request: Request) -> str:
    """The reviewer name remembered in this browser's cookie ('' if none)."""
    return unquote(request.cookies.get(sec.REVIEWER_COOKIE, ""))


def with_note(target: str, decision_id: str, anchor: str) -> str:
    """``target`` with ``done=<decision id>`` (shown as a note) and an anchor."""
    parts = urlsplit(sec.safe_next(target))
    query = [(k, v) for k, v in parse_qsl(parts.query) if k != "done"] + [("done", decision_id)]
    return urlunsplit(("", "", parts.path, urlencode(query), anchor))


def remember_reviewer(response: Response, reviewer: str) -> Response:
    """Keep the reviewer's name in a cookie for a year."""
    response.set_cookie(
        sec.REVIEWER_COOKIE, quote(reviewer), max_age=365 * 86400, httponly=True, samesite="strict"
    )
    return response


class ReviewApp:
    """The handlers, bound to one store, its PDF roots and templates."""

    def __init__(self, store: Store, pdf_roots: list[Path] | None) -> None:
        self.store = store
        self.state = ReviewState(store)
        self.pdf_roots = pdf_roots
        self.templates = make_templates()
        self.decide_lock = threading.Lock()  # the version check and the insert, as one

    def page(self, request: Request, name: str, status: int = 200, **context) -> HTMLResponse:
        """Render a template with the values every page needs."""
        context = {
            "csrf": request.state.csrf,
            "reviewer": reviewer_of(request),
            "labels": ENTITY_LABELS,
            "path": request.url.path,
            "here": request.url.path + (f"?{request.url.query}" if request.url.query else ""),
        } | context
        return self.templates.TemplateResponse(request, name, context, status_code=status)

    def error(self, request: Request, status: int, message: str, back: str = "/") -> Response:
        """An error page with a way back (the message alone for the queue's in-page requests)."""
        if is_partial(request):
            return PlainTextResponse(message, status)
        return self.page(request, "error.html", status, message=message, back=sec.safe_next(back))

    def done(self, request: Request, decision: Decision, passage_id: str, next: str) -> Response:
        """The answer to a recorded decision: the page it came from again, with a note (a
        redirect), or, for the queue's in-page requests, the updated item alone."""
        if is_partial(request):
            target = urlsplit(sec.safe_next(next))
            filters = QueueFilters.from_query(dict(parse_qsl(target.query)))
            data = self.state.current(tables=False)
            response: Response = self.page(
                request, "_queue_item.html", **item_view(filters, data, passage_id), here=sec.safe_next(next)
            )
        else:
            response = RedirectResponse(with_note(next, decision.id, f"p-{passage_id}"), 303)
        return remember_reviewer(response, decision.reviewer)

    def pdf_links(self, data: ReviewData, doc_ids: set[str]) -> dict[str, bool]:
        """Which documents have a servable PDF."""
        return {
            d: stored_pdf(data.documents[d], self.pdf_roots) is not None
            for d in doc_ids
            if d in data.documents
        }


def create_app(store: Store, *, pdf_roots: list[Path] | None = None, token: str | None = None) -> FastAPI:
    """The review app over ``store``. With ``token`` every request must carry it; without,
    only local clients on a local host name are served (see :mod:`security`)."""
    app = FastAPI(title="Sandingan review", docs_url=None, redoc_url=None, openapi_url=None)
    review = ReviewApp(store, [Path(p) for p in pdf_roots] if pdf_roots else None)
    app.state.review = review
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    install_guard(app, review, token)
    add_page_routes(app, review)
    add_decision_routes(app, review)
    return app


def install_guard(app: FastAPI, review: ReviewApp, token: str | None) -> None:
    """Access control, the CSRF cookie and security headers, on every request."""

    @app.middleware("http")
    async def guard(request: Request, call_next):
        if token and not sec.tokens_match(sec.request_token(request), token):
            return HTMLResponse("<h1>401</h1><p>An access token is required.</p>", 401)
        local = sec.client_is_local(request) and sec.is_local_host(sec.host_name(request.headers.get("host")))
        if not token and not local:
            return HTMLResponse(
                "<h1>403</h1><p>This review server only serves local "
                "requests; start it with --token to serve others.</p>",
                403,
            )
        request.state.csrf = request.cookies.get(sec.CSRF_COOKIE) or sec.new_token()
        if token and request.method == "GET" and request.query_params.get("token"):
            query = urlencode([(k, v) for k, v in request.query_params.multi_items() if k != "token"])
            response = RedirectResponse(request.url.path + (f"?{query}" if query else ""), 303)
            response.set_cookie(sec.AUTH_COOKIE, token, httponly=True, samesite="strict")
        else:
            response = await call_next(request)
        if sec.CSRF_COOKIE not in request.cookies:
            response.set_cookie(sec.CSRF_COOKIE, request.state.csrf, httponly=True, samesite="strict")
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        if response.headers.get("content-type", "").startswith("text/html"):
            response.headers.setdefault("Content-Security-Policy", CSP)
            response.headers.setdefault("X-Frame-Options", "DENY")
        return response


def add_page_routes(app: FastAPI, review: ReviewApp) -> None:
    """The pages that only read."""

    @app.get("/", response_class=HTMLResponse)
    def index(request: Request, country: str | None = None, all: bool = False):
        data = review.state.current()
        return review.page(request, "index.html", **index_view(data, country or None, all))

    @app.get("/evidence", response_class=HTMLResponse)
    def evidence(
        request: Request,
        table: str = "",
        row: str = "",
        col: str = "",
        page: int = 1,
        done: str | None = None,
    ):
        data = review.state.current()
        if table not in data.tables or not row or not col:
            return review.error(request, 404, "No such table cell.")
        view = evidence_view(data, table, row, col, page)
        docs = {item["passage"]["document_id"] for item in view["items"]}
        return review.page(
            request,
            "evidence.html",
            **view,
            note=decision_note(data, done),
            pdf=review.pdf_links(data, docs),
            canonical_ids=data.canonical_ids(),
        )

    @app.get("/queue", response_class=HTMLResponse)
    def queue(request: Request, item: str = "", after: str = ""):
        data = review.state.current(tables=False)
        filters = QueueFilters.from_query(request.query_params)
        return review.page(request, "queue.html", **queue_view(data, filters, item, after))

    @app.get("/decisions", response_class=HTMLResponse)
    def decisions(request: Request):
        data = review.state.current()
        rows = sorted(data.decisions.values(), key=lambda d: (d["created_at"], d["id"]), reverse=True)
        rows = [
            row | {"mention": data.mention(row["target_id"])} | label_target_view(data, row) for row in rows
        ]
        orphans = [
            row | {"words": orphan_words(row)}
            for row in plain_records(data.frames.orphans.sort_values(["created_at", "id"], ascending=False))
        ]
        labels = dict(zip(data.frames.all_mentions["id"], data.frames.all_mentions["label"], strict=True))
        agreement = [
            row
            | {"name": label_name(row["kind"]) if row["kind"] != "mention" else "Mention"}
            | {"label_name": label_name(row["label"])}
            for row in agreement_table(data.frames.decisions, labels)
        ]
        return review.page(
            request, "decisions.html", decisions=rows, data=data, orphans=orphans, agreement=agreement
        )

    @app.get("/pdf/{document_id}")
    def pdf(document_id: str):
        doc = review.state.current(tables=False).documents.get(document_id)
        path = stored_pdf(doc, review.pdf_roots) if doc else None
        if not doc or path is None:
            raise HTTPException(404, "No stored PDF for this document.")
        return FileResponse(
            path,
            media_type="application/pdf",
            filename=Path(doc["file"]).name,
            content_disposition_type="inline",
        )

    @app.get("/download/{filename}")
    def download(filename: str):
        tables = review.state.current().tables
        if filename == "sandingan_tables.xlsx":
            with tempfile.TemporaryDirectory() as tmp:
                write_workbook(tables, Path(tmp) / filename)
                body = (Path(tmp) / filename).read_bytes()
            media = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        elif filename.endswith(".csv") and filename[:-4] in tables:
            body = csv_bytes(tables[filename[:-4]])
            media = "text/csv; charset=utf-8"
        else:
            raise HTTPException(404, "No such download.")
        return Response(
            body, media_type=media, headers={"Content-Disposition": f'attachment; filename="{filename}"'}
        )


def add_decision_routes(app: FastAPI, review: ReviewApp) -> None:
    """The POST routes that record decisions (CSRF-checked)."""

    @app.post("/decide")
    def decide(
        request: Request,
        csrf: str = Form(""),
        mention_id: str = Form(""),
        action: str = Form(""),
        reviewer: str = Form(""),
        label: str = Form(""),
        country: str = Form(""),
        canonical_id: str = Form(""),
        canonical_name: str = Form(""),
        undoes: str = Form(""),
        version: str = Form(""),
        next: str = Form("/"),
    ):
        if not sec.csrf_ok(request, csrf):
            return review.error(request, 403, EXPIRED, next)
        fields = {
            "action": action,
            "reviewer": reviewer,
            "label": label,
            "country": country,
            "canonical_id": canonical_id,
            "canonical_name": canonical_name,
            "undoes": undoes,
            "version": version,
        }
        with review.decide_lock:
            return decide_mention(request, review, mention_id, fields, next)

    @app.post("/add")
    def add(
        request: Request,
        csrf: str = Form(""),
        passage_id: str = Form(""),
        text: str = Form(""),
        start: str = Form(""),
        end: str = Form(""),
        label: str = Form(""),
        country: str = Form(""),
        canonical_id: str = Form(""),
        canonical_name: str = Form(""),
        reviewer: str = Form(""),
        next: str = Form("/"),
    ):
        if not sec.csrf_ok(request, csrf):
            return review.error(request, 403, EXPIRED, next)
        passage = review.state.current(tables=False).passages.get(passage_id)
        if passage is None:
            return review.error(request, 404, "No such passage.", next)
        form = {
            "text": text,
            "start": start,
            "end": end,
            "label": label,
            "country": country,
            "canonical_id": canonical_id,
            "canonical_name": canonical_name,
        }
        try:
            decision = add_decision(passage, form, reviewer)
        except FormError as exc:
            return review.error(request, 400, str(exc), next)
        review.state.record(decision)
        return review.done(request, decision, passage_id, next)

    @app.post("/labels")
    def labels(
        request: Request,
        csrf: str = Form(""),
        passage_id: str = Form(""),
        task: str = Form(""),
        labels: list[str] = Form([]),
        action: str = Form(""),
        undoes: str = Form(""),
        version: str = Form(""),
        reviewer: str = Form(""),
        next: str = Form("/"),
    ):
        if not sec.csrf_ok(request, csrf):
            return review.error(request, 403, EXPIRED, next)
        form = {"task": task, "action": action, "undoes": undoes, "version": version, "reviewer": reviewer}
        with review.decide_lock:
            return decide_labels(request, review, passage_id, labels, form, next)

    @app.post("/passage")
    def passage(
        request: Request,
        csrf: str = Form(""),
        passage_id: str = Form(""),
        action: str = Form("accept"),
        undoes: str = Form(""),
        version: str = Form(""),
        reviewer: str = Form(""),
        next: str = Form("/"),
    ):
        if not sec.csrf_ok(request, csrf):
            return review.error(request, 403, EXPIRED, next)
        form = {"action": action, "undoes": undoes, "version": version, "reviewer": reviewer}
        with review.decide_lock:
            return mark_passage(request, review, passage_id, form, next)

    @app.post("/reviewer")
    def set_reviewer(request: Request, csrf: str = Form(""), reviewer: str = Form(""), next: str = Form("/")):
        if not sec.csrf_ok(request, csrf):
            return review.error(request, 403, EXPIRED, next)
        try:
            name = clean_reviewer(reviewer)
        except FormError as exc:
            return review.error(request, 400, str(exc), next)
        return remember_reviewer(RedirectResponse(sec.safe_next(next), 303), name)


def decide_mention(
    request: Request, review: ReviewApp, mention_id: str, form: dict[str, str], next: str
) -> Response:
    """Record a decision on a mention unless its form is stale (409, naming the newer one)."""
    data = review.state.current(tables=False)
    mention = data.mention(mention_id)
    if mention is None:
        return review.error(request, 404, "No such mention.", next)
    latest = data.latest.get(mention_id)
    if is_stale(form["version"], latest):
        return review.error(request, 409, conflict_message(latest, mention["text"]), next)
    action = form["action"]
    undone = data.decisions.get(form["undoes"]) if action == "undo" else None
    if action == "undo" and (
        undone is None or undone["target_id"] != mention_id or undone["action"] == "undo"
    ):
        return review.error(request, 400, "There is no such decision to undo.", next)
    try:
        passage = data.passages.get(mention["passage_id"]) or {}
        decision = mention_decision(
            action, mention, form["reviewer"], form, passage.get("text"), data.id_label(mention_id)
        )
    except FormError as exc:
        return review.error(request, 400, str(exc), next)
    review.state.record(decision)
    return review.done(request, decision, mention["passage_id"], next)


def decide_labels(
    request: Request, review: ReviewApp, passage_id: str, ticked: list[str], form: dict[str, str], next: str
) -> Response:
    """Record a passage's label set of one task, or undo one, unless the form is stale."""
    data = review.state.current(tables=False)
    passage = data.passages.get(passage_id)
    if passage is None:
        return review.error(request, 404, "No such passage.", next)
    task = form["task"]
    shown = data.labels_of(passage_id, task)
    latest = data.latest.get(shown["target"])
    if is_stale(form["version"], latest):
        words = f"the {task.replace('_', ' ')} labels of this passage"
        return review.error(request, 409, conflict_message(latest, words), next)
    try:
        if form["action"] == "undo":
            undone = data.decisions.get(form["undoes"])
            if undone is None or undone["target_id"] != shown["target"] or undone["action"] == "undo":
                return review.error(request, 400, "There is no such decision to undo.", next)
            decision = new_decision(
                shown["target"],
                "undo",
                clean_reviewer(form["reviewer"]),
                passage["document_id"],
                {"undoes": undone["id"]},
            )
        else:
            decision = label_decision(passage, task, ticked, set(shown["labels"]), form["reviewer"])
    except FormError as exc:
        return review.error(request, 400, str(exc), next)
    review.state.record(decision)
    return review.done(request, decision, passage_id, next)


def mark_passage(
    request: Request, review: ReviewApp, passage_id: str, form: dict[str, str], next: str
) -> Response:
    """Mark a passage reviewed as a whole (its machine mentions as shown are seen), or undo
    the mark, unless the form is stale."""
    data = review.state.current(tables=False)
    passage = data.passages.get(passage_id)
    if passage is None:
        return review.error(request, 404, "No such passage.", next)
    target = passage_target(passage_id)
    latest = data.latest.get(target)
    if is_stale(form["version"], latest):
        return review.error(request, 409, conflict_message(latest, "this passage"), next)
    try:
        reviewer = clean_reviewer(form["reviewer"])
        if form["action"] == "undo":
            undone = data.decisions.get(form["undoes"])
            if undone is None or undone["target_id"] != target or undone["action"] == "undo":
                return review.error(request, 400, "There is no such decision to undo.", next)
            decision = new_decision(
                target, "undo", reviewer, passage["document_id"], {"undoes": undone["id"]}
            )
        elif form["action"] == "accept":
            seen = [
                [m["start"], m["end"], m["label"]]
                for m in data.mentions_by_passage.get(passage_id, [])
                if m["status"] == "machine"
            ]
            decision = new_decision(
                target,
                "accept",
                reviewer,
                passage["document_id"],
                {"seen": seen, "anchor": passage_anchor(passage["text"])},
            )
        else:
            raise FormError(f"Unknown action {form['action']!r}.")
    except FormError as exc:
        return review.error(request, 400, str(exc), next)
    review.state.record(decision)
    return review.done(request, decision, passage_id, next)
