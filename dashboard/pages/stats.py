"""The statistics page: a quarter's figures in the government's categories, then exemptions applied and
the share answered in time (`reports.statistics`), as a table and a chart, and as a CSV download."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from casework.today import today
from dashboard.chart import bar_chart
from dashboard.deps import RegisterDep, SettingsDep
from dashboard.rendering import page
from reports.quarterly import Quarter
from reports.statistics import as_csv, figures, shown
from runtime.errors import UserError

router = APIRouter()


def quarter_of(text: str | None, settings) -> Quarter:
    return Quarter.parse(text) if text else Quarter.containing(today(settings.alarms.timezone))


# Both are plain `def`: FastAPI runs them on its thread pool, so a quarter's figures (one query over every
# case) never hold up the event loop that answers every other request.
@router.get("/stats", response_class=HTMLResponse)
def stats(request: Request, settings: SettingsDep, register: RegisterDep, quarter: str | None = None):
    try:
        q = quarter_of(quarter, settings)
    except UserError as exc:  # a quarter written wrong or out of range: the request's fault
        return page(request, "unavailable.html", status_code=400, message=str(exc))
    rows = figures(register, settings.policy, today(settings.alarms.timezone), q)
    chart = bar_chart([(m, n) for s, m, n in rows if s in ("timeliness", "outcomes")])
    shown_rows = [(s, m, shown(m, n)) for s, m, n in rows]
    return page(request, "stats.html", quarter=q, rows=shown_rows, chart=chart, previous=q.previous, next=q.next)


@router.get("/stats.csv")
def stats_csv(request: Request, settings: SettingsDep, register: RegisterDep, quarter: str | None = None):
    try:
        q = quarter_of(quarter, settings)
    except UserError as exc:
        return page(request, "unavailable.html", status_code=400, message=str(exc))
    return Response(
        as_csv(q, figures(register, settings.policy, today(settings.alarms.timezone), q)),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="foi-statistics-{q}.csv"'},
    )
