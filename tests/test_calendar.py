"""Working-day arithmetic against a naive day-by-day walk, on random calendars."""

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from rules.calendar import Calendar, CalendarRangeError
from rules.dates import add_months, last_day_of_months_beginning_with

days = st.dates(min_value=date(2000, 1, 1), max_value=date(2040, 12, 31))
holiday_sets = st.sets(st.dates(min_value=date(1999, 12, 1), max_value=date(2041, 3, 1)), max_size=80)


def naive_add(cal_days: set[date], start: date, n: int) -> date:
    d, step, left = start, (1 if n > 0 else -1), abs(n)
    while left:
        d += timedelta(days=step)
        if d.weekday() < 5 and d not in cal_days:
            left -= 1
    return d


@given(holiday_sets, days, st.integers(min_value=1, max_value=60))
def test_add_working_days_matches_a_walk(holidays, start, n):
    cal = Calendar({d: "h" for d in holidays})
    assert cal.add_working_days(start, n) == naive_add(holidays, start, n)


@given(holiday_sets, days, st.integers(min_value=-30, max_value=-1))
def test_counting_back_matches_a_walk(holidays, start, n):
    cal = Calendar({d: "h" for d in holidays})
    assert cal.add_working_days(start, n) == naive_add(holidays, start, n)


@given(holiday_sets, days, st.integers(min_value=0, max_value=400))
def test_working_days_between_counts_the_working_days_after_start(holidays, start, span):
    cal = Calendar({d: "h" for d in holidays})
    end = start + timedelta(days=span)
    walked = sum(1 for i in range(1, span + 1) if (d := start + timedelta(days=i)).weekday() < 5 and d not in holidays)
    assert cal.working_days_between(start, end) == walked


@given(holiday_sets, days)
def test_on_or_after_is_the_first_working_day_not_before(holidays, start):
    cal = Calendar({d: "h" for d in holidays})
    got = cal.on_or_after(start)
    assert cal.is_working_day(got) and got >= start
    assert all(not cal.is_working_day(start + timedelta(days=i)) for i in range((got - start).days))


def test_a_long_run_of_holidays_is_stepped_over():
    run = {date(2024, 1, 1) + timedelta(days=i): "closure" for i in range(40)}
    cal = Calendar(run)
    assert cal.add_working_days(date(2023, 12, 29), 1) == date(2024, 2, 12)


def test_dates_outside_the_covered_years_are_refused_not_guessed():
    cal = Calendar({}, years=(2020, 2022))
    try:
        cal.add_working_days(date(2022, 12, 30), 5)
    except CalendarRangeError as exc:
        assert "2020-2022" in str(exc)
    else:
        raise AssertionError("expected CalendarRangeError")


def test_month_arithmetic_clamps_to_the_end_of_the_month():
    assert add_months(date(2021, 1, 31), 1) == date(2021, 2, 28)
    assert add_months(date(2024, 1, 31), 1) == date(2024, 2, 29)
    assert add_months(date(2021, 11, 30), 3) == date(2022, 2, 28)
    assert add_months(date(2021, 4, 21), 2) == date(2021, 6, 21)


def test_a_period_beginning_with_a_day_ends_the_day_before_the_corresponding_date():
    assert last_day_of_months_beginning_with(date(2021, 3, 3), 3) == date(2021, 6, 2)
    assert last_day_of_months_beginning_with(date(2021, 1, 31), 3) == date(2021, 4, 30)
    assert last_day_of_months_beginning_with(date(2021, 11, 30), 3) == date(2022, 2, 28)


@given(days, st.integers(min_value=0, max_value=400))
def test_weekend_days_between_counts_saturdays_and_sundays(start, span):
    end = start + timedelta(days=span)
    walked = sum(1 for i in range(1, span + 1) if (start + timedelta(days=i)).weekday() >= 5)
    assert Calendar.weekend_days_between(start, end) == walked
