"""Whether an alarm already sent was wrong, by the history now known, and why: the ground for a correction.

An alarm states a fact about the day it falls due (`alarm.on`): a response or review is owed, due by
`alarm.deadline`, and has not been given. Events can be recorded after the alarm went but dated before
that day: a response sent in time and recorded later, a clarification or extension recorded late. The
alarm was wrong when the history dated before its day no longer calls for it: evaluated as of that day,
the case raises no alarm of that kind with that deadline. An event dated on or after the alarm's day
cannot make it wrong (a response sent the day after the due date was late, as the alarm said).
"""

from __future__ import annotations

from rules.alarms import Alarm, AlarmPolicy, alarms_for
from rules.calendar import Calendar, CalendarRangeError
from rules.clearance import CLEARANCE
from rules.engine import evaluate
from rules.explain import day
from rules.models import Case, Evaluation, Event, EventType, RuleViolation
from rules.policy import Policy


def contradiction(
    alarm: Alarm,
    case: Case,
    cal: Calendar,
    policy: Policy,
    alarm_policy: AlarmPolicy,
    since: list[Event],
    now: Evaluation,
    revised: list[str] = (),
) -> str | None:
    """Why the history now known shows `alarm` was wrong, or None when it stands. `since` are the events
    of `case.events` recorded after the alarm was sent, and `revised` the corrections made since (a void
    or an amendment, as told): the reason names those that undo it; `now` is the case's evaluation today
    (it says whether a response recorded late in this way was in time)."""
    before = [e for e in case.events if e.on < alarm.on]
    try:
        then = evaluate(case.model_copy(update={"events": before}), cal, alarm.on, policy)
    except (RuleViolation, CalendarRangeError):
        return None  # a history that no longer fits is the needs-attention path's to report
    if any(a.kind == alarm.kind and a.deadline == alarm.deadline for a in alarms_for(then, cal, alarm_policy)):
        return None
    told = [
        *revised,
        *(_told(e, now.response_timeliness) for e in since if e.on < alarm.on and e.type not in CLEARANCE),
    ]
    return "; ".join(told) if told else "its dates were worked out again on the calendar now known"


TOLD = {
    EventType.clarification_requested: "clarification was asked for on {on}: the clock starts afresh when it arrives",
    EventType.clarification_received: "the clarification was recorded as received on {on}",
    EventType.fee_notice_issued: "a fees notice was recorded as given on {on}",
    EventType.fee_paid: "the fee was recorded as paid on {on}",
    EventType.identity_requested: "identity information was asked for on {on}",
    EventType.identity_received: "identity information was recorded as received on {on}",
    EventType.withdrawn: "the request was recorded as withdrawn on {on}",
    EventType.review_requested: "an internal review was recorded as asked for on {on}",
    EventType.review_completed: "the internal review was recorded as completed on {on}",
}
TIMELINESS = {"in_time": "in time", "within_extension": "within the extension", "late": "late"}


def _told(e: Event, timeliness) -> str:
    on = day(e.on)
    if e.type is EventType.responded:
        return f"the response was recorded as sent on {on}" + (f", {TIMELINESS[timeliness]}" if timeliness else "")
    if e.type is EventType.extended:
        return f"an extension{f' to {day(e.until)}' if e.until else ''} was recorded, notified on {on}"
    return TOLD[e.type].format(on=on)
