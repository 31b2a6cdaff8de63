"""docs/officer.md's promises that nothing else exercised: `new --events` and `record --until --exceptional` as a
person types them, the late-review reopen of a case whose last run did not close normally, and the yearly
renewal of a long-running case's calendar. Expected dates are written by hand or come from the tests'
naive calendar, never the engine."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest

from casework import cases
from casework.today import today
from rules import Event
from runtime.errors import UserError
from tests.conftest import running_worker
from tests.helpers import STAFF
from tests.lifecycle import freeze_at, start, view
from tests.naive_law import naive_calendar
from tests.processes import Deployment

D = date.fromisoformat


@pytest.fixture
def deployment(tmp_path):
    d = Deployment(tmp_path)
    d.start_worker()
    yield d
    if d.worker.poll() is None:
        d.stop_worker()


@pytest.mark.slow
def test_new_with_events_and_an_exceptional_extension_from_the_command_line(deployment, tmp_path):
    d = deployment
    history = tmp_path / "63509.json"
    history.write_text(json.dumps([{"type": "responded", "on": "2021-04-21", "outcome": "part_withheld"}]))
    out = d.starter("new", "--ref", "63509", "--regime", "foia", "--received", "2021-03-31", "--events", str(history))
    assert out.returncode == 0, out.stderr
    shown = d.json("show", "63509")
    assert (shown["responded_on"], shown["response_in_time"], shown["responded_working_day"]) == (
        "2021-04-21",
        True,
        13,
    )

    received = today("Europe/London") - timedelta(days=7)
    assert d.starter("new", "--ref", "X2", "--regime", "foia", "--received", received.isoformat()).returncode == 0
    calendar = naive_calendar("foia")
    due = calendar.nth_working_day_after(received, 20)
    beyond_cap = calendar.nth_working_day_after(due, 25).isoformat()  # the ICO's cap is 20 further days
    refused = d.starter("record", "X2", "extended", "--until", beyond_cap)
    assert refused.returncode == 2 and "mark it exceptional" in refused.stderr
    allowed = d.starter("record", "X2", "extended", "--until", beyond_cap, "--exceptional")
    assert allowed.returncode == 0, allowed.stderr
    shown = d.json("show", "X2")
    assert (shown["statutory_due"], shown["response_due"]) == (due.isoformat(), beyond_cap)


async def test_a_late_review_of_a_case_whose_last_run_failed_is_refused_in_one_line(env, settings):
    async with running_worker(env.client, settings):
        handle = await start(env, settings, ref="T9", received=await freeze_at(env, D("2030-03-04")))
        await handle.terminate("operator error")
        late = Event(type="review_requested", on=D("2030-03-04"))
        with pytest.raises(UserError, match="case T9 is not running and did not close normally"):
            await cases.record_event(env.client, settings, "T9", late, STAFF)


async def test_a_long_running_case_renews_its_calendar_each_year(env, settings):
    """Received Mon 4 Mar 2030 (calendar loaded for 2029-2032), never answered: on 1 Jan 2032 the case
    loads the years to 2034, and its working days overdue keep counting across them."""
    async with running_worker(env.client, settings):
        handle = await start(env, settings, received=await freeze_at(env, D("2030-03-04")))
        await env.sleep(D("2032-01-06") - D("2030-03-04"))
        v = await view(handle, D("2032-01-06"))
        assert v.evaluation.overdue
        loads = [
            json.loads(p.data)
            for e in (await handle.fetch_history()).events
            if e.marker_recorded_event_attributes.marker_name == "core_local_activity"
            for p in e.marker_recorded_event_attributes.details["data"].payloads
        ]
        assert [m["activity_type"] for m in loads].count("load_case_context") == 2
        # Due Tue 2 Apr 2030; the naive calendar counts the working days to Tue 6 Jan 2032.
        assert v.evaluation.working_days_overdue == naive_calendar("foia").working_days_in(
            D("2030-04-02"), D("2032-01-06")
        )
