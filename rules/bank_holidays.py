"""Non-working days of each regime, from the `holidays` package plus proclaimed days.

This is the only place that imports `holidays` (it cannot run inside the Temporal workflow sandbox:
an activity calls `non_working_days` and the workflow keeps the result). FOIA, EIR and SAR stop for
a bank holiday in any part of the UK; FOISA for a Scottish one only. Names say whose holiday it is,
so an explanation reads "Mon 2 Aug 2021 — Summer Bank Holiday (Scotland)".
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from functools import lru_cache

from rules.calendar import Calendar
from rules.models import ProclaimedDay
from rules.regimes import REGIMES, CalendarRegion, Regime

PARTS = {"ENG": "England", "WLS": "Wales", "SCT": "Scotland", "NIR": "Northern Ireland"}
REGION_PARTS: dict[CalendarRegion, tuple[str, ...]] = {"uk": tuple(PARTS), "scotland": ("SCT",)}


def _and(words: Iterable[str]) -> str:
    words = list(words)
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} and {words[-1]}"


@lru_cache(maxsize=64)
def _package_days(region: CalendarRegion, first_year: int, last_year: int) -> tuple[tuple[date, str], ...]:
    import holidays  # imported here: only activities and the command line load calendar data

    years = range(first_year, last_year + 1)
    parts = REGION_PARTS[region]
    seen: dict[date, dict[str, list[str]]] = {}
    for part in parts:
        for day, name in holidays.UK(subdiv=part, years=years).items():
            seen.setdefault(day, {}).setdefault(name, []).append(part)
    named = []
    for day, names in sorted(seen.items()):
        labels = []
        for name, where in names.items():
            if len(parts) > 1 and len(where) < len(parts):
                name = f"{name} ({_and(PARTS[p] for p in where)})"
            labels.append(name)
        named.append((day, "; ".join(labels)))
    return tuple(named)


def non_working_days(
    regime: Regime, first_year: int, last_year: int, proclaimed: Iterable[ProclaimedDay] = ()
) -> dict[date, str]:
    """Every named non-working day of `regime` in the years given, proclaimed days included."""
    region = REGIMES[regime].calendar
    days = dict(_package_days(region, first_year, last_year))
    for p in proclaimed:
        if p.region == "uk" or p.region in REGION_PARTS[region]:
            where = "" if p.region == "uk" or region == "scotland" else f" ({PARTS[p.region]})"
            days.setdefault(p.on, f"{p.name}{where}")
    return days


def years_for(*days: date | None) -> tuple[int, int]:
    """The span of years a calendar must cover for a case touching `days` (one year either side,
    two after: reminders and reviews run past the last date a case mentions)."""
    years = [d.year for d in days if d is not None]
    return min(years) - 1, max(years) + 2


@lru_cache(maxsize=256)
def _cached_calendar(regime: Regime, first: int, last: int, proclaimed: tuple[ProclaimedDay, ...]) -> Calendar:
    return Calendar(non_working_days(regime, first, last, proclaimed), years=(first, last))


def calendar_covering(regime: Regime, *days: date | None, proclaimed: Iterable[ProclaimedDay] = ()) -> Calendar:
    """The calendar for a case that touches `days` (the years `years_for` gives)."""
    return calendar_for(regime, *years_for(*days), proclaimed)


def calendar_for(regime: Regime, first_year: int, last_year: int, proclaimed: Iterable[ProclaimedDay] = ()) -> Calendar:
    """A (cached) calendar for the regime and years; the command line and the dashboard use this."""
    return _cached_calendar(regime, first_year, last_year, tuple(sorted(proclaimed, key=lambda p: p.on)))
