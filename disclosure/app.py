"""The public disclosure log's application: a list of published responses (search by title, pages), one
response's page, its document, an Atom feed and a CSV of them all.

- Unauthenticated and read-only: it answers GET and HEAD only (anything else is a 405), and it holds
  only a `register.publications.PublicLog`, which reads the `publications` table (nothing personal)
  and nothing else; on PostgreSQL, FOI_DISCLOSURE__DATABASE_URL can name a role that may read no more.
- A ref that is not published (withdrawn, never published, unknown) is a 404 that says no more.
- The same Host check and security headers as the staff dashboard (`dashboard/hardening.py`), with its
  own host names (FOI_DISCLOSURE__HOSTS); the GOV.UK Frontend stylesheet the dashboard vendors.
"""

from __future__ import annotations

import csv
import io
import logging
from datetime import UTC, datetime
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.responses import FileResponse, HTMLResponse, PlainTextResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.exceptions import HTTPException

from casework.documents import MEDIA_TYPES, stored
from dashboard.hardening import harden
from disclosure import wording
from register.private import UnsafeDataDir
from register.publications import PublicLog
from rules.explain import day
from rules.plain_text import control_character
from runtime.errors import Unavailable

log = logging.getLogger("foi.disclosure")

READING = ("GET", "HEAD")
SEARCH_LIMIT = 300
STATIC = Path(__file__).resolve().parent.parent / "dashboard" / "static"
TEMPLATES = Jinja2Templates(directory=str(Path(__file__).parent / "templates"))
TEMPLATES.env.filters.update(
    day=lambda d: day(d) if d else "",
    outcome=wording.outcome,
    regime=wording.regime,
    size=wording.size,
    instant=wording.instant,
)
TEMPLATES.env.globals.update(documents=wording.DOCUMENTS, media_types=MEDIA_TYPES)
CSV_COLUMNS = ("ref", "title", "law", "received", "answered", "outcome", "exemptions", "document", "published")


class BadRequest(Exception):
    """A 400 with this one line."""


def _page(request: Request, name: str, status_code: int = 200, **context) -> Response:
    context = {"site": request.app.state.settings.disclosure.title, **context}
    return TEMPLATES.TemplateResponse(request, name, context, status_code=status_code)


def _search(request: Request) -> str:
    q = request.query_params.get("q", "").strip()
    if control_character(q):
        raise BadRequest("The search contains a control character")
    if len(q) > SEARCH_LIMIT:
        raise BadRequest(f"The search is longer than {SEARCH_LIMIT} characters")
    return q


def _page_number(request: Request) -> int:
    given = request.query_params.get("page", "1")
    if not (given.isascii() and given.isdigit() and 1 <= int(given) <= 1_000_000):
        raise BadRequest("The page number must be a whole number from 1")
    return int(given)


def _published(request: Request, ref: str):
    row = request.app.state.published.publication(ref)
    if row is None:
        raise HTTPException(404)
    return row


def _document_name(row) -> str:
    return f"{row.ref.replace('/', '-')}.{row.document_kind}"


def create_app(settings, host: str = "127.0.0.1") -> FastAPI:
    """The public site, bound to `host` (it answers only to that host's names and FOI_DISCLOSURE__HOSTS)."""
    app = FastAPI(title=settings.disclosure.title, docs_url=None, redoc_url=None, openapi_url=None)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.state.settings = settings
    app.state.published = PublicLog(settings.disclosure.database_url or settings.register_url)

    @app.get("/", response_class=HTMLResponse)
    async def index(request: Request):
        q, number = _search(request), _page_number(request)
        size = settings.disclosure.page_size
        published = request.app.state.published
        total = published.publications_count(q or None)
        pages = max(1, -(-total // size))
        if number > pages:
            raise HTTPException(404)
        rows = published.publications(q or None, offset=(number - 1) * size, limit=size)
        return _page(request, "index.html", rows=rows, q=q, total=total, number=number, pages=pages)

    @app.get("/feed.atom")
    async def feed(request: Request):
        rows = request.app.state.published.publications(limit=settings.disclosure.feed_entries)
        base = str(request.base_url).rstrip("/")
        updated = rows[0].published_at if rows else datetime(1970, 1, 1, tzinfo=UTC)
        response = _page(request, "feed.xml", rows=rows, base=base, updated=updated)
        response.headers["content-type"] = "application/atom+xml; charset=utf-8"
        return response

    @app.get("/disclosure-log.csv")
    async def as_csv(request: Request):
        q = _search(request)
        base = str(request.base_url).rstrip("/")
        out = io.StringIO()
        w = csv.writer(out, lineterminator="\r\n")
        w.writerow(CSV_COLUMNS)
        for r in request.app.state.published.publications(q or None):
            document = f"{base}/document/{r.ref}" if r.document else ""
            cells = (r.ref, r.title, wording.regime(r.regime), r.received.isoformat(), r.answered.isoformat())
            more = (wording.outcome(r.outcome), "; ".join(r.exemptions), document, r.published_at.date().isoformat())
            w.writerow([wording.spreadsheet_cell(c) for c in (*cells, *more)])
        return Response(
            out.getvalue(),
            media_type="text/csv; charset=utf-8",
            headers={"Content-Disposition": 'attachment; filename="disclosure-log.csv"'},
        )

    @app.get("/document/{ref:path}")
    async def document(request: Request, ref: str):
        row = _published(request, ref)
        path = stored(settings.data_dir, row.document) if row.document else None
        if path is None or not path.is_file():
            raise HTTPException(404)
        return FileResponse(path, media_type=MEDIA_TYPES[row.document_kind], filename=_document_name(row))

    @app.get("/response/{ref:path}", response_class=HTMLResponse)
    async def response(request: Request, ref: str):
        return _page(request, "response.html", row=_published(request, ref))

    @app.middleware("http")
    async def read_only(request: Request, call_next):
        if request.method not in READING:
            return PlainTextResponse("Method not allowed", status_code=405, headers={"Allow": "GET, HEAD"})
        try:
            return await call_next(request)
        except BadRequest as exc:
            return _page(request, "problem.html", status_code=400, heading="Bad request", message=str(exc))
        except (Unavailable, UnsafeDataDir):
            log.exception("the disclosure log cannot read the register")
            return _page(request, "problem.html", status_code=503, heading="Unavailable", message="Try again later.")
        except Exception:
            log.exception("internal error on %s", request.url.path)
            return _page(request, "problem.html", status_code=500, heading="Something went wrong", message="")

    @app.exception_handler(HTTPException)
    async def not_found(request: Request, exc: HTTPException):
        if exc.status_code == 405:
            return PlainTextResponse("Method not allowed", status_code=405, headers={"Allow": "GET, HEAD"})
        return _page(request, "problem.html", status_code=404, heading="Not found", message="")

    harden(app, settings, host, settings.disclosure.hosts or "")
    return app
