"""What to do next on a case, in one line, from its evaluation: the sentence the case page opens with.

Every date in it is the engine's; this module only chooses the words and counts working days left or
overdue on the regime's calendar (`rules.standing`).
"""

from __future__ import annotations

from rules.calendar import Calendar
from rules.explain import day
from rules.models import Evaluation, Stage
from rules.outcomes import ClosedReason
from rules.standing import working_days_left

WAITING_FOR = {
    Stage.awaiting_clarification: "the requester's clarification",
    Stage.awaiting_fee: "the fee",
    Stage.awaiting_identity: "proof of the requester's identity",
}
CLOSED_BECAUSE = {
    ClosedReason.responded: "responded",
    ClosedReason.review_window_ended: "no internal review was asked for in time",
    ClosedReason.review_completed: "internal review completed",
    ClosedReason.withdrawn: "withdrawn",
    ClosedReason.lapsed_clarification: "lapsed: no clarification arrived",
    ClosedReason.lapsed_fee: "lapsed: the fee was not paid",
    ClosedReason.lapsed_identity: "lapsed: no proof of identity arrived",
    ClosedReason.complied: "the decision notice's steps were taken",
    ClosedReason.regulator_decided: "the regulator decided; no steps were required",
    ClosedReason.appeal_decided: "the appeal was decided; no steps remain",
}


def _days(n: int) -> str:
    return f"{n} working day{'' if n == 1 else 's'}"


def _left(cal: Calendar, ev: Evaluation, due) -> str:
    n = working_days_left(cal, ev.as_of, due)
    return "due today" if n == 0 else f"{_days(n)} left"


def next_step(ev: Evaluation, cal: Calendar) -> str:
    """One line saying what the case officer should do next, as of `ev.as_of`."""
    stage = ev.stage
    if stage is Stage.awaiting_response:
        if ev.overdue:
            return (
                f"Respond now: the response was due {day(ev.response_due)} ({_days(ev.working_days_overdue)} overdue)"
            )
        extended = ", extended" if ev.extended_until else ""
        return f"Respond by {day(ev.response_due)} ({_left(cal, ev, ev.response_due)}{extended})"
    if stage in WAITING_FOR:
        return f"Wait for {WAITING_FOR[stage]}; the request lapses after {day(ev.lapses_after)}"
    if stage is Stage.review_window:
        return f"Responded; the requester may ask for an internal review until {day(ev.review_request_deadline)}"
    if stage is Stage.in_review:
        owed = ""
        if ev.responded_on is None:
            owed = (
                f"Respond now ({_days(ev.working_days_overdue)} overdue) and c"
                if ev.overdue
                else f"Respond by {day(ev.response_due)} and c"
            )
        verb = f"{owed}omplete" if owed else "Complete"
        if ev.review_overdue:
            return (
                f"{verb} the internal review now: its target was {day(ev.review_due)} "
                f"({_days(ev.review_working_days_overdue)} overdue; at the latest {day(ev.review_latest_due)})"
            )
        return f"{verb} the internal review by {day(ev.review_due)} (target)"
    if stage is Stage.with_regulator:
        return f"With the regulator since {day(ev.complaint_received_on)}; record its decision notice when it comes"
    if stage is Stage.steps_required:
        if ev.steps_overdue:
            return (
                f"Take the decision notice's steps now: they were due {day(ev.steps_due)} "
                f"({_days(ev.steps_working_days_overdue)} overdue)"
            )
        return f"Take the decision notice's steps by {day(ev.steps_due)} ({_left(cal, ev, ev.steps_due)})"
    if stage is Stage.appeal_window:
        return f"Decided with no steps; either party may appeal to {ev.appeal_to} until {day(ev.appeal_deadline)}"
    if stage is Stage.under_appeal:
        return f"Under appeal since {day(ev.appealed_on)}; the steps wait for the appeal's decision"
    if ev.complaint_deadline and ev.as_of <= ev.complaint_deadline:
        return f"Closed; the requester may complain to {ev.complaint_to} until {day(ev.complaint_deadline)}"
    return f"Closed ({CLOSED_BECAUSE.get(ev.closed_reason, 'closed')}); nothing more to do"
