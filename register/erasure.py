"""Erasing a case's requester data from the register, the erasure log, and legal holds.

Erasing a case blanks, in one transaction, every copy of its requester's personal data the register
keeps: on the case row the subject, the requester's name and email; on its notifications (the outbox) the
subject and body of each, and the recipient of those sent to the requester (the acknowledgement); on
the mailbox's messages linked to the case (`intake`, the one it started from and the replies threaded to
it) the sender's name and address, the subject, the body, the attachments' names, the notes, the
Message-ID, the content digest and the encrypted raw message. What the statistics count stays: the
case's ref, regime, category, dates, stage, outcome and evaluation, its events and exemptions, who
handled it, its audit trail. A SQLite register is then compacted (`VACUUM`, then the WAL truncated), so
the bytes of the old rows do not linger in free pages or in the write-ahead log.

The erasure log (`erasures`) keeps one row per erased case: which case, when, under which rule (the
retention schedule's or `erasure request`), by whom (`schedule` or the staff member) and their reason,
and when its Temporal histories were deleted: never a requester's value.

A legal hold (`legal_holds`) stops a case's erasure, by the schedule or on request, until released.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, DateTime, Integer, String, Text, select, text, update
from sqlalchemy.orm import Mapped, mapped_column

from register.base import Base, now

ERASED = "[erased]"
"""What an erased notification's subject and body read."""


class ErasureRefused(Exception):
    """The case reopened or was put on legal hold since it was found erasable: nothing was changed."""


class ErasureRow(Base):
    __tablename__ = "erasures"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    ref: Mapped[str] = mapped_column(String(64), unique=True)
    erased_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now)
    rule: Mapped[str] = mapped_column(String(200))  # the retention rule applied, or "erasure request"
    closed_on: Mapped[date | None] = mapped_column(Date)  # the closure the period ran from
    erased_by: Mapped[str] = mapped_column(String(340))  # "schedule", or the staff member's id
    reason: Mapped[str | None] = mapped_column(Text)  # an erasure request's reason, as given
    histories_deleted_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    compacted_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))  # the embedded server's file


class LegalHoldRow(Base):
    __tablename__ = "legal_holds"

    ref: Mapped[str] = mapped_column(String(64), primary_key=True)
    reason: Mapped[str] = mapped_column(Text)
    held_by: Mapped[str] = mapped_column(String(340))
    held_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now)


class Erasure:
    """The register's erasure and legal-hold operations (mixed into `Register`)."""

    def closed_unerased(self) -> list[tuple[str, str, date | None, date, bool]]:
        """Every closed case neither erased nor held: (ref, regime, last event day, received, whether a
        complaint to the regulator was recorded), by ref."""
        from register.store import CaseRow, EventRow

        erased = select(ErasureRow.ref)
        held = select(LegalHoldRow.ref)
        complained = select(EventRow.ref).where(EventRow.type == "complaint_received", EventRow.voided_at.is_(None))
        q = (
            select(CaseRow.ref, CaseRow.regime, CaseRow.last_event_on, CaseRow.received, CaseRow.ref.in_(complained))
            .where(CaseRow.stage == "closed", CaseRow.ref.not_in(erased), CaseRow.ref.not_in(held))
            .order_by(CaseRow.ref)
        )
        with self.session() as s:
            return [tuple(r) for r in s.execute(q)]

    def erase_case(
        self, ref: str, rule: str, by: str, reason: str | None, closed_on: date | None, at: datetime | None = None
    ) -> bool:
        """Blank every copy of `ref`'s requester data and log it; False when it was erased already (a retry).
        A case that is no longer closed, or is on legal hold, is refused (`ErasureRefused`) in the same
        transaction, so a hold or a reopening that races the erasure wins."""
        from register.intake import IntakeRow
        from register.outbox import NotificationRow
        from register.store import CaseRow

        with self.session() as s, s.begin():
            if s.scalars(select(ErasureRow).where(ErasureRow.ref == ref)).first() is not None:
                return False
            case = s.get(CaseRow, ref)
            if case is None:
                raise LookupError(f"case {ref} is not in the register")
            if case.stage != "closed" or s.get(LegalHoldRow, ref) is not None:
                raise ErasureRefused(f"case {ref} is open or on legal hold: it is not erased")
            case.subject = case.requester_name = case.requester_email = None
            s.execute(update(NotificationRow).where(NotificationRow.ref == ref).values(subject=ERASED, body=ERASED))
            s.execute(
                update(NotificationRow)
                .where(NotificationRow.ref == ref, NotificationRow.role == "requester")
                .values(recipient="")
            )
            s.execute(
                update(IntakeRow)
                .where(IntakeRow.ref == ref)
                .values(
                    sender_name=None,
                    sender_email=None,
                    subject=None,
                    body=ERASED,
                    attachments=[],
                    notes=[],
                    message_id=None,
                    digest="",
                    raw=b"",
                )
            )
            s.add(
                ErasureRow(ref=ref, erased_at=at or now(), rule=rule, closed_on=closed_on, erased_by=by, reason=reason)
            )
        return True

    def compact(self) -> None:
        """On SQLite, rewrite the file without its free pages and empty the write-ahead log, so erased
        values are gone from the bytes on disk too (PostgreSQL: docs/retention.md)."""
        if self.engine.dialect.name != "sqlite":
            return
        with self.engine.connect() as conn:
            conn = conn.execution_options(isolation_level="AUTOCOMMIT")
            conn.execute(text("VACUUM"))
            conn.execute(text("PRAGMA wal_checkpoint(TRUNCATE)"))

    def histories_pending(self) -> list[str]:
        """Erased cases whose Temporal histories are not yet known deleted."""
        q = select(ErasureRow.ref).where(ErasureRow.histories_deleted_at.is_(None)).order_by(ErasureRow.ref)
        with self.session() as s:
            return list(s.scalars(q))

    def histories_deleted(self, ref: str) -> None:
        with self.session() as s, s.begin():
            s.execute(
                update(ErasureRow)
                .where(ErasureRow.ref == ref, ErasureRow.histories_deleted_at.is_(None))
                .values(histories_deleted_at=now())
            )

    def compaction_pending(self) -> list[str]:
        """Erased cases whose histories were deleted but whose bytes may linger in the embedded Temporal
        server's SQLite file (its free pages) until that file is compacted."""
        q = (
            select(ErasureRow.ref)
            .where(ErasureRow.histories_deleted_at.is_not(None), ErasureRow.compacted_at.is_(None))
            .order_by(ErasureRow.ref)
        )
        with self.session() as s:
            return list(s.scalars(q))

    def compacted(self, refs: list[str]) -> None:
        with self.session() as s, s.begin():
            s.execute(update(ErasureRow).where(ErasureRow.ref.in_(refs)).values(compacted_at=now()))

    def erasure(self, ref: str) -> ErasureRow | None:
        with self.session() as s:
            return s.scalars(select(ErasureRow).where(ErasureRow.ref == ref)).first()

    def erasures(self) -> list[ErasureRow]:
        with self.session() as s:
            return list(s.scalars(select(ErasureRow).order_by(ErasureRow.erased_at, ErasureRow.id)))

    # -- legal holds ---------------------------------------------------------------------------

    def legal_hold(self, ref: str) -> LegalHoldRow | None:
        with self.session() as s:
            return s.get(LegalHoldRow, ref)

    def set_hold(self, ref: str, reason: str, by: str) -> bool:
        """Hold `ref`; False when it is held already."""
        with self.session() as s, s.begin():
            if s.get(LegalHoldRow, ref) is not None:
                return False
            s.add(LegalHoldRow(ref=ref, reason=reason, held_by=by, held_at=now()))
        return True

    def release_hold(self, ref: str) -> bool:
        """Release `ref`'s hold; False when it had none."""
        with self.session() as s, s.begin():
            row = s.get(LegalHoldRow, ref)
            if row is None:
                return False
            s.delete(row)
        return True
