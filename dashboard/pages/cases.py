"""The case page: one case's live view (its workflow's query), what to do next, every deadline's derivation,
its alerts with their delivery state, and its audit trail (who did what, when and why).
Every date comes from the workflows' evaluations or from `rules/`; none is computed here."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from casework import cases
from casework.history import UNKNOWN, trail
from casework.intake import offered
from dashboard.deps import RegisterDep, SettingsDep, TemporalDep
from dashboard.pages.letters import letter_url
from dashboard.rendering import page
from letters import available
from register.intake import THREADED
from rules import Case, Derivation, Finding, evaluate
from rules.bank_holidays import calendar_covering
from rules.explain import explain_derivation, in_force, render
from rules.next_step import next_step
from rules.regimes import REGIMES

router = APIRouter()


@router.get("/case/{ref:path}", response_class=HTMLResponse)
async def case(request: Request, ref: str, client: TemporalDep, settings: SettingsDep, register: RegisterDep):
    v = await cases.view(client, settings, ref)
    ev = v.evaluation
    the_case = Case(regime=ev.regime, received=ev.received, category=v.category, events=v.events)
    cal = calendar_covering(
        ev.regime, ev.received, ev.as_of, proclaimed=register.proclaimed(), nation=settings.policy.nation
    )
    trace: list[Derivation | Finding] = []
    if not v.attention:  # a case needing attention has no derivation under today's calendar: it says why
        evaluate(the_case, cal, ev.as_of, settings.policy, trace)
    cites = REGIMES[ev.regime].cites
    deadlines = [explain_derivation(d, cal, cites.get(d.label, "")) for d in in_force(trace)]
    return page(
        request,
        "case.html",
        view=v,
        ev=ev,
        deadlines=deadlines,
        account=render(the_case, ev, trace, cal),
        next_step=next_step(ev, cal),
        alerts=register.notifications(ref=ref),
        letters=[(kind.replace("_", " "), letter_url(kind, v.ref)) for kind in available(v.events)],
        history=trail(register, v.ref),
        replies=register.intake_messages(status=THREADED, ref=v.ref),
        reply_event=offered(ev.stage.value),
        unknown=UNKNOWN,
        publication=register.publication(v.ref),
    )
