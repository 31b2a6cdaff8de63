"""Which alarms a case's current evaluation calls for, and on which day each falls.

Reminders and escalations fall on working days; `lapsed` on the day the request lapses.

The workflow asks `alarms_for` after every change and waits for the next one; it never works out a
date itself. Alarms are identified by (kind, on): a moved deadline gives a new alarm, a replayed one
the same.
"""

from __future__ import annotations

from datetime import date, time
from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from rules.calendar import Calendar
from rules.models import Evaluation, Stage
from rules.outcomes import LAPSED

Role = Literal["officer", "manager", "approver"]
"""`approver`: the active members of the team a case awaits clearance from (rules/clearance.py)."""
Delivery = Literal["immediate", "digest"]


class AlarmKind(StrEnum):
    """In increasing severity: when several are due at once only the most severe is sent."""

    # Clearance's internal deadlines (rules/clearance.py): delivered on their own, never in place of a statutory alarm
    clearance_reminder = "clearance_reminder"  # to the approving team, on the day clearance is due
    resubmission_reminder = "resubmission_reminder"  # to the officer, on the day a returned answer is due back
    clearance_overdue = "clearance_overdue"  # to the approving team and the manager
    resubmission_overdue = "resubmission_overdue"  # to the officer and the manager
    draft_reminder = "draft_reminder"  # the internal draft deadline, to the officer (rules/drafts.py)
    response_reminder = "response_reminder"
    review_reminder = "review_reminder"
    steps_reminder = "steps_reminder"  # a decision notice's steps, due soon
    draft_late = "draft_late"  # the draft not done by its internal deadline: to the managers, in their digest
    lapsed = "lapsed"
    response_overdue = "response_overdue"
    review_overdue = "review_overdue"
    steps_overdue = "steps_overdue"  # a decision notice's steps not taken by their date
    response_seriously_overdue = "response_seriously_overdue"
    review_limit_exceeded = "review_limit_exceeded"
    needs_attention = "needs_attention"
    """Not from `alarms_for`: the workflow raises it when a case's history stops fitting the law."""


SEVERITY = {kind: rank for rank, kind in enumerate(AlarmKind)}


class AlarmPolicy(BaseModel):
    """When alarms fire: operational choices, each a setting (prefix `FOI_ALARMS__`)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    response_reminder_days: int = Field(5, ge=0, description="Working days before the response is due.")
    review_reminder_days: int = Field(5, ge=0, description="Working days before the review target.")
    seriously_overdue_days: int = Field(20, ge=1, description="Working days after the due date.")
    at: time = Field(time(9, 0), description="Local time of day at which alarms fire (HH:MM).")
    timezone: str = Field("Europe/London", description="Time zone of the alarm time and of 'today'.")
    catch_up_grace_minutes: int = Field(
        15,
        ge=0,
        description="A case started back-dated with its history still to be recorded holds the alarms already "
        "due for this long, so that history recorded right after `new` is taken into account.",
    )
    officer_delivery: Delivery = Field("immediate", description="Officers' alarms: each at once, or a daily digest.")
    manager_delivery: Delivery = Field("digest", description="Managers' alarms: each at once, or a daily digest.")
    digest_delay_minutes: int = Field(
        15,
        ge=0,
        le=600,
        description="The daily digest goes this long after the alarm time, so it holds that day's alarms.",
    )

    draft_alarms: bool = Field(
        True,
        description="The internal draft deadline raises alarms (the officer's reminders, a late draft to the "
        "managers); false: the draft date is only shown (rules/drafts.py).",
    )
    draft_reminder_days: int = Field(
        2, ge=0, description="Working days before the internal draft deadline that the officer is reminded."
    )
    draft_late_delivery: Delivery = Field(
        "digest", description="A late draft reaches the managers in their daily digest (or at once: immediate)."
    )

    def delivery(self, role: Role, kind: str | None = None) -> Delivery:
        """A late draft goes as `draft_late_delivery` says; an approving team's alarms go as an officer's do:
        each asks its recipients to act."""
        if kind == AlarmKind.draft_late:
            return self.draft_late_delivery
        return self.officer_delivery if role in ("officer", "approver") else self.manager_delivery

    def digest_only(self, alarm: Alarm) -> bool:
        """Every recipient of this alarm takes it in a digest: delivering it is only queueing it."""
        return all(self.delivery(role, alarm.kind) == "digest" for role in alarm.to)


class Alarm(BaseModel):
    model_config = ConfigDict(frozen=True)

    kind: AlarmKind
    on: date
    to: tuple[Role, ...]
    deadline: date | None = None

    @property
    def key(self) -> str:
        return f"{self.kind}:{self.on.isoformat()}"


def _on_or_before(cal: Calendar, day: date) -> date:
    return day if cal.is_working_day(day) else cal.add_working_days(day, -1)


def alarms_for(ev: Evaluation, cal: Calendar, policy: AlarmPolicy) -> list[Alarm]:
    """Every alarm the current stage calls for, past or future, in date order."""
    out: list[Alarm] = []
    response_owed = ev.stage is Stage.awaiting_response or (ev.stage is Stage.in_review and ev.responded_on is None)
    if response_owed:  # also while a review of the failure to respond runs: the response is still owed
        due = ev.response_due
        if policy.response_reminder_days:
            first = cal.add_working_days(_on_or_before(cal, due), -policy.response_reminder_days)
            out.append(Alarm(kind=AlarmKind.response_reminder, on=first, to=("officer",), deadline=due))
        out.append(Alarm(kind=AlarmKind.response_reminder, on=_on_or_before(cal, due), to=("officer",), deadline=due))
        out.append(
            Alarm(
                kind=AlarmKind.response_overdue,
                on=cal.add_working_days(due, 1),
                to=("officer", "manager"),
                deadline=due,
            )
        )
        out.append(
            Alarm(
                kind=AlarmKind.response_seriously_overdue,
                on=cal.add_working_days(due, policy.seriously_overdue_days),
                to=("manager",),
                deadline=due,
            )
        )
    if ev.stage is Stage.in_review:
        due, limit = ev.review_due, ev.review_latest_due
        if policy.review_reminder_days:
            first = cal.add_working_days(due, -policy.review_reminder_days)
            out.append(Alarm(kind=AlarmKind.review_reminder, on=first, to=("officer",), deadline=due))
        out.append(Alarm(kind=AlarmKind.review_reminder, on=due, to=("officer",), deadline=due))
        out.append(Alarm(kind=AlarmKind.review_overdue, on=cal.add_working_days(due, 1), to=("manager",), deadline=due))
        if limit > due:
            out.append(
                Alarm(
                    kind=AlarmKind.review_limit_exceeded,
                    on=cal.add_working_days(limit, 1),
                    to=("manager",),
                    deadline=limit,
                )
            )
    elif ev.stage is Stage.steps_required:  # the regulator's steps: reminded and escalated like any deadline
        due = ev.steps_due
        last = _on_or_before(cal, due)
        if policy.response_reminder_days:
            first = cal.add_working_days(last, -policy.response_reminder_days)
            out.append(Alarm(kind=AlarmKind.steps_reminder, on=first, to=("officer",), deadline=due))
        out.append(Alarm(kind=AlarmKind.steps_reminder, on=last, to=("officer",), deadline=due))
        out.append(
            Alarm(
                kind=AlarmKind.steps_overdue, on=cal.add_working_days(due, 1), to=("officer", "manager"), deadline=due
            )
        )
    elif ev.stage is Stage.closed and ev.closed_reason in LAPSED:
        out.append(
            Alarm(kind=AlarmKind.lapsed, on=cal.on_or_after(ev.closed_on), to=("officer",), deadline=ev.lapses_after)
        )
    if policy.draft_alarms:
        out.extend(draft_alarms(ev, cal, policy))
    return sorted(out, key=lambda a: (a.on, SEVERITY[a.kind]))


DRAFT_KINDS = frozenset({AlarmKind.draft_reminder, AlarmKind.draft_late})


def draft_alarms(ev: Evaluation, cal: Calendar, policy: AlarmPolicy) -> list[Alarm]:
    """The internal draft deadline's alarms while the draft is owed: the officer's reminders (some working
    days before, and on the day) and, the working day after, "draft late" to the managers."""
    due = ev.draft_owed_by
    if due is None:
        return []
    out = []
    if policy.draft_reminder_days:
        first = cal.add_working_days(due, -policy.draft_reminder_days)
        out.append(Alarm(kind=AlarmKind.draft_reminder, on=first, to=("officer",), deadline=due))
    out.append(Alarm(kind=AlarmKind.draft_reminder, on=due, to=("officer",), deadline=due))
    out.append(Alarm(kind=AlarmKind.draft_late, on=cal.add_working_days(due, 1), to=("manager",), deadline=due))
    return out


def most_severe(alarms: list[Alarm]) -> Alarm:
    return max(alarms, key=lambda a: (SEVERITY[a.kind], a.on))
