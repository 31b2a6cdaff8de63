"""Non-working days of each regime, from the `holidays` package plus proclaimed days.

This is the only place that imports `holidays` (it cannot run inside the Temporal workflow sandbox:
an activity calls `non_working_days` and the workflow keeps the result). A front end may read the
package's days through a cache instead (`rules.holiday_source`: the command line's, cli/holiday_cache.py);
the days are the package's either way, and everything made of them is made here. FOIA and EIR stop for a bank
holiday in any part of the UK (FOIA s10(6)); FOISA for a Scottish one only (s73); a subject access
deadline rolls past the controller's own nation's days (policy `nation`). Names say whose holiday it
is, so an explanation reads "Mon 2 Aug 2021 — Summer Bank Holiday (Scotland)".
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from functools import lru_cache

from rules import holiday_source
from rules.calendar import Calendar
from rules.categories import NON_SCHOOL_DAY
from rules.models import ProclaimedDay
from rules.policy import Nation
from rules.regimes import REGIMES, Regime

PARTS = {"ENG": "England", "WLS": "Wales", "SCT": "Scotland", "NIR": "Northern Ireland"}
REGION_PARTS: dict[str, tuple[str, ...]] = {
    "uk": tuple(PARTS),
    "scotland": ("SCT",),
    "england_wales": ("ENG", "WLS"),
    "northern_ireland": ("NIR",),
}
DEFAULT_NATION: Nation = "england_wales"


def region_of(regime: Regime, nation: Nation | None = None) -> str:
    """Whose bank holidays stop `regime`'s clock; `nation` matters only where the regime says so (SAR)."""
    region = REGIMES[regime].calendar
    return (nation or DEFAULT_NATION) if region == "nation" else region


def _and(words: Iterable[str]) -> str:
    words = list(words)
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} and {words[-1]}"


def from_package(part: str, years: Iterable[int]) -> list[tuple[date, str]]:
    """The `holidays` package's bank holidays of one part of the UK (`ENG`, `WLS`, `SCT`, `NIR`) in `years`."""
    # Imported here (only activities and the command line load calendar data), and the UK's class straight
    # from its module: `holidays.UK` is a lazy loader for this very class, whose first use loads every
    # country the package knows (about 80 ms a process).
    from holidays.countries.united_kingdom import UK

    return list(UK(subdiv=part, years=years).items())


@lru_cache(maxsize=64)
def _package_days(region: str, first_year: int, last_year: int) -> tuple[tuple[date, str], ...]:
    years = range(first_year, last_year + 1)
    parts = REGION_PARTS[region]
    read = holiday_source.reader or from_package
    seen: dict[date, dict[str, list[str]]] = {}
    for part in parts:
        for day, name in read(part, years):
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
    regime: Regime,
    first_year: int,
    last_year: int,
    proclaimed: Iterable[ProclaimedDay] = (),
    nation: Nation | None = None,
) -> dict[date, str]:
    """Every named non-working day of `regime` in the years given, proclaimed days included."""
    region = region_of(regime, nation)
    parts = REGION_PARTS[region]
    days = dict(_package_days(region, first_year, last_year))
    for p in proclaimed:
        if p.region == "uk" or p.region in parts:
            where = "" if p.region == "uk" or len(parts) == 1 else f" ({PARTS[p.region]})"
            days.setdefault(p.on, f"{p.name}{where}")
    return days


def years_for(*days: date | None) -> tuple[int, int]:
    """The span of years a calendar must cover for a case touching `days` (one year either side,
    two after: reminders and reviews run past the last date a case mentions)."""
    years = [d.year for d in days if d is not None]
    return min(years) - 1, max(years) + 2


@lru_cache(maxsize=256)
def _cached_calendar(
    regime: Regime, first: int, last: int, proclaimed: tuple[ProclaimedDay, ...], nation: Nation | None
) -> Calendar:
    non_school = frozenset(p.on for p in proclaimed if p.region == NON_SCHOOL_DAY)
    return Calendar(
        non_working_days(regime, first, last, proclaimed, nation), years=(first, last), non_school=non_school
    )


def calendar_covering(
    regime: Regime, *days: date | None, proclaimed: Iterable[ProclaimedDay] = (), nation: Nation | None = None
) -> Calendar:
    """The calendar for a case that touches `days` (the years `years_for` gives)."""
    return calendar_for(regime, *years_for(*days), proclaimed, nation)


def calendar_for(
    regime: Regime,
    first_year: int,
    last_year: int,
    proclaimed: Iterable[ProclaimedDay] = (),
    nation: Nation | None = None,
) -> Calendar:
    """A (cached) calendar for the regime and years; the command line and the dashboard use this."""
    nation = nation if REGIMES[regime].calendar == "nation" else None
    return _cached_calendar(regime, first_year, last_year, tuple(sorted(proclaimed, key=lambda p: p.on)), nation)
