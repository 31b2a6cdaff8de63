"""Calendar-month arithmetic: the corresponding-date rule used for SAR deadlines and lapse periods."""

from __future__ import annotations

import calendar as _calendar
from datetime import date, timedelta


def add_months(day: date, months: int) -> date:
    """The same date `months` later; the last day of that month when the date does not exist."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    last = _calendar.monthrange(year, month)[1]
    return date(year, month, min(day.day, last))


def last_day_of_months_beginning_with(day: date, months: int) -> date:
    """The last day of a period of `months` months beginning with `day` (both counted).

    The period ends the day before the corresponding date; where there is no corresponding date
    (31 January + 1 month), it ends on the last day of that month.
    """
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    if day.day > _calendar.monthrange(year, month)[1]:
        return date(year, month, _calendar.monthrange(year, month)[1])
    return date(year, month, day.day) - timedelta(days=1)
