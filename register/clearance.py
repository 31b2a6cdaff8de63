"""What the register keeps of clearance (rules/clearance.py) beside an event's row: the approving team a
flag names, what a return asks to change, and a manager's reason for recording an answer while clearance
was pending. A table of its own, keyed like the events (ref, seq), so the events table is unchanged."""

from __future__ import annotations

from sqlalchemy import Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from register.base import Base


class EventClearanceRow(Base):
    __tablename__ = "event_clearance"
    __table_args__ = (UniqueConstraint("ref", "seq"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    ref: Mapped[str] = mapped_column(String(64), index=True)
    seq: Mapped[int] = mapped_column(Integer)
    team: Mapped[str | None] = mapped_column(String(100))  # flag_for_clearance: the approving team
    changes: Mapped[str | None] = mapped_column(Text)  # returned: what is to change
    override: Mapped[str | None] = mapped_column(Text)  # an answer recorded while clearance was pending: why


def clearance_fields(row: EventClearanceRow | None) -> dict:
    """The event's fields the row holds (none when there is no row)."""
    return {"team": row.team, "changes": row.changes} if row is not None else {}
