"""Working-day arithmetic over one calendar of non-working days.

A `Calendar` owns the answer to "is this a working day?" and "which day is N working days after that
one?" for one regime's set of non-working days. Weekends are arithmetic; the holidays that fall on a
weekday are kept as a sorted list of ordinals, so every operation is a couple of bisects rather than a
walk over the days: ranking a date is O(log h), and finding the N-th working day converges in a few
bisects however long the span.

Counting follows RULES.md: the day of receipt is day 0 whatever kind of day it is, so "N working days
after d" is the N-th working day strictly after d.
"""

from __future__ import annotations

import bisect
from collections.abc import Mapping
from datetime import date, timedelta


def _weekdays_through(ordinal: int) -> int:
    """How many Mondays..Fridays lie in ordinals [1, ordinal] (ordinal 1 is Monday 1 Jan 0001)."""
    weeks, rest = divmod(ordinal, 7)
    return weeks * 5 + min(rest, 5)


class CalendarRangeError(LookupError):
    """A date outside the years the calendar's holiday data covers: answering would be a guess."""


class Calendar:
    """The non-working days of one regime, with O(log n) working-day arithmetic.

    `non_working` maps each non-working date (other than ordinary weekends, though those may be
    listed too) to its name, used when explaining a deadline.
    """

    __slots__ = ("names", "years", "non_school", "_holidays", "_holiday_set", "_lo", "_hi")

    def __init__(
        self, non_working: Mapping[date, str], years: tuple[int, int] | None = None, non_school: frozenset = frozenset()
    ):
        self.names: dict[date, str] = dict(non_working)
        self.years = years
        self.non_school: frozenset[date] = frozenset(non_school)
        """Days that are not school days at the authority's school (SI 2004/3364 reg 3(3)): recorded like
        proclaimed days, they stop only the school count of a `school` case."""
        self._holidays = sorted(d.toordinal() for d in self.names if d.weekday() < 5)
        self._holiday_set = frozenset(self._holidays)
        first, last = years or (1, 9998)
        self._lo, self._hi = date(first, 1, 1).toordinal(), date(last, 12, 31).toordinal()

    def _covered(self, o: int) -> int:
        if not self._lo <= o <= self._hi:
            raise CalendarRangeError(
                f"no bank holiday data for {date.fromordinal(o)} (calendar covers {self.years[0]}-{self.years[1]})"
            )
        return o

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Calendar):
            return False
        return (self.names, self.years, self.non_school) == (other.names, other.years, other.non_school)

    __hash__ = None  # type: ignore[assignment]

    def is_working_day(self, day: date) -> bool:
        return day.weekday() < 5 and day.toordinal() not in self._holiday_set

    # rank and nth_working_day are the engine's inner loop (about ten calls a case), so their arithmetic
    # is written out inline: `_weekdays_through`, its inverse (the ordinal of the k-th weekday from
    # ordinal 1: (k-1)//5 weeks of 7 days plus (k-1)%5 days), and the range check of `_covered`.

    def rank(self, day: date) -> int:
        """How many working days lie on or before `day` (from an arbitrary fixed origin)."""
        o = day.toordinal()
        if not self._lo <= o <= self._hi:
            self._covered(o)
        rest = o % 7
        return o // 7 * 5 + (rest if rest < 5 else 5) - bisect.bisect_right(self._holidays, o)

    def nth_working_day(self, rank: int) -> date:
        """The working day whose rank is `rank`: the inverse of `rank` on working days."""
        # Start from the weekday with that index, then step over the holidays on or before it until
        # the count of holidays passed stops changing. The count only grows, so the first fixed
        # point is the answer (see tests/test_calendar.py for the exhaustive check).
        holidays, passed = self._holidays, 0
        while True:
            k = rank + passed - 1
            o = k // 5 * 7 + k % 5 + 1
            now_passed = bisect.bisect_right(holidays, o)
            if now_passed == passed:
                if not self._lo <= o <= self._hi:
                    self._covered(o)
                return date.fromordinal(o)
            passed = now_passed

    def add_working_days(self, day: date, n: int) -> date:
        """The n-th working day after `day` (n >= 1), or before it when n < 0.

        For n < 0, `day` should itself be a working day (reminders count back from a due date).
        """
        if n == 0:
            raise ValueError("add_working_days needs n != 0")
        if n < 0 and not self.is_working_day(day):
            return self.nth_working_day(self.rank(day) + n + 1)
        return self.nth_working_day(self.rank(day) + n)

    def working_days_between(self, start: date, end: date) -> int:
        """Working days in (start, end]: the working-day number of `end` counted from `start`."""
        return self.rank(end) - self.rank(start)

    def working_days_inclusive(self, first: date, last: date) -> int:
        """Working days in [first, last], both ends counted (the fees rule)."""
        return self.rank(last) - self.rank(first - timedelta(days=1))

    def on_or_after(self, day: date) -> date:
        """`day` if it is a working day, else the next working day (the SAR roll-forward)."""
        return day if self.is_working_day(day) else self.nth_working_day(self.rank(day) + 1)

    @staticmethod
    def weekend_days_between(start: date, end: date) -> int:
        """Saturdays and Sundays in (start, end]."""
        o1, o2 = start.toordinal(), end.toordinal()
        return (o2 - o1) - (_weekdays_through(o2) - _weekdays_through(o1))

    def non_working_between(self, start: date, end: date) -> list[tuple[date, str]]:
        """The named non-working weekdays in (start, end], for explanations."""
        lo = bisect.bisect_right(self._holidays, start.toordinal())
        hi = bisect.bisect_right(self._holidays, end.toordinal())
        days = (date.fromordinal(o) for o in self._holidays[lo:hi])
        return [(d, self.names[d]) for d in days]
