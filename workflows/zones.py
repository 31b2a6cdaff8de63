"""Time zones for workflow code: imported through the sandbox so `ZoneInfo` is built outside it."""

from __future__ import annotations

from datetime import date, datetime, time
from functools import lru_cache
from zoneinfo import ZoneInfo


@lru_cache(maxsize=8)
def zone(name: str) -> ZoneInfo:
    return ZoneInfo(name)


def local_date(moment: datetime, tz: str) -> date:
    return moment.astimezone(zone(tz)).date()


def at_local(day: date, at: time, tz: str) -> datetime:
    """Local time `at` on `day`, as an aware datetime."""
    return datetime.combine(day, at, tzinfo=zone(tz))
