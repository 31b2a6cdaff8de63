"""The people who act: one row each, keyed by email address (the identity), with a display name, roles
and whether they may still act. A person is never deleted, only deactivated, so every action they
recorded keeps a name to show. Names and addresses are personal data (README, Personal data)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, Boolean, DateTime, String, Text, func, select
from sqlalchemy.orm import Mapped, mapped_column

from register.base import Base, now


class PersonRow(Base):
    __tablename__ = "people"

    email: Mapped[str] = mapped_column(String(320), primary_key=True)
    name: Mapped[str] = mapped_column(Text)
    roles: Mapped[list] = mapped_column(JSON)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    added_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now)
    added_by: Mapped[str | None] = mapped_column(String(340))
    deactivated_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    deactivated_by: Mapped[str | None] = mapped_column(String(340))


class People:
    """The register's operations on people (mixed into `Register`)."""

    def person(self, email: str) -> PersonRow | None:
        with self.session() as s:
            return s.get(PersonRow, email)

    def people(self) -> list[PersonRow]:
        with self.session() as s:
            return list(s.scalars(select(PersonRow).order_by(PersonRow.email)))

    def anyone_registered(self) -> bool:
        with self.session() as s:
            return s.scalar(select(func.count()).select_from(PersonRow)) > 0

    def add_person(self, email: str, name: str, roles: list[str], by: str) -> bool:
        """Register a person; False when the address is already registered (nothing changed)."""
        with self.session() as s, s.begin():
            if s.get(PersonRow, email) is not None:
                return False
            s.add(PersonRow(email=email, name=name, roles=roles, active=True, added_by=by))
            return True

    def deactivate_person(self, email: str, by: str) -> None:
        with self.session() as s, s.begin():
            row = s.get(PersonRow, email)
            row.active, row.deactivated_at, row.deactivated_by = False, now(), by
