"""The dashboard's pages. It reads the register and asks Temporal (visibility and queries); every
date it shows comes from the workflows' evaluations or from `rules/` — it computes none itself."""

from __future__ import annotations

import base64
import hmac
from datetime import date
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, PlainTextResponse, Response
from fastapi.templating import Jinja2Templates
from temporalio.client import Client

from casework import cases
from casework.today import today
from dashboard.letters import letter_url
from dashboard.letters import router as letters_router
from letters import available
from register import Register
from reports.quarterly import Quarter
from reports.statistics import as_csv, figures, shown
from rules import Case, Derivation, Finding, evaluate
from rules.bank_holidays import calendar_covering
from rules.explain import day, explain_derivation, in_force, render
from runtime.connection import connect
from runtime.errors import Unavailable, UserError

TEMPLATES = Jinja2Templates(directory=str(Path(__file__).parent / "templates"))
TEMPLATES.env.filters["day"] = lambda d: day(d) if d else ""


def bar_chart(rows: list[tuple[str, int]], width: int = 640, bar: int = 22) -> str:
    """A plain SVG horizontal bar chart (no JavaScript)."""
    top = max([n for _, n in rows] + [1])
    label_w, height = 330, bar * len(rows) + 10
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" role="img" '
        f'aria-label="statistics chart" font-family="sans-serif" font-size="12">'
    ]
    for i, (label, n) in enumerate(rows):
        y = 5 + i * bar
        w = int((width - label_w - 40) * n / top)
        parts.append(f'<text x="{label_w - 6}" y="{y + 15}" text-anchor="end">{label}</text>')
        parts.append(f'<rect x="{label_w}" y="{y + 3}" width="{w}" height="{bar - 6}" fill="#1d70b8"/>')
        parts.append(f'<text x="{label_w + w + 4}" y="{y + 15}">{n}</text>')
    parts.append("</svg>")
    return "".join(parts)


def create_app(settings, temporal: Client | None = None) -> FastAPI:
    """The app; `temporal` is a connected client to use (default: connect on first request)."""
    app = FastAPI(title="FOI deadlines", docs_url=None, redoc_url=None, openapi_url=None)
    app.state.client = temporal
    register = Register(settings.register_url)
    tz = settings.alarms.timezone

    async def client():
        if getattr(app.state, "client", None) is None:
            app.state.client = await connect()
        return app.state.client

    @app.middleware("http")
    async def credentials(request: Request, call_next):
        if settings.dashboard_credentials_configured and not authorised(request.headers.get("authorization", "")):
            return PlainTextResponse(
                "authentication required", status_code=401, headers={"WWW-Authenticate": 'Basic realm="FOI deadlines"'}
            )
        try:
            return await call_next(request)
        except Unavailable as exc:
            return page(request, "unavailable.html", status_code=503, message=str(exc))
        except UserError as exc:
            return page(request, "unavailable.html", status_code=404, message=str(exc))

    def authorised(header: str) -> bool:
        scheme, _, value = header.partition(" ")
        if scheme.lower() == "bearer" and settings.dashboard_token:
            return hmac.compare_digest(value, settings.dashboard_token)
        if scheme.lower() == "basic" and settings.dashboard_user:
            try:
                user, _, password = base64.b64decode(value).decode().partition(":")
            except ValueError:
                return False
            return hmac.compare_digest(user, settings.dashboard_user) and hmac.compare_digest(
                password, settings.dashboard_password or ""
            )
        return False

    def page(request: Request, name: str, status_code: int = 200, **context) -> Response:
        return TEMPLATES.TemplateResponse(request, name, {"today": today(tz), **context}, status_code=status_code)

    @app.get("/", response_class=HTMLResponse)
    async def overdue(request: Request):
        views = await cases.overdue(await client(), settings)
        return page(request, "overdue.html", views=views, days_overdue=cases.days_overdue)

    @app.get("/due-soon", response_class=HTMLResponse)
    async def due_soon(request: Request):
        views = await cases.due_soon(await client(), settings, working_days=5)
        return page(request, "due_soon.html", views=views)

    @app.get("/case/{ref:path}", response_class=HTMLResponse)
    async def case(request: Request, ref: str):
        v = await cases.view(await client(), settings, ref)
        ev = v.evaluation
        the_case = Case(regime=ev.regime, received=ev.received, events=v.events)
        cal = calendar_covering(
            ev.regime, ev.received, ev.as_of, proclaimed=register.proclaimed(), nation=settings.policy.nation
        )
        trace: list[Derivation | Finding] = []
        evaluate(the_case, cal, ev.as_of, settings.policy, trace)
        deadlines = [explain_derivation(d, cal) for d in in_force(trace)]
        return page(
            request,
            "case.html",
            view=v,
            ev=ev,
            deadlines=deadlines,
            account=render(the_case, ev, trace, cal),
            alerts=register.notifications(ref=ref),
            letters=[(kind.replace("_", " "), letter_url(kind, v.ref)) for kind in available(v.events)],
        )

    @app.get("/alerts", response_class=HTMLResponse)
    async def alerts(request: Request):
        return page(request, "alerts.html", alerts=register.notifications(limit=500))

    def quarter_of(text: str | None) -> Quarter:
        return Quarter.parse(text) if text else Quarter.containing(today(tz))

    @app.get("/stats", response_class=HTMLResponse)
    async def stats(request: Request, quarter: str | None = None):
        q = quarter_of(quarter)
        rows = figures(register, settings.policy, today(tz), q)
        chart = bar_chart([(m, n) for s, m, n in rows if s in ("timeliness", "outcomes")])
        return page(
            request,
            "stats.html",
            quarter=q,
            rows=[(s, m, shown(m, n)) for s, m, n in rows],
            chart=chart,
            previous=f"{q.year - (q.q == 1)}Q{4 if q.q == 1 else q.q - 1}",
            next=f"{q.year + (q.q == 4)}Q{1 if q.q == 4 else q.q + 1}",
        )

    @app.get("/stats.csv")
    async def stats_csv(quarter: str | None = None):
        q = quarter_of(quarter)
        return Response(
            as_csv(q, figures(register, settings.policy, today(tz), q)),
            media_type="text/csv; charset=utf-8",
            headers={"Content-Disposition": f'attachment; filename="foi-statistics-{q}.csv"'},
        )

    app.include_router(letters_router(settings))

    @app.get("/healthz", response_class=PlainTextResponse)
    async def health():
        return "ok " + date.today().isoformat()

    return app
