"""Case lifecycles on the time-skipping server: one environment per test, real activities and register."""

from __future__ import annotations

from datetime import timedelta

import pytest
from temporalio.client import WorkflowUpdateFailedError

from casework import cases
from rules import Event, ProclaimedDay
from runtime.errors import UserError
from tests.conftest import running_worker
from tests.lifecycle import calendar, record, sent, sleep_until, start, today, view


async def test_a_response_in_time_gets_its_reminder_and_no_escalation(env, settings, register):
    async with running_worker(env.client, settings):
        received = await today(env)
        handle = await start(env, settings, received=received)
        cal = calendar()
        due = cal.add_working_days(received, 20)
        reminder = cal.add_working_days(due, -5)
        assert (await view(handle)).evaluation.response_due == due
        await sleep_until(env, reminder)
        assert sent(register) == [("response_reminder", reminder, "officer")]
        await record(handle, "responded", reminder, outcome="granted")
        result = await handle.result()  # time skips through the review window
        assert result.evaluation.response_in_time is True
        assert result.evaluation.closed_reason == "review_window_ended"
        assert sent(register) == [("response_reminder", reminder, "officer")]
        assert register.case("T1").closed_reason == "review_window_ended"


async def test_an_unanswered_request_is_reminded_then_escalated_twice(env, settings, register):
    async with running_worker(env.client, settings):
        received = await today(env)
        handle = await start(env, settings, received=received)
        cal = calendar()
        due = cal.add_working_days(received, 20)
        serious = cal.add_working_days(due, 20)
        await sleep_until(env, serious)
        assert sent(register) == [
            ("response_reminder", cal.add_working_days(due, -5), "officer"),
            ("response_reminder", due, "officer"),
            ("response_overdue", cal.add_working_days(due, 1), "manager"),
            ("response_overdue", cal.add_working_days(due, 1), "officer"),
            ("response_seriously_overdue", serious, "manager"),
        ]
        ev = (await view(handle, serious)).evaluation
        assert ev.overdue and ev.working_days_overdue == 20
        recipients = {n.recipient for n in register.notifications(ref="T1") if n.role == "manager"}
        assert recipients == {"manager@example.org"}


async def test_clarification_stops_the_clock_and_restarts_it(env, settings, register):
    async with running_worker(env.client, settings):
        received = await today(env)
        handle = await start(env, settings, received=received)
        cal = calendar()
        await record(handle, "clarification_requested", received)
        original_due = cal.add_working_days(received, 20)
        await sleep_until(env, cal.add_working_days(original_due, 2))
        assert sent(register) == []  # nothing is due while waiting
        answered = await today(env)
        ev = (await record(handle, "clarification_received", answered)).evaluation
        assert (ev.clock_started, ev.response_due) == (answered, cal.add_working_days(answered, 20))


async def test_a_fee_pause_moves_the_due_date_and_an_unpaid_fee_lapses(env, settings, register):
    async with running_worker(env.client, settings):
        received = await today(env)
        cal = calendar()
        paid = await start(env, settings, ref="PAID", received=received)
        await record(paid, "fee_notice_issued", received)
        await sleep_until(env, cal.add_working_days(received, 6))
        on = await today(env)
        ev = (await record(paid, "fee_paid", on)).evaluation
        paused = cal.working_days_inclusive(received, on)
        assert ev.response_due == cal.add_working_days(received, 20 + paused)

        unpaid = await start(env, settings, ref="UNPAID", received=on)
        await record(unpaid, "fee_notice_issued", on)
        result = await unpaid.result()
        assert (result.evaluation.stage, result.evaluation.closed_reason) == ("closed", "lapsed_fee")
        assert [k for k, _, _ in sent(register, "UNPAID")] == ["lapsed"]


async def test_a_public_interest_extension_moves_the_alarms(env, settings, register):
    async with running_worker(env.client, settings):
        received = await today(env)
        cal = calendar()
        handle = await start(env, settings, received=received)
        due = cal.add_working_days(received, 20)
        until = cal.add_working_days(due, 15)
        ev = (await record(handle, "extended", received, until=until)).evaluation
        assert (ev.statutory_due, ev.response_due) == (due, until)
        await sleep_until(env, cal.add_working_days(due, 3))
        assert sent(register) == []  # no reminder, no escalation against the old date
        await sleep_until(env, cal.add_working_days(until, 1))
        kinds = [(k, d) for k, d, _ in sent(register)]
        assert ("response_reminder", cal.add_working_days(until, -5)) in kinds
        assert ("response_overdue", cal.add_working_days(until, 1)) in kinds


async def test_a_review_that_passes_its_target_and_its_limit(env, settings, register):
    """The Home Office pattern: answered on working day 13, review target and limit both missed,
    completed on working day 45 of the review."""
    async with running_worker(env.client, settings):
        received = await today(env)
        cal = calendar()
        handle = await start(env, settings, received=received)
        responded = cal.add_working_days(received, 13)
        await sleep_until(env, responded)
        ev = (await record(handle, "responded", responded, outcome="part_withheld")).evaluation
        assert ev.responded_working_day == 13 and ev.response_in_time
        asked = cal.add_working_days(responded, 10)
        await sleep_until(env, asked)
        ev = (await record(handle, "review_requested", asked)).evaluation
        target, limit = cal.add_working_days(asked, 20), cal.add_working_days(asked, 40)
        assert (ev.review_due, ev.review_latest_due) == (target, limit)
        done = cal.add_working_days(asked, 45)
        await sleep_until(env, done)
        # Answered on day 13, before the day-15 reminder: only the review's alarms.
        assert sent(register) == [
            ("review_reminder", cal.add_working_days(target, -5), "officer"),
            ("review_reminder", target, "officer"),
            ("review_overdue", cal.add_working_days(target, 1), "manager"),
            ("review_limit_exceeded", cal.add_working_days(limit, 1), "manager"),
        ]
        final = (await record(handle, "review_completed", done, outcome="upheld")).evaluation
        assert (final.review_completed_within_target, final.review_completed_within_limit) == (False, False)
        result = await handle.result()
        assert result.evaluation.closed_reason == "review_completed"


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
            await cases.record_event(env.client, settings, "T1", late)
        with pytest.raises(UserError, match="no case NOPE"):
            await cases.record_event(env.client, settings, "NOPE", late)
        assert [e.type for e in register.events("T1")] == ["withdrawn"]


async def test_a_holiday_proclaimed_while_the_case_runs_moves_its_deadline(env, settings, register):
    async with running_worker(env.client, settings):
        received = await today(env)
        cal = calendar()
        handle = await start(env, settings, received=received)
        due = cal.add_working_days(received, 20)
        holiday = cal.add_working_days(received, 10)
        register.add_proclaimed(ProclaimedDay(on=holiday, name="Proclaimed for a test"))
        await handle.signal("calendar_changed")
        for _ in range(50):
            ev = (await view(handle)).evaluation
            if ev.response_due != due:
                break
            await env.sleep(timedelta(seconds=1))
        assert ev.response_due == cal.add_working_days(due, 1)


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
        assert "only be requested after the response" in str(caught.value.cause)
        with pytest.raises(WorkflowUpdateFailedError) as future:
            await record(handle, "responded", received + timedelta(days=3), outcome="granted")
        assert "in the future" in str(future.value.cause)
        with pytest.raises(WorkflowUpdateFailedError):
            await record(handle, "responded", received - timedelta(days=3), outcome="granted")
        assert register.events("T1") == []
        assert (await view(handle)).events == []
        history = await handle.fetch_history()
        assert not any(e.HasField("workflow_execution_update_accepted_event_attributes") for e in history.events)
