"""A Time for Compliance category in a running case (issue 21, wired at `new` and `import`): a school's
FOIA case on the time-skipping server counts 20 working days that are school days (SI 2004/3364 reg 3),
the days recorded as not school days (region SCH) are loaded by the calendar activity when the case starts
and again when one is added, and a standard case beside it is not moved by them. The import's `category`
column is checked row by row like the others.

FOIA's calendar is every UK bank holiday (s10(6)); in 2030 Mon 18 Mar (St Patrick's Day, observed in
Northern Ireland), Fri 19 Apr and Mon 22 Apr (Easter), Mon 6 May and Mon 27 May do not count.
Received Mon 4 Mar 2030:
- standard, 20 working days: Mar 5-8 (4), 11-15 (9), 19-22 (13), 25-29 (18), Apr 1 (19), Tue 2 Apr (20);
- school, with 25-29 Mar not school days: 13 by Fri 22 Mar, Apr 1-5 (18), Apr 8 (19), Tue 9 Apr (20);
- school, with 1-5 Apr not school days too: 13 by Fri 22 Mar, Apr 8-12 (18), Apr 15 (19), Tue 16 Apr (20);
  the 60th working day is later (Apr 3-5 (23), 8-12 (28), 15-18 (32), 23-26 (36), 29-30 (38), May 1-3 (41),
  7-10 (45), 13-17 (50), 20-24 (55), 28-31 (59), Mon 3 Jun (60)), so Tue 16 Apr is the day.
"""

from __future__ import annotations

from datetime import date, timedelta

from importing.bulk_import import check
from reports.quarterly import evaluations
from rules import ProclaimedDay
from tests.conftest import running_worker
from tests.lifecycle import freeze_at, record, sent, sleep_until, start, view

D = date.fromisoformat
RECEIVED = D("2030-03-04")  # a Monday
STANDARD_DUE = D("2030-04-02")
SCHOOL_DUE_ONE_WEEK_OFF = D("2030-04-09")
SCHOOL_DUE_TWO_WEEKS_OFF = D("2030-04-16")


def _not_school_days(register, first: date) -> None:
    for n in range(5):  # Monday to Friday
        register.add_proclaimed(ProclaimedDay(on=first + timedelta(days=n), name="Easter holidays", region="SCH"))


async def test_a_school_case_counts_school_days_recorded_before_and_while_it_runs(env, settings, register):
    _not_school_days(register, D("2030-03-25"))
    async with running_worker(env.client, settings):
        received = await freeze_at(env, RECEIVED)
        school = await start(env, settings, ref="T1", received=received, category="school")
        standard = await start(env, settings, ref="T2", received=received)
        assert (await view(school)).evaluation.statutory_due == SCHOOL_DUE_ONE_WEEK_OFF
        assert (await view(standard)).evaluation.statutory_due == STANDARD_DUE
        assert (register.case("T1").category, register.case("T2").category) == ("school", "standard")

        _not_school_days(register, D("2030-04-01"))
        for handle in (school, standard):
            await handle.signal("calendar_changed")
        for _ in range(50):
            ev = (await view(school)).evaluation
            if ev.statutory_due != SCHOOL_DUE_ONE_WEEK_OFF:
                break
            await env.sleep(timedelta(seconds=1))
        assert ev.statutory_due == SCHOOL_DUE_TWO_WEEKS_OFF
        assert (await view(standard)).evaluation.statutory_due == STANDARD_DUE

        await sleep_until(env, D("2030-04-10"))
        assert "response_overdue" in [kind for kind, _, _ in sent(register, "T2")]
        assert not [kind for kind, _, _ in sent(register, "T1") if "overdue" in kind]
        ev = (await record(school, "responded", D("2030-04-10"), outcome="granted")).evaluation
        assert (ev.response_due, ev.response_in_time, ev.response_timeliness) == (
            SCHOOL_DUE_TWO_WEEKS_OFF,
            True,
            "in_time",
        )
        await sleep_until(env, D("2030-04-11"))  # the register keeps the category: its statistics agree
        rebuilt = evaluations(register, settings.policy, D("2030-04-11"))
        answered_last = sorted(rebuilt, key=lambda e: e.responded_on is not None)
        assert [(e.statutory_due, e.responded_on, e.response_in_time) for e in answered_last] == [
            (STANDARD_DUE, None, None),
            (SCHOOL_DUE_TWO_WEEKS_OFF, D("2030-04-10"), True),
        ]


def test_the_import_takes_a_category_column_and_refuses_one_foia_does_not_have(settings):
    text = (
        "ref,regime,received,category\n"
        "S-1,foia,2026-10-01,school\n"
        "S-2,foia,2026-10-01,\n"
        "S-3,eir,2026-10-01,school\n"
        "S-4,foia,2026-10-01,college\n"
    )
    checked = check(text, settings)
    assert [(c.ref, c.category) for _, c in checked.valid] == [("S-1", "school"), ("S-2", "standard")]
    assert checked.errors[0] == "line 4: category school: the Time for Compliance Regulations apply to FOIA only"
    assert checked.errors[1].startswith("line 5: category: ")
    assert "'standard', 'school' or 'archives'" in checked.errors[1]
