"""What a person types into a holiday cannot grow every running case's state (issue 25, item 3): a
proclaimed day's name is at most 100 characters, one line; a name stored before that limit is read back
cut to it, so the calendar every case loads stays small."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import text

from activities.calendar import Calendars
from messages import ContextRequest
from rules import Policy, ProclaimedDay
from rules.alarms import AlarmPolicy
from tests.processes import Deployment
from tests.test_low_findings import one_line_refusal


@pytest.mark.slow
def test_a_holiday_name_over_100_characters_is_refused_and_nothing_recorded(tmp_path):
    d = Deployment(tmp_path)
    one_line_refusal(d.starter("holiday", "add", "2027-03-01", "n" * 101), "name: String should have at most 100")
    one_line_refusal(d.starter("holiday", "add", "2027-03-01", ""), "name: String should have at least 1")
    listed = d.starter("holiday", "list")
    assert listed.returncode == 0 and listed.stdout == ""


def test_long_names_already_stored_keep_the_calendar_a_case_carries_small(register):
    for day in range(1, 19):  # the review's reproduction: 18 days of 120,000 characters each
        register.add_proclaimed(ProclaimedDay(on=date(2027, 3, day), name="placeholder"))
    with register.session() as s, s.begin():
        s.execute(text("UPDATE proclaimed_days SET name = :n"), {"n": "L" * 120_000})
    assert {len(p.name) for p in register.proclaimed()} == {100}
    context = Calendars(register, Policy(), AlarmPolicy()).load_case_context(
        ContextRequest(regime="foia", first_year=2026, last_year=2028)
    )
    assert context.non_working[date(2027, 3, 1)] == "L" * 100
    # 3 years of England's bank holidays (about 25 days) and the 18 proclaimed ones, each name at most 100
    # characters: well under Temporal's payload limits (2 MB a payload), whatever was typed before.
    assert len(context.model_dump_json()) < 10_000
