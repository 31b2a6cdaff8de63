"""The statistics page: a quarter's figures in the government's categories, as a table and a chart."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from casework.today import today
from dashboard.chart import bar_chart
from dashboard.deps import RegisterDep, SettingsDep
from dashboard.rendering import page
from reports.quarterly import Quarter, evaluations, quarter_figures
from runtime.errors import UserError

router = APIRouter()


@router.get("/stats", response_class=HTMLResponse)
async def stats(request: Request, settings: SettingsDep, register: RegisterDep, quarter: str | None = None):
    now = today(settings.alarms.timezone)
    try:
        q = Quarter.parse(quarter) if quarter else Quarter.containing(now)
    except UserError as exc:  # a quarter written wrong or out of range: the request's fault
        return page(request, "unavailable.html", status_code=400, message=str(exc))
    rows = quarter_figures(evaluations(register, settings.policy, now), q)
    chart = bar_chart([(m, n) for s, m, n in rows if s in ("timeliness", "outcomes")])
    return page(request, "stats.html", quarter=q, rows=rows, chart=chart, previous=q.previous, next=q.next)
