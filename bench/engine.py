"""How fast is the engine? "Add 20 working days" and one full case evaluation, beside
numpy.busday_offset and workalendar on the same FOIA calendar, measured in the same run.

    python bench/engine.py [CALLS]    (calls per timing of one addition, default 20000; the test suite runs 20)
"""

from __future__ import annotations

import random
import sys
import timeit
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import numpy as np  # noqa: E402

from bench.common import show  # noqa: E402
from rules import Case, Event, Regime, evaluate  # noqa: E402
from rules.bank_holidays import calendar_for  # noqa: E402


def per_call(fn, number: int) -> float:
    """Best of five runs, in microseconds per call."""
    return min(timeit.repeat(fn, number=number, repeat=5)) / number * 1e6


def measure(calls: int = 20000) -> list[tuple[str, float]]:
    cal = calendar_for(Regime.foia, 2015, 2030)
    rng = random.Random(7)
    starts = [date(2016, 1, 1) + timedelta(days=rng.randrange(365 * 12)) for _ in range(1000)]
    holidays = np.array(sorted(cal.names), dtype="datetime64[D]")
    bdcal = np.busdaycalendar(weekmask="1111100", holidays=holidays)
    np_starts = np.array(starts, dtype="datetime64[D]")

    # Same answers first: a benchmark of two different things would be meaningless. From a working
    # day both count the same; from a weekend numpy rolls forward first (one day more than the law).
    rolled = [cal.on_or_after(d) for d in starts]
    expect = np.busday_offset(np.array(rolled, dtype="datetime64[D]"), 20, roll="forward", busdaycal=bdcal)
    assert [cal.add_working_days(d, 20) for d in rolled] == [t.astype(object) for t in expect]

    i = iter(range(10**9))
    add_ours = per_call(lambda: cal.add_working_days(starts[next(i) % 1000], 20), calls)
    j = iter(range(10**9))
    add_np_scalar = per_call(
        lambda: np.busday_offset(np_starts[next(j) % 1000], 20, roll="forward", busdaycal=bdcal), calls
    )
    vector_calls = max(1, calls // 100)
    add_np_vector = (
        per_call(lambda: np.busday_offset(np_starts, 20, roll="forward", busdaycal=bdcal), vector_calls) / 1000
    )

    from workalendar.core import SAT, SUN
    from workalendar.core import Calendar as WorkalendarCalendar

    class SameDays(WorkalendarCalendar):  # weekends only; our bank holidays passed as extra holidays
        WEEKEND_DAYS = (SAT, SUN)

        def get_calendar_holidays(self, year):
            return []

    wk, extra = SameDays(), sorted(cal.names)
    assert [wk.add_working_days(d, 20, extra_holidays=extra) for d in rolled[:50]] == [
        cal.add_working_days(d, 20) for d in rolled[:50]
    ]
    k = iter(range(10**9))
    wk_calls = max(1, calls * 3 // 200)
    add_wk = per_call(lambda: wk.add_working_days(rolled[next(k) % 1000], 20, extra_holidays=extra), wk_calls)

    case = Case(
        regime="foia",
        received=date(2021, 3, 31),
        events=[
            Event(type="responded", on=date(2021, 4, 21), outcome="withheld"),
            Event(type="review_requested", on=date(2021, 6, 22)),
            Event(type="review_completed", on=date(2021, 8, 26), outcome="upheld"),
        ],
    )
    as_of = date(2021, 8, 26)
    one_case = per_call(lambda: evaluate(case, cal, as_of), max(1, calls // 4))
    return [
        ("add 20 working days (rules.Calendar), µs", add_ours),
        ("add 20 working days (numpy.busday_offset, one date), µs", add_np_scalar),
        ("add 20 working days (numpy.busday_offset, 1,000-date array, per date), µs", add_np_vector),
        ("add 20 working days (workalendar), µs", add_wk),
        ("ratio ours / numpy one date", add_ours / add_np_scalar),
        ("workalendar time / ours (times faster)", add_wk / add_ours),
        ("full evaluation of the Home Office case, µs", one_case),
    ]


def main(calls: int = 20000) -> list[tuple[str, float]]:
    rows = measure(calls)
    return show("engine benchmark", rows)


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 20000)
