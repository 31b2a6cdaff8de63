"""The audit trail of staff actions the register keeps beside the events: a case started, an event
voided or amended, a case reassigned, a letter written, a proclaimed day added or removed. One row per
action, keyed so that a retried write records it once; `ref` is empty for actions on the authority's
calendar. Each row names who acted (`actor`: an email address, or `os:<user>` before anyone was
registered), when, why (where a reason is given) and what changed (`detail`)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, DateTime, Integer, String, Text, UniqueConstraint, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Mapped, mapped_column

from register.base import Base, now


class ActionRow(Base):
    __tablename__ = "actions"
    __table_args__ = (UniqueConstraint("key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(String(200))
    ref: Mapped[str | None] = mapped_column(String(64), index=True)
    kind: Mapped[str] = mapped_column(String(32))
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now)
    actor: Mapped[str | None] = mapped_column(String(340))
    reason: Mapped[str | None] = mapped_column(Text)
    detail: Mapped[dict] = mapped_column(JSON, default=dict)


class Audit:
    """The register's audit operations (mixed into `Register`)."""

    def record_action(
        self,
        key: str,
        kind: str,
        actor: str | None,
        ref: str | None = None,
        reason: str | None = None,
        at: datetime | None = None,
        **detail,
    ) -> bool:
        """Record one action; False when an action with this key is already there (a retry)."""
        try:
            with self.session() as s, s.begin():
                s.add(ActionRow(key=key, ref=ref, kind=kind, actor=actor, reason=reason, at=at or now(), detail=detail))
            return True
        except IntegrityError:
            return False

    def record_now(self, kind: str, actor: str | None, ref: str | None = None, **detail) -> None:
        """Record a one-off staff action taken now (a letter written, a person or team added, a calendar
        change): keyed by its moment, since each such command is one action."""
        at = now()
        self.record_action(f"{ref or 'authority'}:{kind}:{at.isoformat()}", kind, actor, ref=ref, at=at, **detail)

    def actions(self, ref: str | None = None) -> list[ActionRow]:
        """A case's actions (or the calendar's, ref None) in the order they were taken."""
        q = select(ActionRow).where(ActionRow.ref.is_(None) if ref is None else ActionRow.ref == ref)
        with self.session() as s:
            return list(s.scalars(q.order_by(ActionRow.at, ActionRow.id)))
