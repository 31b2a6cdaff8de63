"""The managers' lists: overdue now (the front page), due soon, all open cases. Each is one SQL query on
the register (`casework.lists`), with filters, search, sortable columns, 50 cases a page and the counts by
officer on top; the whole state is in the query string. No Temporal and no JavaScript."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from casework.lists import choices, listing, query_for, unalerted_cases
from dashboard.deps import RegisterDep, SettingsDep
from dashboard.list_params import ListParams
from dashboard.rendering import page
from register.caseload import ANY_TEAM
from rules import Regime, Stage
from runtime.errors import UserError

router = APIRouter()

LISTS = {
    "overdue": ("/", "Overdue now", "overdue"),
    "due_soon": ("/due-soon", "Due soon", "due"),
    "open": ("/open", "All open cases", "due"),
}


def _list_page(request: Request, register, settings, view: str):
    path, title, default_sort = LISTS[view]
    try:
        params = ListParams.read(path, dict(request.query_params), default_sort)
    except UserError as exc:  # a mistyped or edited link: say what is wrong with it
        return page(request, "unavailable.html", status_code=400, message=str(exc))
    found = listing(register, settings, query_for(register, settings, view, **params.filters()))
    officers, managers = choices(register)
    return page(
        request,
        "caseload.html",
        title=title,
        view=view,
        listing=found,
        params=params,
        officers=officers,
        managers=managers,
        teams=[t.name for t in register.teams()],
        any_team=ANY_TEAM,
        regimes=list(Regime),
        stages=[s for s in Stage if s is not Stage.closed],
        window=settings.due_soon_working_days,
        stuck=register.needing_attention() if view == "overdue" else [],
        unalerted=unalerted_cases(register, settings) if view == "overdue" else [],
    )


@router.get("/", response_class=HTMLResponse)
def overdue(request: Request, register: RegisterDep, settings: SettingsDep):
    return _list_page(request, register, settings, "overdue")


@router.get("/due-soon", response_class=HTMLResponse)
def due_soon(request: Request, register: RegisterDep, settings: SettingsDep):
    return _list_page(request, register, settings, "due_soon")


@router.get("/open", response_class=HTMLResponse)
def open_cases(request: Request, register: RegisterDep, settings: SettingsDep):
    return _list_page(request, register, settings, "open")
