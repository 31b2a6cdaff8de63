"""The triage page: the mailbox's health (the watch's last line), the requests awaiting triage with the
regime each seems to be under and how long its clock has run, and the replies threaded to cases but not
yet recorded. Read from the register; starting a case from one is `starter.py new --from-intake ID`."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from casework.today import today
from dashboard.deps import RegisterDep, SettingsDep
from dashboard.rendering import page
from register.intake import AWAITING, THREADED

router = APIRouter()


@router.get("/triage", response_class=HTMLResponse)
async def triage(request: Request, register: RegisterDep, settings: SettingsDep):
    return page(
        request,
        "triage.html",
        today=today(settings.alarms.timezone),
        health=register.intake_healths(),
        waiting=register.intake_messages(status=AWAITING),
        replies=[r for r in register.intake_messages(status=THREADED) if r.used_for is None],
    )
