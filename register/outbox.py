"""The outbox: one row per alarm per recipient, and the daily digests that carry queued rows.

A notification row is keyed by workflow id, alarm kind, alarm date and recipient role, so a retried or
replayed delivery finds its row and never sends twice. Its status:
- `pending`: claimed, being sent (SMTP down: retried);
- `sent`: delivered (by SMTP, or into the outbox when no mail transport is configured);
- `queued`: waiting for its recipient's next digest (`digest_key` names the digest once one takes it;
  `sent` when that digest went);
- `undeliverable`: no address to send it to, or the mail system refused the address for good;
- `withdrawn`: a queued alarm found wrong before any digest carried it: never sent.
A sent alarm that the history recorded later shows was wrong keeps its status and gains `withdrawn_at`
and `withdrawn_reason`; its correction is a row of its own (kind `withdrawn`).

A digest (`digests`) is one message to one recipient on one day, keyed `digest:<recipient>:<day>`: the
rows it carries are fixed when it is claimed, so a retried send carries the same rows, and a recipient
gets at most one digest a day.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, DateTime, Integer, String, Text, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Mapped, mapped_column

from register.base import Base, now

QUEUED, WITHDRAWN = "queued", "withdrawn"


class NotificationRow(Base):
    """One alarm to one recipient: the outbox, and the record of what was delivered."""

    __tablename__ = "notifications"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(String(200), unique=True)
    ref: Mapped[str] = mapped_column(String(64), index=True)
    kind: Mapped[str] = mapped_column(String(40))
    role: Mapped[str] = mapped_column(String(16))
    recipient: Mapped[str] = mapped_column(String(320))  # "" when the case has no address for the role
    alarm_on: Mapped[date] = mapped_column(Date)
    deadline: Mapped[date | None] = mapped_column(Date)
    subject: Mapped[str] = mapped_column(Text)
    body: Mapped[str] = mapped_column(Text)
    channel: Mapped[str] = mapped_column(String(8))
    status: Mapped[str] = mapped_column(String(16))  # pending, sent, queued, undeliverable, withdrawn
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now)
    sent_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # added with digests and corrections (nullable: an older register gains them on start)
    digest_key: Mapped[str | None] = mapped_column(String(400), index=True)
    withdrawn_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    withdrawn_reason: Mapped[str | None] = mapped_column(Text)

    @property
    def state(self) -> str:
        """The status as a person reads it: a sent alarm found wrong later shows as withdrawn."""
        return f"{self.status}, withdrawn" if self.withdrawn_at and self.status != WITHDRAWN else self.status


class DigestRow(Base):
    """One day's digest to one recipient: the message, and whether it went."""

    __tablename__ = "digests"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(String(400), unique=True)
    recipient: Mapped[str] = mapped_column(String(320))
    day: Mapped[date] = mapped_column(Date)
    channel: Mapped[str] = mapped_column(String(8))
    status: Mapped[str] = mapped_column(String(16))  # pending, sent, undeliverable
    subject: Mapped[str | None] = mapped_column(Text)
    body: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now)
    sent_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


def digest_key(recipient: str, day: date) -> str:
    return f"digest:{recipient}:{day.isoformat()}"


class Outbox:
    """The register's notification and digest operations (a part of `Register`), each one transaction."""

    def claim_notification(self, status: str = "pending", **fields) -> NotificationRow:
        """The notification with this key: created with `status`, or the one a previous attempt made."""
        existing = self.notification(fields["key"])
        if existing is not None:
            return existing
        try:
            with self.session() as s, s.begin():
                row = NotificationRow(status=status, **fields)
                s.add(row)
            return row
        except IntegrityError:  # a concurrent attempt inserted it first
            return self.notification(fields["key"])

    def notification(self, key: str) -> NotificationRow | None:
        with self.session() as s:
            return s.scalars(select(NotificationRow).where(NotificationRow.key == key)).first()

    def mark_sent(self, key: str, status: str = "sent") -> None:
        """Delivery is over for this row: `sent`, or `undeliverable` (a permanent refusal)."""
        with self.session() as s, s.begin():
            row = s.scalars(select(NotificationRow).where(NotificationRow.key == key)).one()
            row.status, row.sent_at = status, now()

    def notifications(self, ref: str | None = None, limit: int | None = None) -> list[NotificationRow]:
        q = select(NotificationRow).order_by(NotificationRow.created_at.desc(), NotificationRow.id.desc())
        if ref is not None:
            q = q.where(NotificationRow.ref == ref)
        if limit:
            q = q.limit(limit)
        with self.session() as s:
            return list(s.scalars(q))

    # -- corrections ---------------------------------------------------------------------------

    def withdraw(self, key: str, reason: str) -> bool:
        """Mark the alarm `key` wrong. True when it had reached its recipient (sent, or taken by a digest)
        and so needs a correction; False when there is nothing to correct: it was still queued (now
        `withdrawn`, never sent), could not be delivered, or is unknown or withdrawn already."""
        with self.session() as s, s.begin():
            silent = s.execute(
                update(NotificationRow)
                .where(NotificationRow.key == key, NotificationRow.status == QUEUED)
                .where(NotificationRow.digest_key.is_(None), NotificationRow.withdrawn_at.is_(None))
                .values(status=WITHDRAWN, withdrawn_at=now(), withdrawn_reason=reason)
            )
            if silent.rowcount:
                return False
            row = s.scalars(select(NotificationRow).where(NotificationRow.key == key)).first()
            if row is None or row.status in ("undeliverable", WITHDRAWN):
                return False
            if row.withdrawn_at is None:
                row.withdrawn_at, row.withdrawn_reason = now(), reason
            return True

    # -- digests -------------------------------------------------------------------------------

    def queued_recipients(self) -> list[str]:
        """Everyone with alarms waiting for a digest."""
        q = select(NotificationRow.recipient).where(NotificationRow.status == QUEUED).distinct()
        with self.session() as s:
            return sorted(r for r in s.scalars(q) if r)

    def claim_digest(self, recipient: str, day: date, channel: str) -> tuple[DigestRow, list[NotificationRow]]:
        """`recipient`'s digest of `day` and the rows it carries: claimed now with every row queued for
        them that no digest has taken, or the one an earlier attempt claimed, with the same rows."""
        key = digest_key(recipient, day)
        with self.session() as s:
            found = s.scalars(select(DigestRow).where(DigestRow.key == key)).first()
        if found is None:
            try:
                with self.session() as s, s.begin():
                    s.add(DigestRow(key=key, recipient=recipient, day=day, channel=channel, status="pending"))
                    s.flush()
                    s.execute(
                        update(NotificationRow)
                        .where(NotificationRow.recipient == recipient, NotificationRow.status == QUEUED)
                        .where(NotificationRow.digest_key.is_(None))
                        .values(digest_key=key)
                    )
            except IntegrityError:  # another worker claimed it first: take theirs
                pass
        with self.session() as s:
            digest = s.scalars(select(DigestRow).where(DigestRow.key == key)).one()
            rows = s.scalars(
                select(NotificationRow).where(NotificationRow.digest_key == key).order_by(NotificationRow.id)
            )
            return digest, list(rows)

    def write_digest(self, key: str, subject: str, body: str) -> None:
        """Keep the digest's message (the outbox's copy), before it is sent."""
        with self.session() as s, s.begin():
            row = s.scalars(select(DigestRow).where(DigestRow.key == key)).one()
            row.subject, row.body = subject, body

    def digest_sent(self, key: str, status: str = "sent") -> None:
        """The digest's delivery is over (`sent`, or `undeliverable`): it and every row it carried say so."""
        at = now()
        with self.session() as s, s.begin():
            s.execute(update(DigestRow).where(DigestRow.key == key).values(status=status, sent_at=at))
            s.execute(
                update(NotificationRow)
                .where(NotificationRow.digest_key == key, NotificationRow.status == QUEUED)
                .values(status=status, sent_at=at)
            )

    def digests(self, limit: int | None = None) -> list[DigestRow]:
        q = select(DigestRow).order_by(DigestRow.created_at.desc(), DigestRow.id.desc())
        if limit:
            q = q.limit(limit)
        with self.session() as s:
            return list(s.scalars(q))
