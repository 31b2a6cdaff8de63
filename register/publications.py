"""The disclosure log's table: one row per published response, holding only what the public may see.

An officer's reviewed public title, the regime, the dates the request was received and answered, the
response's outcome and exemptions, and the document published with it (its stored name in the data
dir, its kind and size), copied from the case when it is published (publishing again refreshes them).
Nothing personal is copied: no requester, no subject line, no staff name or address. Who published it,
and who withdrew it and why, is in the audit trail (`register/audit.py`), written in the same
transaction as the row. The public site (`disclosure/`) reads this table and nothing else.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, Date, DateTime, Integer, String, func, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from register.audit import ActionRow
from register.base import Base

TITLE_LIMIT = 300
"""The longest public title, in characters (issue 23)."""


class PublicationRow(Base):
    __tablename__ = "publications"

    ref: Mapped[str] = mapped_column(String(64), primary_key=True)
    title: Mapped[str] = mapped_column(String(TITLE_LIMIT))
    regime: Mapped[str] = mapped_column(String(8))
    received: Mapped[date] = mapped_column(Date)
    answered: Mapped[date] = mapped_column(Date)
    outcome: Mapped[str | None] = mapped_column(String(32))
    exemptions: Mapped[list] = mapped_column(JSON, default=list)
    document: Mapped[str | None] = mapped_column(String(80))  # its file in the data dir: <sha256>.<kind>
    document_kind: Mapped[str | None] = mapped_column(String(8))  # pdf | docx | doc
    document_bytes: Mapped[int | None] = mapped_column(Integer)
    published_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)


def _matching(search: str | None):
    q = select(PublicationRow)
    if search:
        q = q.where(PublicationRow.title.icontains(search, autoescape=True))
    return q


class PublishedReading:
    """Reading what is published (mixed into `Register`, and all that `PublicLog` can do)."""

    def publication(self, ref: str) -> PublicationRow | None:
        with self.session() as s:
            return s.get(PublicationRow, ref)

    def documents_in_use(self, name: str) -> int:
        """How many published responses use the stored document `name`."""
        with self.session() as s:
            return s.scalar(select(func.count()).where(PublicationRow.document == name)) or 0

    def publications(
        self, search: str | None = None, offset: int = 0, limit: int | None = None
    ) -> list[PublicationRow]:
        """Published responses whose title contains `search` (any case), newest first."""
        q = _matching(search).order_by(PublicationRow.published_at.desc(), PublicationRow.ref).offset(offset)
        if limit is not None:
            q = q.limit(limit)
        with self.session() as s:
            return list(s.scalars(q))

    def publications_count(self, search: str | None = None) -> int:
        with self.session() as s:
            return s.scalar(select(func.count()).select_from(_matching(search).subquery())) or 0


class PublicLog(PublishedReading):
    """What the public site holds: the published responses and no other table's operations, on its own
    connection (FOI_DISCLOSURE__DATABASE_URL: on PostgreSQL, a role that may read only `publications`
    and `alembic_version`; default the register's)."""

    def __init__(self, url: str):
        from register.store import engine_for

        self.engine = engine_for(url)

    def session(self) -> Session:
        return Session(self.engine, expire_on_commit=False)


class Publications(PublishedReading):
    """The register's disclosure-log operations (mixed into `Register`)."""

    def publish(self, row: PublicationRow, action: ActionRow) -> None:
        """Publish (or publish again, replacing) `row`, and record `action`, in one transaction."""
        with self.session() as s, s.begin():
            old = s.get(PublicationRow, row.ref)
            if old is not None:
                s.delete(old)
                s.flush()
            s.add(row)
            s.add(action)

    def unpublish(self, ref: str, action: ActionRow) -> PublicationRow | None:
        """Withdraw `ref` and record `action` in one transaction; None, nothing recorded, if not published."""
        with self.session() as s, s.begin():
            row = s.get(PublicationRow, ref)
            if row is None:
                return None
            s.delete(row)
            action.detail = {"title": row.title, "document": row.document}
            s.add(action)
            return row
