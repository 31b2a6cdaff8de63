"""The people who act: one row each, keyed by email address (the identity), with a display name, roles
and whether they may still act; and the teams they belong to (a responding team holds cases; its
managers receive its cases' escalations when a case has no manager of its own). A person is never
deleted, only deactivated, so every action they recorded keeps a name to show. Names and addresses are
personal data (docs/administrator.md, Personal data). Signing in to the dashboard adds a password's Argon2 hash (never
the password) and the count of failed sign-ins in a row, with when a lock-out after too many ends, and
when their sessions last ended (`casework.passwords`)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, Boolean, DateTime, Integer, String, Text, UniqueConstraint, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Mapped, Session, mapped_column

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
    password_hash: Mapped[str | None] = mapped_column(Text)
    failed_sign_ins: Mapped[int | None] = mapped_column(Integer)
    locked_until: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    sessions_after: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    """Dashboard sessions begun before this have ended (signed out, or the password changed)."""


class TeamRow(Base):
    __tablename__ = "teams"

    name: Mapped[str] = mapped_column(String(100), primary_key=True)
    added_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now)
    added_by: Mapped[str | None] = mapped_column(String(340))


class TeamMemberRow(Base):
    __tablename__ = "team_members"
    __table_args__ = (UniqueConstraint("team", "email"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    team: Mapped[str] = mapped_column(String(100), index=True)
    email: Mapped[str] = mapped_column(String(320), index=True)


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

    def set_password_hash(self, email: str, password_hash: str) -> None:
        """A new password: its hash replaces the old one, any lock-out ends, and so does every session."""
        with self.session() as s, s.begin():
            row = s.get(PersonRow, email)
            row.password_hash, row.failed_sign_ins, row.locked_until = password_hash, 0, None
            row.sessions_after = now()

    def end_sessions(self, email: str, at: datetime) -> None:
        """Sign the person out everywhere: every session begun before `at` ends."""
        with self.session() as s, s.begin():
            row = s.get(PersonRow, email)
            if row is not None:
                row.sessions_after = at

    def failed_sign_in(self, email: str, at: datetime, attempts: int, lock_until: datetime) -> datetime | None:
        """Count a failed sign-in; the `attempts`-th in a row locks the address until `lock_until`
        (returned; else None) and starts the count again."""
        with self.session() as s, s.begin():
            row = s.get(PersonRow, email)
            row.failed_sign_ins = (row.failed_sign_ins or 0) + 1
            if row.failed_sign_ins >= attempts:
                row.failed_sign_ins, row.locked_until = 0, lock_until
                return lock_until
            return None

    def signed_in(self, email: str) -> None:
        with self.session() as s, s.begin():
            row = s.get(PersonRow, email)
            row.failed_sign_ins, row.locked_until = 0, None

    # -- teams ---------------------------------------------------------------------------------

    def add_team(self, name: str, by: str) -> bool:
        """Create a team; False when it exists already (nothing changed)."""
        try:
            with self.session() as s, s.begin():
                s.add(TeamRow(name=name, added_by=by))
            return True
        except IntegrityError:
            return False

    def team(self, name: str) -> TeamRow | None:
        with self.session() as s:
            return s.get(TeamRow, name)

    def teams(self) -> list[TeamRow]:
        with self.session() as s:
            return list(s.scalars(select(TeamRow).order_by(TeamRow.name)))

    def join_team(self, team: str, email: str) -> bool:
        """Make `email` a member of `team`; False when they already are."""
        try:
            with self.session() as s, s.begin():
                s.add(TeamMemberRow(team=team, email=email))
            return True
        except IntegrityError:
            return False

    def members(self, team: str) -> list[PersonRow]:
        with self.session() as s:
            q = select(PersonRow).join(TeamMemberRow, TeamMemberRow.email == PersonRow.email)
            return list(s.scalars(q.where(TeamMemberRow.team == team).order_by(PersonRow.email)))

    def teams_of(self, email: str) -> list[str]:
        with self.session() as s:
            q = select(TeamMemberRow.team).where(TeamMemberRow.email == email).order_by(TeamMemberRow.team)
            return list(s.scalars(q))

    def team_managers(self, team: str) -> list[str]:
        """The addresses of the team's active managers, who take its cases' escalations."""
        return [p.email for p in self.members(team) if p.active and "manager" in p.roles]


class PeopleRegister(People):
    """The register's people alone, for a command that only asks who is acting (`cli.acting`): it opens
    the register without loading the rest of the store (`register.store.Register` has the same methods)."""

    def __init__(self, url: str):
        from register.engine import engine_for

        self.engine = engine_for(url)

    def session(self) -> Session:
        return Session(self.engine, expire_on_commit=False)
