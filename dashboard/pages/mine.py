"""My cases: an officer's landing page — their own open cases, most urgent first (the running
deadline soonest, so the most overdue at the top), each with its next step. Managers keep the team
lists (`dashboard/pages/lists.py`). One query on the register, like the lists; no Temporal."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from casework.lists import everything, query_for
from dashboard.deps import RegisterDep, SettingsDep
from dashboard.forms import actor
from dashboard.rendering import page

router = APIRouter()

WAITING = {
    "awaiting_clarification": "Wait for the requester's clarification",
    "awaiting_fee": "Wait for the fee to be paid",
    "awaiting_identity": "Wait for the requester's identity information",
    "review_window": "Answered: nothing to do unless a review is asked for",
}


def next_step(case) -> str:
    """What the officer does next on a listed case, from the dates the workflow recorded."""
    if case.working_days_overdue:
        doing = "Complete the internal review" if case.stage == "in_review" else "Respond"
        return f"{doing} now: overdue by {case.working_days_overdue} working days"
    if case.stage == "in_review":
        return "Complete the internal review"
    if case.stage == "awaiting_response":
        return "Respond"
    return WAITING.get(case.stage, case.stage.replace("_", " "))


@router.get("/my-cases", response_class=HTMLResponse)
def my_cases(request: Request, register: RegisterDep, settings: SettingsDep):
    who = actor(request)
    mine = everything(register, settings, query_for(register, settings, "open", officer=who.id, sort="due"))
    return page(request, "my_cases.html", cases=[(c, next_step(c)) for c in mine])
