"""The calculator: JSON case in, JSON evaluation (or an explanation) out, with no server (`starter.py calc`,
declared in `cli.calc`). Other tools rely on the contract's names; `show --json` prints the same keys
for a running case.
"""

from __future__ import annotations

import json
from datetime import date

from pydantic import BaseModel, ConfigDict, ValidationError, field_validator

from casework.dates import case_dates
from casework.inputs import in_range, parse_json
from casework.today import today
from rules import Case, Event, ProclaimedDay, Regime, evaluate
from rules.bank_holidays import calendar_covering
from rules.categories import NON_SCHOOL_DAY, Category
from rules.engine import Derivation, Finding
from rules.explain import render
from rules.policy import Nation
from runtime.errors import UserError, one_line_validation_error
from settings import get_settings


class CalcRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    regime: Regime
    received: date
    as_of: date | None = None
    events: list[Event] = []
    extra_non_working_days: list[ProclaimedDay] = []
    nation: Nation | None = None
    """Subject access only: the controller's nation (default: the `nation` policy)."""
    category: Category = Category.standard
    """FOIA only: the Time for Compliance Regulations' category (`standard`, `school`, `archives`)."""
    non_school_days: list[date] = []
    """A `school` case: the days that are not school days at the school (SI 2004/3364 reg 3(3))."""

    @field_validator("extra_non_working_days", mode="before")
    @classmethod
    def _dates_or_objects(cls, value):
        if isinstance(value, list):
            return [{"on": v} if isinstance(v, str) else v for v in value]
        return value


def parse_request(text: str) -> CalcRequest:
    data = parse_json(text, "input")
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
    for d in req.non_school_days:
        in_range(d, "non_school_days")
    return req


def run(text: str, explain: bool = False) -> str:
    req = parse_request(text)
    settings = get_settings()
    policy = settings.policy.model_copy(update={"nation": req.nation}) if req.nation else settings.policy
    case = Case(regime=req.regime, received=req.received, events=req.events, category=req.category)
    as_of = req.as_of or today(settings.alarms.timezone)
    school = [ProclaimedDay(on=d, name="Not a school day", region=NON_SCHOOL_DAY) for d in req.non_school_days]
    extra = [*req.extra_non_working_days, *school]
    dates = (*case_dates(case, as_of), *(p.on for p in extra))
    cal = calendar_covering(req.regime, *dates, proclaimed=extra, nation=policy.nation)
    trace: list[Derivation | Finding] = []
    ev = evaluate(case, cal, as_of, policy, trace)
    if explain:
        return render(case, ev, trace, cal)
    return json.dumps(ev.model_dump(mode="json"), indent=2)
