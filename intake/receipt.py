"""The day of receipt of a message: the calendar day, in the authority's time zone, on which it reached
the authority's server (its IMAP INTERNALDATE), whatever the hour and whatever the day (FOIA s10(6),
RULES.md "The day of receipt"): a message at 23:30 on a Friday was received that Friday. The sender's
`Date` header is what the sender's machine claimed, and is never used."""

from __future__ import annotations

import re
from datetime import date, datetime
from zoneinfo import ZoneInfo

INTERNALDATE = re.compile(rb'INTERNALDATE "([^"]+)"')


def internaldate(fetch_line: bytes) -> datetime | None:
    """The INTERNALDATE of a FETCH response line (`"06-Dec-2026 23:30:00 +0000"`), aware, or None."""
    found = INTERNALDATE.search(fetch_line)
    if not found:
        return None
    return datetime.strptime(found.group(1).decode().strip(), "%d-%b-%Y %H:%M:%S %z")


def day_of_receipt(arrived: datetime, timezone: str) -> date:
    return arrived.astimezone(ZoneInfo(timezone)).date()
