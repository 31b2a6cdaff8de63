"""Where a case stands on a given day, from the deadlines recorded for it: working days overdue and
working days left. Lists compute these at read time for today, on the regime's calendar, from the
register's columns (`response_owed_by`, `review_target`), exactly as `rules.evaluate` counts them."""

from __future__ import annotations

from datetime import date

from rules.calendar import Calendar


def working_days_overdue(cal: Calendar, today: date, response_owed_by: date | None, review_target: date | None) -> int:
    """The engine's count: the response's working days overdue while it is late, else the review's."""
    if response_owed_by is not None and today > response_owed_by:
        return cal.working_days_between(response_owed_by, today)
    if review_target is not None and today > review_target:
        return cal.working_days_between(review_target, today)
    return 0


def working_days_left(cal: Calendar, today: date, due: date | None) -> int | None:
    """Working days in (today, due]: 0 when due today; None when nothing is due or it is past."""
    if due is None or today > due:
        return None
    return cal.working_days_between(today, due)


def overdue_after(response_owed_by: date | None, review_target: date | None) -> date | None:
    """The day after which the case counts as overdue: the earlier deadline still running."""
    running = [d for d in (response_owed_by, review_target) if d is not None]
    return min(running) if running else None
