"""Case lifecycles on the time-skipping server: one environment per test, real activities and register.

The clock is frozen at a fixed day (`freeze_at`), so every expected date is written down by hand from
the law (UK calendar, FOIA): received Mon 4 Mar 2030; Mon 18 Mar (St Patrick's Day observed, Northern
Ireland), Good Friday 19 Apr, Easter Monday 22 Apr, Mon 6 May and Mon 27 May 2030 do not count.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from temporalio.client import WorkflowUpdateFailedError

from casework import cases
from rules import Event, ProclaimedDay
from runtime.errors import UserError
from tests.conftest import running_worker
from tests.helpers import STAFF
from tests.lifecycle import freeze_at, record, sent, sleep_until, start, today, view

D = date.fromisoformat
RECEIVED = D("2030-03-04")  # a Monday
DUE = D("2030-04-02")  # day 20: Tue 5 .. Fri 15 Mar (9), Tue 19 .. Fri 29 Mar (18), Mon 1 (19), Tue 2 Apr (20)
REMINDER = D("2030-03-26")  # five working days before the due date
OVERDUE = D("2030-04-03")  # the next working day


async def test_a_response_in_time_gets_its_reminder_and_no_escalation(env, settings, register):
    async with running_worker(env.client, settings):
        handle = await start(env, settings, received=await freeze_at(env, RECEIVED))
        assert (await view(handle)).evaluation.response_due == DUE
        await sleep_until(env, REMINDER)
        assert sent(register) == [("response_reminder", REMINDER, "officer")]
        await record(handle, "responded", REMINDER, outcome="granted")
        result = await handle.result()  # time skips through the review window
        assert result.evaluation.response_in_time is True
        assert result.evaluation.closed_reason == "review_window_ended"
        assert result.evaluation.closed_on == D("2030-05-27")  # window: 26 Mar + 2 months = 26 May 2030
        assert sent(register) == [("response_reminder", REMINDER, "officer")]
        assert register.case("T1").closed_reason == "review_window_ended"


async def test_an_unanswered_request_is_reminded_then_escalated_twice(env, settings, register):
    async with running_worker(env.client, settings):
        handle = await start(env, settings, received=await freeze_at(env, RECEIVED))
        # 20 working days after 2 Apr, Good Friday and Easter Monday skipped: Thu 2 May 2030.
        serious = D("2030-05-02")
        await sleep_until(env, serious)
        assert sent(register) == [
            ("response_reminder", REMINDER, "officer"),
            ("response_reminder", DUE, "officer"),
            ("response_overdue", OVERDUE, "manager"),
            ("response_overdue", OVERDUE, "officer"),
            ("response_seriously_overdue", serious, "manager"),
        ]
        ev = (await view(handle, serious)).evaluation
        assert ev.overdue and ev.working_days_overdue == 20
        recipients = {n.recipient for n in register.notifications(ref="T1") if n.role == "manager"}
        assert recipients == {"manager@example.org"}


async def test_clarification_stops_the_clock_and_restarts_it(env, settings, register):
    async with running_worker(env.client, settings):
        handle = await start(env, settings, received=await freeze_at(env, RECEIVED))
        await record(handle, "clarification_requested", RECEIVED)
        answered = D("2030-04-04")  # two working days after the original due date
        await sleep_until(env, answered)
        assert sent(register) == []  # nothing is due while waiting
        ev = (await record(handle, "clarification_received", answered)).evaluation
        # A fresh 20 from Thu 4 Apr: Easter and Mon 6 May skipped, Tue 7 May 2030.
        assert (ev.clock_started, ev.response_due) == (answered, D("2030-05-07"))


async def test_a_fee_pause_moves_the_due_date_and_an_unpaid_fee_lapses(env, settings, register):
    async with running_worker(env.client, settings):
        paid = await start(env, settings, ref="PAID", received=await freeze_at(env, RECEIVED))
        await record(paid, "fee_notice_issued", RECEIVED)
        on = D("2030-03-12")
        await sleep_until(env, on)
        ev = (await record(paid, "fee_paid", on)).evaluation
        # Tue 5 .. Tue 12 Mar disregarded (the day of receipt moves nothing); the 20 run from Wed 13 Mar:
        # 13-15 (3), 19-22 (7), 25-29 (12), 1-5 Apr (17), 8, 9, 10 Apr (20).
        assert ev.response_due == D("2030-04-10")

        unpaid = await start(env, settings, ref="UNPAID", received=on)
        await record(unpaid, "fee_notice_issued", on)
        result = await unpaid.result()
        assert (result.evaluation.stage, result.evaluation.closed_reason) == ("closed", "lapsed_fee")
        assert result.evaluation.closed_on == D("2030-06-12")  # 3 months beginning with 12 Mar end on 11 Jun
        assert [k for k, _, _ in sent(register, "UNPAID")] == ["lapsed"]


async def test_a_public_interest_extension_moves_the_alarms(env, settings, register):
    async with running_worker(env.client, settings):
        handle = await start(env, settings, received=await freeze_at(env, RECEIVED))
        until = D("2030-04-25")  # 15 working days after the due date, Easter skipped
        ev = (await record(handle, "extended", RECEIVED, until=until)).evaluation
        assert (ev.statutory_due, ev.response_due) == (DUE, until)
        await sleep_until(env, D("2030-04-05"))
        assert sent(register) == []  # no reminder, no escalation against the old date
        await sleep_until(env, D("2030-04-26"))
        kinds = [(k, d) for k, d, _ in sent(register)]
        assert ("response_reminder", D("2030-04-16")) in kinds  # five working days before 25 Apr
        assert ("response_overdue", D("2030-04-26")) in kinds


async def test_a_review_that_passes_its_target_and_its_limit(env, settings, register):
    """The Home Office pattern: answered on working day 13, review target and limit both missed,
    completed on working day 45 of the review."""
    async with running_worker(env.client, settings):
        handle = await start(env, settings, received=await freeze_at(env, RECEIVED))
        responded = D("2030-03-22")  # working day 13
        await sleep_until(env, responded)
        ev = (await record(handle, "responded", responded, outcome="part_withheld")).evaluation
        assert ev.responded_working_day == 13 and ev.response_in_time
        asked = D("2030-04-05")  # ten working days later
        await sleep_until(env, asked)
        ev = (await record(handle, "review_requested", asked)).evaluation
        # Target: 20 working days, Easter and Mon 6 May skipped: Wed 8 May. Limit: 40, Mon 27 May
        # skipped too: Thu 6 Jun 2030. Completed on working day 45: Thu 13 Jun.
        target, limit, done = D("2030-05-08"), D("2030-06-06"), D("2030-06-13")
        assert (ev.review_due, ev.review_latest_due) == (target, limit)
        await sleep_until(env, done)
        # Answered on day 13, before the day-15 reminder: only the review's alarms.
        assert sent(register) == [
            ("review_reminder", D("2030-04-30"), "officer"),
            ("review_reminder", target, "officer"),
            ("review_overdue", D("2030-05-09"), "manager"),
            ("review_limit_exceeded", D("2030-06-07"), "manager"),
        ]
        final = (await record(handle, "review_completed", done, outcome="upheld")).evaluation
        assert (final.review_completed_within_target, final.review_completed_within_limit) == (False, False)
        result = await handle.result()
        assert result.evaluation.closed_reason == "review_completed"


async def test_a_review_of_a_failure_to_respond_keeps_the_response_owed(env, settings, register):
    async with running_worker(env.client, settings):
        handle = await start(env, settings, received=await freeze_at(env, RECEIVED))
        asked = D("2030-04-08")  # four working days after the due date
        await sleep_until(env, asked)
        ev = (await record(handle, "review_requested", asked)).evaluation
        # Review target: 20 working days after Mon 8 Apr, Easter and Mon 6 May skipped: Thu 9 May 2030.
        assert (ev.stage, ev.review_due, ev.overdue, ev.working_days_overdue) == ("in_review", D("2030-05-09"), True, 4)
        answered = D("2030-05-03")
        await sleep_until(env, answered)
        # The response is still owed, so its escalation still comes, beside the review's reminder.
        assert ("response_seriously_overdue", D("2030-05-02"), "manager") in sent(register)
        assert ("review_reminder", D("2030-05-01"), "officer") in sent(register)
        ev = (await record(handle, "responded", answered, outcome="granted")).evaluation
        assert (ev.stage, ev.overdue, ev.response_timeliness) == ("in_review", False, "late")


async def test_a_withdrawn_case_closes_at_once_and_sends_nothing(env, settings, register):
    async with running_worker(env.client, settings):
        received = await today(env)
        handle = await start(env, settings, received=received)
        await record(handle, "withdrawn", received)
        result = await handle.result()
        assert result.evaluation.closed_reason == "withdrawn"
        assert sent(register) == []
        assert [e.type for e in register.events("T1")] == ["withdrawn"]
        late = Event(type="responded", on=received, outcome="granted")
        with pytest.raises(UserError, match=f"case T1 is closed \\(withdrawn on {received}\\)"):
            await cases.record_event(env.client, settings, "T1", late, STAFF)
        with pytest.raises(UserError, match="no case NOPE"):
            await cases.record_event(env.client, settings, "NOPE", late, STAFF)
        assert [e.type for e in register.events("T1")] == ["withdrawn"]


async def test_a_holiday_proclaimed_while_the_case_runs_moves_its_deadline(env, settings, register):
    async with running_worker(env.client, settings):
        handle = await start(env, settings, received=await freeze_at(env, RECEIVED))
        register.add_proclaimed(ProclaimedDay(on=D("2030-03-19"), name="Proclaimed for a test"))
        await handle.signal("calendar_changed")
        for _ in range(50):
            ev = (await view(handle)).evaluation
            if ev.response_due != DUE:
                break
            await env.sleep(timedelta(seconds=1))
        assert ev.response_due == D("2030-04-03")


async def test_a_back_dated_case_sends_only_its_most_severe_alarm_once(env, settings, register):
    async with running_worker(env.client, settings):
        received = (await today(env)) - timedelta(days=120)
        handle = await start(env, settings, received=received)
        await env.sleep(timedelta(minutes=5))
        assert [(k, r) for k, _, r in sent(register)] == [("response_seriously_overdue", "manager")]
        ev = (await view(handle)).evaluation
        assert ev.overdue and ev.stage == "awaiting_response"


async def test_an_invalid_action_is_rejected_and_nothing_is_recorded(env, settings, register):
    async with running_worker(env.client, settings):
        received = await today(env)
        handle = await start(env, settings, received=received)
        with pytest.raises(WorkflowUpdateFailedError) as caught:
            await record(handle, "review_requested", received)
        assert "a review of a failure to respond can be asked for only after that" in str(caught.value.cause)
        with pytest.raises(WorkflowUpdateFailedError) as future:
            await record(handle, "responded", received + timedelta(days=3), outcome="granted")
        assert "in the future" in str(future.value.cause)
        with pytest.raises(WorkflowUpdateFailedError):
            await record(handle, "responded", received - timedelta(days=3), outcome="granted")
        assert register.events("T1") == []
        assert (await view(handle)).events == []
        history = await handle.fetch_history()
        assert not any(e.HasField("workflow_execution_update_accepted_event_attributes") for e in history.events)
