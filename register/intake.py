"""The messages the mailbox took (intake/): one row per message, keyed by the mailbox, folder,
UIDVALIDITY and UID it had on the server, so a message recorded before a crash is recognised after it
and never taken twice. A row keeps the day of receipt, the requester's name and address, the subject,
the body as text, the attachments' names and sizes, what could not be read, and the raw message
encrypted with the payload keys (runtime/codec.py). These are personal data (docs/administrator.md, Personal data).

Its `status`: `awaiting` triage; `started` (a case was started from it, `ref`); `not_request` (an officer
said so, with a reason); `threaded` (a reply attached to case `ref`); `filed` (an auto-reply or a bounce,
never a request, with the reason). `moved_at`: when it left the watched folder for the done folder."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Date,
    DateTime,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
    select,
    update,
)
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Mapped, mapped_column

from register.base import Base, now

AWAITING, STARTED, NOT_REQUEST, THREADED, FILED = "awaiting", "started", "not_request", "threaded", "filed"


class IntakeRow(Base):
    __tablename__ = "intake"
    __table_args__ = (UniqueConstraint("mailbox", "folder", "uidvalidity", "uid"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    mailbox: Mapped[str] = mapped_column(String(400))
    folder: Mapped[str] = mapped_column(String(400))
    uidvalidity: Mapped[int] = mapped_column(BigInteger)
    uid: Mapped[int] = mapped_column(BigInteger)
    digest: Mapped[str] = mapped_column(String(64), index=True)
    arrived_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    received: Mapped[date] = mapped_column(Date, index=True)
    sender_name: Mapped[str | None] = mapped_column(Text)
    sender_email: Mapped[str | None] = mapped_column(Text)
    subject: Mapped[str | None] = mapped_column(Text)
    body: Mapped[str] = mapped_column(Text)
    attachments: Mapped[list] = mapped_column(JSON)
    notes: Mapped[list] = mapped_column(JSON)
    message_id: Mapped[str | None] = mapped_column(Text)
    suggested_regime: Mapped[str] = mapped_column(String(8))
    suggestion_reason: Mapped[str] = mapped_column(Text)
    raw_key: Mapped[str] = mapped_column(String(64))
    raw: Mapped[bytes] = mapped_column(LargeBinary)
    status: Mapped[str] = mapped_column(String(16), index=True)
    ref: Mapped[str | None] = mapped_column(String(64), index=True)
    reason: Mapped[str | None] = mapped_column(Text)
    taken_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now)
    moved_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    triaged_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    triaged_by: Mapped[str | None] = mapped_column(String(340))
    used_for: Mapped[str | None] = mapped_column(String(32))
    acknowledged_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class IntakeHealthRow(Base):
    """How the last attempt to reach each mailbox went: the worker's log line, for the dashboard too."""

    __tablename__ = "intake_health"

    mailbox: Mapped[str] = mapped_column(String(400), primary_key=True)
    ok: Mapped[bool] = mapped_column(Boolean)
    message: Mapped[str] = mapped_column(Text)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now, onupdate=now)


class Intake:
    """The register's operations on the mailbox's messages (mixed into `Register`)."""

    def intake_taken(self, mailbox: str, folder: str, uidvalidity: int, uid: int) -> IntakeRow | None:
        """The row of a message already recorded under this UID, or None."""
        q = select(IntakeRow).where(
            IntakeRow.mailbox == mailbox,
            IntakeRow.folder == folder,
            IntakeRow.uidvalidity == uidvalidity,
            IntakeRow.uid == uid,
        )
        with self.session() as s:
            return s.scalars(q).first()

    def intake_unmoved_copy(self, mailbox: str, folder: str, digest: str, arrived_at: datetime) -> IntakeRow | None:
        """A message recorded but never moved, with the same content and arrival: the same message under a
        new UIDVALIDITY (the server renumbered the folder between recording and moving)."""
        q = select(IntakeRow).where(
            IntakeRow.mailbox == mailbox,
            IntakeRow.folder == folder,
            IntakeRow.digest == digest,
            IntakeRow.moved_at.is_(None),
        )
        with self.session() as s:
            return next((r for r in s.scalars(q) if r.arrived_at.timestamp() == arrived_at.timestamp()), None)

    def take_message(self, **fields) -> tuple[IntakeRow, bool]:
        """Record a message; (its row, True) or, when that UID is recorded already, (that row, False)."""
        try:
            with self.session() as s, s.begin():
                row = IntakeRow(**fields)
                s.add(row)
            return row, True
        except IntegrityError:
            keys = ("mailbox", "folder", "uidvalidity", "uid")
            return self.intake_taken(*(fields[k] for k in keys)), False

    def intake_moved(self, ids: list[int]) -> None:
        with self.session() as s, s.begin():
            s.execute(update(IntakeRow).where(IntakeRow.id.in_(ids)).values(moved_at=now()))

    def intake_message(self, intake_id: int) -> IntakeRow | None:
        with self.session() as s:
            return s.get(IntakeRow, intake_id)

    def intake_messages(self, status: str | None = None, ref: str | None = None) -> list[IntakeRow]:
        q = select(IntakeRow).order_by(IntakeRow.arrived_at, IntakeRow.id)
        if status is not None:
            q = q.where(IntakeRow.status == status)
        if ref is not None:
            q = q.where(IntakeRow.ref == ref)
        with self.session() as s:
            return list(s.scalars(q))

    def triage_message(self, intake_id: int, was: str, status: str, by: str, **changes) -> bool:
        """Move a message from status `was` to `status`, by `by`; False when it was no longer `was`
        (another officer triaged it first)."""
        with self.session() as s, s.begin():
            done = s.execute(
                update(IntakeRow)
                .where(IntakeRow.id == intake_id, IntakeRow.status == was)
                .values(status=status, triaged_by=by, triaged_at=now(), **changes)
            )
            return done.rowcount == 1

    def use_reply(self, intake_id: int, event: str, by: str) -> bool:
        """Mark a threaded reply used for `event`; False when it was used already."""
        with self.session() as s, s.begin():
            done = s.execute(
                update(IntakeRow)
                .where(IntakeRow.id == intake_id, IntakeRow.used_for.is_(None))
                .values(used_for=event, triaged_by=by, triaged_at=now())
            )
            return done.rowcount == 1

    def release_reply(self, intake_id: int) -> None:
        """Undo `use_reply` when the event it was for was refused."""
        with self.session() as s, s.begin():
            s.execute(update(IntakeRow).where(IntakeRow.id == intake_id).values(used_for=None))

    def intake_acknowledged(self, intake_id: int) -> None:
        with self.session() as s, s.begin():
            s.execute(update(IntakeRow).where(IntakeRow.id == intake_id).values(acknowledged_at=now()))

    def message_ids_of(self, ref: str) -> set[str]:
        """The Message-IDs of the messages a case started from or was sent (to thread replies by)."""
        with self.session() as s:
            q = select(IntakeRow.message_id).where(IntakeRow.ref == ref, IntakeRow.status == STARTED)
            return {m for m in s.scalars(q) if m}

    def case_by_message_id(self, message_ids: list[str]) -> str | None:
        """The case started from a message with one of these Message-IDs, or None."""
        if not message_ids:
            return None
        q = select(IntakeRow.ref).where(IntakeRow.message_id.in_(message_ids), IntakeRow.status == STARTED)
        with self.session() as s:
            return s.scalars(q).first()

    # -- health ------------------------------------------------------------------------------

    def intake_health(self, mailbox: str, ok: bool, message: str) -> None:
        with self.session() as s, s.begin():
            row = s.get(IntakeHealthRow, mailbox)
            if row is None:
                s.add(IntakeHealthRow(mailbox=mailbox, ok=ok, message=message, at=now()))
            else:
                row.ok, row.message, row.at = ok, message, now()

    def intake_healths(self) -> list[IntakeHealthRow]:
        with self.session() as s:
            return list(s.scalars(select(IntakeHealthRow).order_by(IntakeHealthRow.mailbox)))


def release_triage(register, intake_id: int, was: str, before: IntakeRow | None = None) -> None:
    """Undo a claim for triage (the message now `was`): back to how it was `before` (default: awaiting)."""
    back = {"status": AWAITING, "ref": None, "reason": None}
    if before is not None:
        back = {"status": before.status, "ref": before.ref, "reason": before.reason}
    with register.session() as s, s.begin():
        s.execute(
            update(IntakeRow)
            .where(IntakeRow.id == intake_id, IntakeRow.status == was)
            .values(**back, triaged_by=None, triaged_at=None)
        )
