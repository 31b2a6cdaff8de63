"""The official returns on the dashboard (reports/returns): each return for a quarter as a page, and its
downloads — CSV, .xlsx, JSON, and a self-contained HTML page the authority can publish (the s45 Code's
figures are meant for its website). Linked from the Statistics page."""

from __future__ import annotations

import json

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from casework.today import today
from dashboard.deps import RegisterDep, SettingsDep
from dashboard.rendering import page
from reports.quarterly import Quarter
from reports.returns import NAMES, make, quarter_for_return
from reports.returns.writers import as_csv, as_html, as_json, as_xlsx
from runtime.errors import UserError

router = APIRouter()

DOWNLOADS = {
    "csv": ("text/csv; charset=utf-8", lambda r: as_csv(r).encode()),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", as_xlsx),
    "json": ("application/json", lambda r: (json.dumps(as_json(r), indent=2) + "\n").encode()),
    "html": ("text/html; charset=utf-8", lambda r: as_html(r).encode()),
}


def _made(name: str, quarter: str | None, settings, register):
    """The return, or the reason it cannot be made (an unknown return is None: a 404)."""
    if name not in NAMES:
        return None
    now = today(settings.alarms.timezone)
    q = quarter_for_return(quarter, now) if quarter else Quarter.containing(now)
    return make(name, register, settings.policy, now, q, s45_includes_eir=settings.s45_includes_eir)


# Plain `def`s: FastAPI runs them on its thread pool, so a return (every case evaluated) never holds up
# the event loop. The download route comes first: `/returns/s45.csv` is a download, not a return's page.
@router.get("/returns/{name}.{fmt}")
def download(
    request: Request, name: str, fmt: str, settings: SettingsDep, register: RegisterDep, quarter: str | None = None
):
    if fmt not in DOWNLOADS:
        return page(request, "unavailable.html", status_code=404, message=f"no download as .{fmt}")
    try:
        made = _made(name, quarter, settings, register)
    except UserError as exc:
        return page(request, "unavailable.html", status_code=400, message=str(exc))
    if made is None:
        return page(request, "unavailable.html", status_code=404, message=f"no return called '{name}'")
    media, write = DOWNLOADS[fmt]
    return Response(
        write(made),
        media_type=media,
        headers={"Content-Disposition": f'attachment; filename="{name}-{made.quarter}.{fmt}"'},
    )


@router.get("/returns/{name}", response_class=HTMLResponse)
def shown(request: Request, name: str, settings: SettingsDep, register: RegisterDep, quarter: str | None = None):
    try:
        made = _made(name, quarter, settings, register)
    except UserError as exc:
        return page(request, "unavailable.html", status_code=400, message=str(exc))
    if made is None:
        return page(request, "unavailable.html", status_code=404, message=f"no return called '{name}'")
    return page(request, "return.html", r=made, previous=made.quarter.previous, names=NAMES)
