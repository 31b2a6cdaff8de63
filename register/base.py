"""The declarative base every register table derives from, and the clock its timestamps read."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy.orm import DeclarativeBase

from register.metadata import METADATA


class Base(DeclarativeBase):
    metadata = METADATA


def now() -> datetime:
    return datetime.now(UTC)
