"""Today's date where the authority is (the alarm time zone), outside workflows."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo


def today(timezone: str) -> date:
    return datetime.now(ZoneInfo(timezone)).date()
