"""The managers' lists as SQL on the register's `cases` table: one query for a page of rows (with the
total of matching rows alongside), one for the counts by officer. Portable SQL (SQLite, PostgreSQL).

A `Caseload` names the list (`view`: `overdue`, `due_soon` or `open`), the day it is for, the filters, the search,
the sort and the page. Due soon is a half-open range per regime: due on or after today and before the
day after the window's last working day, so a case due on that last day is in it.

Every row carries the clearance pending on the case (`clearance_team`, the approving team, and
`clearance_step`: `flag_for_clearance` while the team has the answer, `returned` when it is the officer's
move), read from the events recorded (`events`, `event_clearance`) as rules/clearance.py `pending` reads a
history: the latest clearance event or answer not voided is a flag or a return. The `clearance` filter keeps
the cases pending with one approving team, or with any (`ANY_TEAM`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Literal

from sqlalchemy import Row, and_, func, or_, select
from sqlalchemy.orm import Session

from register.clearance import EventClearanceRow
from register.store import CaseRow, EventRow
from rules.clearance import ANSWERS, CLEARANCE
from rules.vocabulary import EventType

ListName = Literal["overdue", "due_soon", "open"]
SORTS = {
    "due": CaseRow.running_due,
    "draft": CaseRow.draft_due,
    "overdue": CaseRow.overdue_after,
    "ref": CaseRow.ref,
    "received": CaseRow.received,
    "regime": CaseRow.regime,
    "stage": CaseRow.stage,
    "officer": CaseRow.officer,
    "subject": CaseRow.subject,
    "last_event": CaseRow.last_event_on,
    "next_alarm": CaseRow.next_alarm_on,
}
FILTERS = ("officer", "manager", "regime", "stage", "team")
ANY_TEAM = "*"
"""The `clearance` filter's value for clearance pending with any approving team."""
LISTED = [
    c
    for c in CaseRow.__table__.columns
    if c.name not in ("evaluation", "requester_name", "requester_email", "started_at", "updated_at")
]
"""What a list shows of a case: everything but the evaluation document and the requester's personal data."""


@dataclass(frozen=True)
class Caseload:
    view: ListName
    today: date
    due_before: dict[str, date] = field(default_factory=dict)
    """Due soon only: per regime, the day after the window's last working day (exclusive bound)."""
    officer: str | None = None
    manager: str | None = None
    regime: str | None = None
    stage: str | None = None
    team: str | None = None
    clearance: str | None = None
    """Only the cases whose clearance is pending with this approving team (`ANY_TEAM`: with any)."""
    search: str | None = None
    sort: str = "due"
    descending: bool = False
    page: int = 1
    per_page: int = 50


def _awaiting_clearance():
    """Per case with clearance pending: its approving team and step (a subquery: ref, team, step)."""
    live = EventRow.voided_at.is_(None)
    turns = [t.value for t in CLEARANCE | ANSWERS]
    flag = EventType.flag_for_clearance.value
    last = (
        select(EventRow.ref, func.max(EventRow.seq).label("seq"))
        .where(live, EventRow.type.in_(turns))
        .group_by(EventRow.ref)
        .subquery("last_turn")
    )
    flagged = (
        select(EventRow.ref, func.max(EventRow.seq).label("seq"))
        .where(live, EventRow.type == flag)
        .group_by(EventRow.ref)
        .subquery("last_flag")
    )
    return (
        select(EventRow.ref.label("ref"), EventClearanceRow.team.label("team"), EventRow.type.label("step"))
        .join(last, and_(last.c.ref == EventRow.ref, last.c.seq == EventRow.seq))
        .join(flagged, flagged.c.ref == EventRow.ref)
        .join(EventClearanceRow, and_(EventClearanceRow.ref == EventRow.ref, EventClearanceRow.seq == flagged.c.seq))
        .where(EventRow.type.in_([flag, EventType.returned.value]))
        .subquery("awaiting_clearance")
    )


def _conditions(q: Caseload, awaiting) -> list:
    where = [CaseRow.stage != "closed"]
    if q.view == "overdue":
        where.append(CaseRow.overdue_after < q.today)
    elif q.view == "due_soon":
        where.append(CaseRow.running_due >= q.today)
        where.append(or_(*(and_(CaseRow.regime == r, CaseRow.running_due < end) for r, end in q.due_before.items())))
    for name in FILTERS:
        value = getattr(q, name)
        if value:
            where.append(getattr(CaseRow, name) == value)
    if q.clearance:
        where.append(awaiting.c.team.is_not(None) if q.clearance == ANY_TEAM else awaiting.c.team == q.clearance)
    if q.search:  # a substring, case-insensitive; % and _ are searched for as themselves
        text = q.search.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        needle = f"%{text}%"
        where.append(
            or_(
                func.lower(CaseRow.ref).like(needle, escape="\\"),
                func.lower(CaseRow.subject).like(needle, escape="\\"),
            )
        )
    return where


def page_of(session: Session, q: Caseload) -> tuple[list[Row], int]:
    """One page of the list's rows (plain rows of `LISTED` columns, no ORM objects: thousands load fast),
    and how many rows match in all (a window count: one query)."""
    column = SORTS.get(q.sort, CaseRow.running_due)
    order = column.desc() if q.descending else column.asc()
    awaiting = _awaiting_clearance()
    clearance = (awaiting.c.team.label("clearance_team"), awaiting.c.step.label("clearance_step"))
    stmt = (
        select(*LISTED, *clearance, func.count().over().label("total"))
        .select_from(CaseRow)
        .outerjoin(awaiting, awaiting.c.ref == CaseRow.ref)
        .where(*_conditions(q, awaiting))
        .order_by(order.nulls_last(), CaseRow.ref)
        .limit(q.per_page)
        .offset((max(q.page, 1) - 1) * q.per_page)
    )
    rows = session.execute(stmt).all()
    return rows, (rows[0].total if rows else _count(session, q))


def _count(session: Session, q: Caseload) -> int:
    """A page past the end has no row to carry the window count."""
    if q.page <= 1:
        return 0
    awaiting = _awaiting_clearance()
    cases = select(CaseRow.ref).outerjoin(awaiting, awaiting.c.ref == CaseRow.ref).where(*_conditions(q, awaiting))
    return session.scalar(select(func.count()).select_from(cases.subquery()))


def counts_by_officer(session: Session, q: Caseload) -> list[tuple[str | None, int]]:
    """How many of the list's cases each officer holds (the officer filter left out), most first."""
    unfiltered = Caseload(**{**q.__dict__, "officer": None})
    officer = func.coalesce(CaseRow.officer, "")
    awaiting = _awaiting_clearance()
    stmt = (
        select(officer, func.count())
        .select_from(CaseRow)
        .outerjoin(awaiting, awaiting.c.ref == CaseRow.ref)
        .where(*_conditions(unfiltered, awaiting))
        .group_by(officer)
        .order_by(func.count().desc(), officer)
    )
    return [(o or None, n) for o, n in session.execute(stmt).all()]


def officers_and_managers(session: Session) -> tuple[list[str], list[str]]:
    """The officers and managers of open cases, for the filters' choices."""
    open_ = CaseRow.stage != "closed"
    officers = session.scalars(select(CaseRow.officer).where(open_, CaseRow.officer.is_not(None)).distinct())
    managers = session.scalars(select(CaseRow.manager).where(open_, CaseRow.manager.is_not(None)).distinct())
    return sorted(officers), sorted(managers)
