"""The calculator contract: JSON case in, JSON evaluation (or an explanation) out.

Other tools rely on these names; `show --json` prints the same keys for a running case.
"""

from __future__ import annotations

import json
from datetime import date

from pydantic import BaseModel, ConfigDict, ValidationError, field_validator

from foi.errors import UserError, one_line_validation_error
from foi.inputs import in_range
from foi.today import today
from rules import Case, Event, ProclaimedDay, Regime, evaluate
from rules.bank_holidays import calendar_covering
from rules.engine import Derivation
from rules.explain import render
from settings import get_settings


class CalcRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    regime: Regime
    received: date
    as_of: date | None = None
    events: list[Event] = []
    extra_non_working_days: list[ProclaimedDay] = []

    @field_validator("extra_non_working_days", mode="before")
    @classmethod
    def _dates_or_objects(cls, value):
        if isinstance(value, list):
            return [{"on": v} if isinstance(v, str) else v for v in value]
        return value


def parse_request(text: str) -> CalcRequest:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise UserError(f"not JSON: {exc.msg} at line {exc.lineno} column {exc.colno}") from None
    if not isinstance(data, dict):
        raise UserError("expected a JSON object with regime, received and events")
    try:
        req = CalcRequest.model_validate(data)
    except ValidationError as exc:
        raise UserError(one_line_validation_error(exc)) from None
    in_range(req.received, "received")
    if req.as_of:
        in_range(req.as_of, "as_of")
    for e in req.events:
        in_range(e.on, str(e.type))
        if e.until:
            in_range(e.until, f"{e.type} until")
    for p in req.extra_non_working_days:
        in_range(p.on, "extra_non_working_days")
    return req


def case_dates(case: Case, *more: date | None) -> list[date | None]:
    return [case.received, *more, *(e.on for e in case.events), *(e.until for e in case.events)]


def run(text: str, explain: bool = False) -> str:
    req = parse_request(text)
    settings = get_settings()
    case = Case(regime=req.regime, received=req.received, events=req.events)
    as_of = req.as_of or today(settings.alarms.timezone)
    extra = req.extra_non_working_days
    cal = calendar_covering(req.regime, *case_dates(case, as_of), *(p.on for p in extra), proclaimed=extra)
    trace: list[Derivation] = []
    ev = evaluate(case, cal, as_of, settings.policy, trace)
    if explain:
        return render(case, ev, trace, cal)
    return json.dumps(ev.model_dump(mode="json"), indent=2)
