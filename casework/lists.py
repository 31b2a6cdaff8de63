"""The managers' lists, read from the register (the read model the workflows keep current): overdue
now, due soon, all open cases, each a page of one SQL query with the counts by officer. The working days
overdue or left are counted here for today on each regime's calendar (`rules.standing`), from the dates
the workflows recorded; nothing else is computed. No Temporal: a list never queries a workflow.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta

from sqlalchemy import Row

from casework.addresses import no_one_to_alert, roles_without_default
from casework.today import today
from register import Register
from register.caseload import Caseload, counts_by_officer, officers_and_managers, page_of
from register.store import AttentionRow
from rules import Calendar, Regime
from rules.bank_holidays import calendar_covering
from rules.standing import working_days_left, working_days_overdue
from settings import Settings


@dataclass(frozen=True)
class ListedCase:
    ref: str
    regime: str
    stage: str
    subject: str | None
    officer: str | None
    manager: str | None
    received: date
    running_due: date | None
    overdue_after: date | None
    response_due: date | None  # while a response is owed
    review_due: date | None  # while the internal review runs
    draft_due: date | None  # the internal draft deadline, while the draft is owed (rules/drafts.py)
    draft_late: bool  # its day has passed (the draft is owed still)
    working_days_overdue: int
    working_days_left: int | None
    next_alarm_on: date | None
    next_alarm_kind: str | None
    last_event_type: str | None
    last_event_on: date | None
    awaiting_clearance: str | None = None  # the approving team, while clearance is pending (rules/clearance.py)
    clearance_returned: bool = False  # returned by it: the officer's move

    def as_json(self) -> dict:
        return {k: (v.isoformat() if isinstance(v, date) else v) for k, v in self.__dict__.items()}


@dataclass(frozen=True)
class Listing:
    query: Caseload
    cases: list[ListedCase]
    total: int
    by_officer: list[tuple[str | None, int]]

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.query.per_page))


class Calendars:
    """Each regime's calendar around today, with the register's proclaimed days (built once a request)."""

    def __init__(self, register: Register, settings: Settings, now: date):
        self.proclaimed, self.nation, self.now = register.proclaimed(), settings.policy.nation, now
        self._by_regime: dict[str, Calendar] = {}

    def __call__(self, regime: str, *days: date | None) -> Calendar:
        cal = self._by_regime.get(regime)
        if cal is None or not all(d is None or cal.years[0] <= d.year <= cal.years[1] for d in days):
            cal = calendar_covering(Regime(regime), self.now, *days, proclaimed=self.proclaimed, nation=self.nation)
            self._by_regime[regime] = cal
        return cal


def due_before(calendars: Calendars, now: date, working_days: int) -> dict[str, date]:
    """Per regime, the day after the last working day of the due-soon window (the range's open end)."""
    return {r.value: calendars(r.value).add_working_days(now, working_days) + timedelta(days=1) for r in Regime}


def query_for(register: Register, settings: Settings, view: str, now: date | None = None, **filters) -> Caseload:
    now = now or today(settings.alarms.timezone)
    ends = (
        due_before(Calendars(register, settings, now), now, settings.due_soon_working_days)
        if view == "due_soon"
        else {}
    )
    return Caseload(view=view, today=now, due_before=ends, per_page=settings.page_size, **filters)


def listing(register: Register, settings: Settings, q: Caseload, with_counts: bool = True) -> Listing:
    calendars = Calendars(register, settings, q.today)
    with register.session() as s:
        rows, total = page_of(s, q)
        by_officer = counts_by_officer(s, q) if with_counts else []
    return Listing(query=q, cases=[_listed(r, q.today, calendars) for r in rows], total=total, by_officer=by_officer)


def everything(register: Register, settings: Settings, q: Caseload) -> list[ListedCase]:
    """Every row of the list, unpaged (the command line's `overdue`)."""
    return listing(register, settings, replace(q, page=1, per_page=10**9), with_counts=False).cases


def choices(register: Register) -> tuple[list[str], list[str]]:
    with register.session() as s:
        return officers_and_managers(s)


def _listed(r: Row, now: date, calendars: Calendars) -> ListedCase:
    cal = calendars(r.regime, r.overdue_after, r.running_due)
    return ListedCase(
        ref=r.ref,
        regime=r.regime,
        stage=r.stage,
        subject=r.subject,
        officer=r.officer,
        manager=r.manager,
        received=r.received,
        running_due=r.running_due,
        overdue_after=r.overdue_after,
        response_due=r.response_owed_by,
        review_due=r.review_target,
        draft_due=r.draft_due,
        draft_late=r.draft_due is not None and r.draft_due < now,
        working_days_overdue=working_days_overdue(cal, now, r.response_owed_by, r.review_target),
        working_days_left=working_days_left(cal, now, r.running_due),
        next_alarm_on=r.next_alarm_on,
        next_alarm_kind=r.next_alarm_kind,
        last_event_type=r.last_event_type,
        last_event_on=r.last_event_on,
        awaiting_clearance=r.clearance_team,
        clearance_returned=r.clearance_step == "returned",
    )


def needing_attention(settings: Settings) -> list[AttentionRow]:
    """Running cases whose history no longer fits the law as now known (their workflows keep the last
    good dates and say why): shown beside the overdue list so nothing is skipped unseen."""
    return Register(settings.register_url).needing_attention()


def unalerted_cases(register: Register, settings: Settings) -> list[tuple[str, list[str]]]:
    """Open cases whose alarms for a role go nowhere (no address and no default), with those roles."""
    roles = roles_without_default(settings)
    return [(c.ref, no_one_to_alert(c, settings)) for c in register.open_cases_without(roles)]
