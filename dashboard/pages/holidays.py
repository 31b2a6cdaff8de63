"""The proclaimed holidays (admins): the days recorded, a form to add one and a button to remove one
recorded by mistake. Both call `casework.holidays`, as `starter.py holiday add|remove` does, with the
signed-in admin as the actor; every running case then re-evaluates."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from pydantic import ValidationError

from casework.holidays import add_holiday, remove_holiday
from dashboard.deps import RegisterDep, TemporalDep
from dashboard.forms import Errors, actor, day, done, posted, refusal, text
from dashboard.rendering import page
from rules import ProclaimedDay
from runtime.errors import UserError, one_line_validation_error

router = APIRouter()
REGIONS = [
    ("uk", "The whole UK"),
    ("ENG", "England"),
    ("WLS", "Wales"),
    ("SCT", "Scotland"),
    ("NIR", "Northern Ireland"),
]


def _holidays_page(request, register, values, errors, status_code=200):
    return page(
        request,
        "holidays.html",
        status_code=status_code,
        days=register.proclaimed(),
        regions=REGIONS,
        values=values,
        errors=errors,
    )


@router.get("/holidays", response_class=HTMLResponse)
def holidays(request: Request, register: RegisterDep):
    actor(request, "holiday")
    return _holidays_page(request, register, {"region": "uk"}, Errors())


@router.post("/holidays", response_class=HTMLResponse)
async def holiday_added(request: Request, register: RegisterDep, client: TemporalDep):
    who = actor(request, "holiday")
    form = await posted(request)
    errors = Errors()
    on = day(form, "on", errors, "the date")
    name = text(form, "name", errors, "the holiday's name", required=True, limit=200)
    if form.get("region") not in {r for r, _ in REGIONS}:
        errors.add("region", "Choose where it is a holiday")
    if not errors:
        try:
            await add_holiday(client, register, who, ProclaimedDay(on=on, name=name, region=form["region"]))
        except ValidationError as exc:
            errors.add("on-day", one_line_validation_error(exc))
        except UserError as exc:
            refusal(errors, exc, "on-day")
        else:
            return done("/holidays")
    return _holidays_page(request, register, form, errors, status_code=400)


@router.post("/holidays/remove", response_class=HTMLResponse)
async def holiday_removed(request: Request, register: RegisterDep, client: TemporalDep):
    who = actor(request, "holiday")
    form = await posted(request)
    found = [p for p in register.proclaimed() if p.on.isoformat() == form.get("on") and p.region == form.get("region")]
    errors = Errors()
    if not found:
        errors.add("on-day", f"{form.get('on', '')} ({form.get('region', '')}) is not a recorded proclaimed day")
    else:
        try:
            await remove_holiday(client, register, who, found[0])
        except UserError as exc:
            refusal(errors, exc, "on-day")
        else:
            return done("/holidays")
    return _holidays_page(request, register, {"region": "uk"}, errors, status_code=400)
