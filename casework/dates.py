"""The dates a case mentions, so a calendar can be built that covers them all."""

from __future__ import annotations

from datetime import date

from rules import Case


def case_dates(case: Case, *more: date | None) -> list[date | None]:
    return [case.received, *more, *(e.on for e in case.events), *(e.until for e in case.events)]
