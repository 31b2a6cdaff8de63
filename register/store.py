"""The register: cases, their events, the outbox of notifications (register/outbox.py) and proclaimed holidays.

SQLAlchemy 2 on any URL (a SQLite file in the data dir by default). Writes are idempotent so that a
retried activity never records anything twice: events are keyed by (ref, seq), notifications by a key
derived from workflow id, alarm kind, date and recipient role, both enforced by unique constraints.
"""

from __future__ import annotations

import json
from datetime import date, datetime

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    or_,
    select,
)
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Mapped, Session, mapped_column

from register import worker_keys  # noqa: F401 - its table belongs to the register's schema
from register.audit import Audit
from register.base import Base
from register.base import now as _now
from register.clearance import EventClearanceRow, clearance_fields
from register.engine import engine_for
from register.erasure import Erasure
from register.intake import Intake
from register.outbox import Outbox
from register.people import People
from register.publications import Publications
from register.read_model import read_model_columns
from rules import Evaluation, Event, ProclaimedDay, Regime
from rules.alarms import Alarm
from rules.models import HOLIDAY_NAME_LIMIT
from rules.plain_text import control_character


class CaseRow(Base):
    __tablename__ = "cases"

    ref: Mapped[str] = mapped_column(String(64), primary_key=True)
    regime: Mapped[str] = mapped_column(String(8))
    received: Mapped[date] = mapped_column(Date)
    category: Mapped[str | None] = mapped_column(String(16))  # None: registered before categories were kept
    subject: Mapped[str | None] = mapped_column(Text)
    requester_name: Mapped[str | None] = mapped_column(Text)
    requester_email: Mapped[str | None] = mapped_column(Text)
    officer: Mapped[str | None] = mapped_column(String(320))
    manager: Mapped[str | None] = mapped_column(String(320))
    team: Mapped[str | None] = mapped_column(String(100), index=True)  # the responding team, if any
    reviewer: Mapped[str | None] = mapped_column(String(320))  # who the internal review is assigned to
    workflow_id: Mapped[str] = mapped_column(String(80))
    stage: Mapped[str] = mapped_column(String(32))
    closed_reason: Mapped[str | None] = mapped_column(String(32))
    evaluation: Mapped[dict | None] = mapped_column(JSON)
    started_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=_now)
    started_by: Mapped[str | None] = mapped_column(String(340))  # None: started before authors were kept
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=_now, onupdate=_now)
    # The read model the lists query (register/read_model.py fills them; all nullable: added to old registers)
    running_due: Mapped[date | None] = mapped_column(Date, index=True)
    response_owed_by: Mapped[date | None] = mapped_column(Date)
    review_target: Mapped[date | None] = mapped_column(Date)
    draft_due: Mapped[date | None] = mapped_column(Date)  # the internal draft deadline while the draft is owed
    overdue_after: Mapped[date | None] = mapped_column(Date, index=True)
    next_alarm_on: Mapped[date | None] = mapped_column(Date)
    next_alarm_kind: Mapped[str | None] = mapped_column(String(40))
    last_event_type: Mapped[str | None] = mapped_column(String(32))
    last_event_on: Mapped[date | None] = mapped_column(Date)

    __table_args__ = (
        Index("ix_cases_stage_regime", "stage", "regime"),
        Index("ix_cases_officer", "officer"),
        Index("ix_cases_manager", "manager"),
    )


class EventRow(Base):
    __tablename__ = "events"
    __table_args__ = (UniqueConstraint("ref", "seq"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    ref: Mapped[str] = mapped_column(String(64), index=True)
    seq: Mapped[int] = mapped_column(Integer)
    type: Mapped[str] = mapped_column(String(32))
    on: Mapped[date] = mapped_column(Date)
    outcome: Mapped[str | None] = mapped_column(String(32))
    until: Mapped[date | None] = mapped_column(Date)
    exceptional: Mapped[bool] = mapped_column(Boolean, default=False)
    recorded_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=_now)
    # Who recorded it (None: before authors were kept), and its voiding or latest amendment (the
    # audit trail, register/audit.py, keeps every version). A voided row stays; the engine skips it.
    recorded_by: Mapped[str | None] = mapped_column(String(340))
    voided_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    voided_by: Mapped[str | None] = mapped_column(String(340))
    void_reason: Mapped[str | None] = mapped_column(Text)
    amended_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    amended_by: Mapped[str | None] = mapped_column(String(340))
    amend_reason: Mapped[str | None] = mapped_column(Text)
    review_independence: Mapped[str | None] = mapped_column(String(16))  # a completed review: see RegisterEvent


class EventExemptionsRow(Base):
    """The exemptions an event cited and whether a public interest test was applied: a table of its
    own, so a register created before exemptions were recorded gains it without a migration."""

    __tablename__ = "event_exemptions"
    __table_args__ = (UniqueConstraint("ref", "seq"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    ref: Mapped[str] = mapped_column(String(64), index=True)
    seq: Mapped[int] = mapped_column(Integer)
    exemptions: Mapped[list] = mapped_column(JSON)
    public_interest_test: Mapped[bool] = mapped_column(Boolean, default=False)


class AttentionRow(Base):
    """A running case whose history no longer fits the law as now known (a proclaimed day, a changed
    policy): the workflow keeps its last good evaluation and records why here until it is fixed."""

    __tablename__ = "case_attention"

    ref: Mapped[str] = mapped_column(String(64), primary_key=True)
    reason: Mapped[str] = mapped_column(Text)
    since: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=_now)


class ProclaimedRow(Base):
    __tablename__ = "proclaimed_days"
    __table_args__ = (UniqueConstraint("on", "region"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    on: Mapped[date] = mapped_column(Date)
    name: Mapped[str] = mapped_column(Text)
    region: Mapped[str] = mapped_column(String(4), default="uk")
    added_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=_now)


def as_event(row: EventRow, cited: EventExemptionsRow | None, clearance: EventClearanceRow | None) -> Event:
    """A recorded event as the engine sees it, with the exemptions it cited and what clearance keeps of it:
    the one place a register row becomes an `Event` (one case's history, or every case's in
    register/histories.py)."""
    return Event(
        type=row.type,
        on=row.on,
        outcome=row.outcome,
        until=row.until,
        exceptional=row.exceptional,
        exemptions=cited.exemptions if cited else (),
        public_interest_test=cited.public_interest_test if cited else False,
        **clearance_fields(clearance),
    )


class Register(Outbox, People, Audit, Intake, Publications, Erasure):
    """The operations the rest of the project performs on the register, each its own transaction (the
    outbox's and digests' in register/outbox.py)."""

    def __init__(self, url: str):
        self.engine = engine_for(url)

    def session(self) -> Session:
        return Session(self.engine, expire_on_commit=False)

    # -- cases ---------------------------------------------------------------------------------

    def upsert_case(self, **fields) -> None:
        with self.session() as s, s.begin():
            row = s.get(CaseRow, fields["ref"])
            if row is None:
                s.add(CaseRow(**fields))
            else:
                for k, v in fields.items():
                    setattr(row, k, v)

    def update_case(self, ref: str, stage: str, closed_reason: str | None, evaluation: dict, **read_model) -> None:
        with self.session() as s, s.begin():
            row = s.get(CaseRow, ref)
            if row is None:
                raise LookupError(f"case {ref} is not in the register: its evaluation cannot be recorded")
            row.stage, row.closed_reason, row.evaluation = stage, closed_reason, evaluation
            for k, v in read_model.items():
                setattr(row, k, v)

    def record_evaluation(self, ref: str, ev: Evaluation, next_alarm: Alarm | None) -> None:
        """The case's latest evaluation and the read-model columns derived from it."""
        self.update_case(ref, ev.stage.value, ev.closed_reason, to_json(ev), **read_model_columns(ev, next_alarm))

    def case(self, ref: str) -> CaseRow | None:
        with self.session() as s:
            return s.get(CaseRow, ref)

    def open_cases_without(self, roles: list[str]) -> list[CaseRow]:
        """Open cases that name no one in any of these roles ("officer", "manager"), by ref."""
        if not roles:
            return []
        missing = or_(*(getattr(CaseRow, role).is_(None) for role in roles))
        q = select(CaseRow).where(CaseRow.stage != "closed", missing).order_by(CaseRow.ref)
        with self.session() as s:
            return list(s.scalars(q))

    def regimes_of(self, refs: set[str]) -> dict[str, Regime]:
        """The regime of each of these cases that the register knows."""
        with self.session() as s:
            rows = s.execute(select(CaseRow.ref, CaseRow.regime).where(CaseRow.ref.in_(sorted(refs))))
            return {ref: Regime(regime) for ref, regime in rows}

    def cases(self) -> list[CaseRow]:
        with self.session() as s:
            return list(s.scalars(select(CaseRow).order_by(CaseRow.received)))

    def record_event(
        self,
        ref: str,
        seq: int,
        e: Event,
        by: str | None = None,
        at: datetime | None = None,
        independence: str | None = None,
        clearance_override: str | None = None,
    ) -> bool:
        """Insert event number `seq` of case `ref`, recorded by `by` at `at`; False if that very event was
        already there (a retry). A different event under the same number is an error, never silently dropped."""
        try:
            with self.session() as s, s.begin():
                case = s.get(CaseRow, ref)
                if case is not None and (case.last_event_on is None or e.on >= case.last_event_on):
                    case.last_event_type, case.last_event_on = e.type.value, e.on
                s.add(
                    EventRow(
                        ref=ref,
                        seq=seq,
                        type=e.type.value,
                        on=e.on,
                        outcome=e.outcome,
                        until=e.until,
                        exceptional=e.exceptional,
                        recorded_by=by,
                        recorded_at=at or _now(),
                        review_independence=independence,
                    )
                )
                if e.exemptions or e.public_interest_test:
                    s.add(
                        EventExemptionsRow(
                            ref=ref, seq=seq, exemptions=list(e.exemptions), public_interest_test=e.public_interest_test
                        )
                    )
                if e.team or e.changes or clearance_override:
                    s.add(
                        EventClearanceRow(ref=ref, seq=seq, team=e.team, changes=e.changes, override=clearance_override)
                    )
            return True
        except IntegrityError:
            with self.session() as s:
                stored = self._event_row(s, ref, seq)
            mine = EventRow(type=e.type.value, on=e.on, outcome=e.outcome, until=e.until, exceptional=e.exceptional)
            same = ("type", "on", "outcome", "until", "exceptional")
            if any(getattr(stored, f) != getattr(mine, f) for f in same):
                raise ValueError(
                    f"event {seq} of case {ref} is already recorded as {stored.type} on {stored.on}, "
                    f"not {e.type} on {e.on}"
                ) from None
            return False

    def void_event(self, ref: str, seq: int, by: str, at: datetime, reason: str) -> None:
        """Mark event `seq` of `ref` voided (idempotent: a retry finds it voided already)."""
        with self.session() as s, s.begin():
            row = self._event_row(s, ref, seq)
            if row.voided_at is None:
                row.voided_at, row.voided_by, row.void_reason = at, by, reason
            self._refresh_last_event(s, ref)

    def amend_event(self, ref: str, seq: int, e: Event, by: str, at: datetime, reason: str) -> None:
        """Event `seq` of `ref` now reads `e` (the audit trail keeps what it read before)."""
        with self.session() as s, s.begin():
            row = self._event_row(s, ref, seq)
            row.type, row.on, row.outcome, row.until, row.exceptional = (
                e.type.value,
                e.on,
                e.outcome,
                e.until,
                e.exceptional,
            )
            row.amended_at, row.amended_by, row.amend_reason = at, by, reason
            cited = s.scalars(
                select(EventExemptionsRow).where(EventExemptionsRow.ref == ref, EventExemptionsRow.seq == seq)
            ).first()
            if cited is not None:
                cited.exemptions, cited.public_interest_test = list(e.exemptions), e.public_interest_test
            elif e.exemptions or e.public_interest_test:
                s.add(
                    EventExemptionsRow(
                        ref=ref, seq=seq, exemptions=list(e.exemptions), public_interest_test=e.public_interest_test
                    )
                )
            clearance = s.scalars(
                select(EventClearanceRow).where(EventClearanceRow.ref == ref, EventClearanceRow.seq == seq)
            ).first()
            if clearance is not None:
                clearance.team, clearance.changes = e.team, e.changes
            elif e.team or e.changes:
                s.add(EventClearanceRow(ref=ref, seq=seq, team=e.team, changes=e.changes))
            self._refresh_last_event(s, ref)

    @staticmethod
    def _event_row(s: Session, ref: str, seq: int) -> EventRow:
        row = s.scalars(select(EventRow).where(EventRow.ref == ref, EventRow.seq == seq)).first()
        if row is None:
            raise LookupError(f"event {seq} of case {ref} is not in the register")
        return row

    @staticmethod
    def _refresh_last_event(s: Session, ref: str) -> None:
        """The case row's last event, among those not voided, after a correction."""
        s.flush()
        live = select(EventRow).where(EventRow.ref == ref, EventRow.voided_at.is_(None))
        last = s.scalars(live.order_by(EventRow.on.desc(), EventRow.seq.desc())).first()
        case = s.get(CaseRow, ref)
        if case is not None:
            case.last_event_type, case.last_event_on = (last.type, last.on) if last else (None, None)

    def assign(self, ref: str, **holders: str | None) -> None:
        """The case's holders change (`officer`, `manager`, `team`, `reviewer`; None: unchanged)."""
        with self.session() as s, s.begin():
            row = s.get(CaseRow, ref)
            if row is None:
                raise LookupError(f"case {ref} is not in the register")
            for role, holder in holders.items():
                if holder is not None:
                    setattr(row, role, holder)

    def events(self, ref: str) -> list[EventRow]:
        """Every event row of a case, voided ones included, by number."""
        with self.session() as s:
            return list(s.scalars(select(EventRow).where(EventRow.ref == ref).order_by(EventRow.seq)))

    def exemptions(self, ref: str | None = None) -> dict[tuple[str, int], EventExemptionsRow]:
        """(ref, seq) -> the exemptions an event cited; every case's, or one case's."""
        q = select(EventExemptionsRow)
        if ref is not None:
            q = q.where(EventExemptionsRow.ref == ref)
        with self.session() as s:
            return {(r.ref, r.seq): r for r in s.scalars(q)}

    def clearances(self, ref: str) -> dict[int, EventClearanceRow]:
        """seq -> what the register keeps of clearance for that event of the case (register/clearance.py)."""
        with self.session() as s:
            return {r.seq: r for r in s.scalars(select(EventClearanceRow).where(EventClearanceRow.ref == ref))}

    def case_events(self, ref: str) -> list[Event]:
        """The recorded history of a case as the engine sees it: its events not voided."""
        cited = self.exemptions(ref)
        clearance = self.clearances(ref)
        return [
            as_event(r, cited.get((ref, r.seq)), clearance.get(r.seq)) for r in self.events(ref) if r.voided_at is None
        ]

    # -- cases needing attention ---------------------------------------------------------------

    def set_attention(self, ref: str, reason: str | None) -> None:
        """Record why `ref` needs attention, or (None) that it no longer does."""
        with self.session() as s, s.begin():
            row = s.get(AttentionRow, ref)
            if reason is None:
                if row is not None:
                    s.delete(row)
            elif row is None:
                s.add(AttentionRow(ref=ref, reason=reason))
            else:
                row.reason = reason

    def needing_attention(self) -> list[AttentionRow]:
        with self.session() as s:
            return list(s.scalars(select(AttentionRow).order_by(AttentionRow.since, AttentionRow.ref)))

    # -- proclaimed days -----------------------------------------------------------------------

    def add_proclaimed(self, day: ProclaimedDay) -> bool:
        try:
            with self.session() as s, s.begin():
                s.add(ProclaimedRow(on=day.on, name=day.name, region=day.region))
            return True
        except IntegrityError:
            return False

    def remove_proclaimed(self, on: date, region: str) -> bool:
        """Remove a day recorded by mistake; False if there was none."""
        with self.session() as s, s.begin():
            row = s.scalars(select(ProclaimedRow).where(ProclaimedRow.on == on, ProclaimedRow.region == region)).first()
            if row is None:
                return False
            s.delete(row)
            return True

    def proclaimed(self) -> list[ProclaimedDay]:
        with self.session() as s:
            rows = s.scalars(select(ProclaimedRow).order_by(ProclaimedRow.on))
            # a name recorded before names were limited is cut to the limit: running cases carry it
            return [ProclaimedDay(on=r.on, name=_holiday_name(r.name), region=r.region) for r in rows]


def _holiday_name(stored: str) -> str:
    """A stored name as a valid one: control characters become spaces, and it is cut to the limit."""
    plain = "".join(" " if control_character(c) else c for c in stored).strip()
    return plain[:HOLIDAY_NAME_LIMIT] or "Proclaimed bank holiday"


def to_json(model) -> dict:
    return json.loads(model.model_dump_json())
