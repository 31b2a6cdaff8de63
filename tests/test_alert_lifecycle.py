"""Alerts a manager can trust, through the case workflow on the time-skipping server: a back-dated start
settles before it alarms, an alarm the history recorded later proves wrong is withdrawn with a
correction, and an alarm that only waits for a digest is queued without a scheduled activity.

Dates written down by hand (UK calendar, FOIA; as tests/test_lifecycle.py): received Mon 4 Mar 2030, the
response was due Tue 2 Apr 2030, seriously overdue (20 working days later, Good Friday 19 Apr and Easter
Monday 22 Apr skipped) on Thu 2 May 2030. The clock is frozen on Mon 3 Jun 2030 at 08:00, so the case is
moved in back-dated with its seriously-overdue alarm already due.
"""

from __future__ import annotations

import asyncio
import json
from datetime import date, timedelta

from temporalio.api.enums.v1 import EventType

from tests.conftest import running_worker
from tests.lifecycle import freeze_at, record, sent, start

D = date.fromisoformat
RECEIVED, SERIOUS, TODAY = D("2030-03-04"), D("2030-05-02"), D("2030-06-03")
ESCALATION = ("response_seriously_overdue", SERIOUS, "manager")


def immediate(settings):
    return settings.model_copy(update={"alarms": settings.alarms.model_copy(update={"manager_delivery": "immediate"})})


async def pass_time(env, minutes: float) -> None:
    await env.sleep(timedelta(minutes=minutes))
    await asyncio.sleep(0.3)  # let the woken workflow's activities land in the register


async def until_sent(register, count: int = 1, ref: str = "T1") -> list:
    for _ in range(100):
        if len(sent(register, ref)) >= count:
            return sent(register, ref)
        await asyncio.sleep(0.05)
    raise AssertionError(f"{count} alarm(s) of {ref} never arrived: {sent(register, ref)}")


async def test_history_recorded_right_after_a_back_dated_start_is_taken_into_account_first(env, settings, register):
    """docs/officer.md's flow: `new` without --events, then `record ... responded` at once: no alarm at all."""
    async with running_worker(env.client, settings):
        await freeze_at(env, TODAY)
        handle = await start(env, settings, received=RECEIVED, catch_up_grace=True)
        await pass_time(env, 5)
        await record(handle, "responded", D("2030-03-28"), outcome="granted")
        result = await handle.result()  # its review window (28 May 2030) ended: closed
        await pass_time(env, 30)
    assert result.evaluation.closed_reason == "review_window_ended"
    assert sent(register) == []


async def test_a_back_dated_start_with_nothing_recorded_alarms_when_the_grace_period_ends(env, settings, register):
    async with running_worker(env.client, settings):
        await freeze_at(env, TODAY)
        await start(env, settings, received=RECEIVED, catch_up_grace=True)
        await pass_time(env, 14)
        assert sent(register) == []  # 14 of the 15 minutes
        await pass_time(env, 2)
        assert sent(register) == [ESCALATION]


async def test_a_start_with_its_history_alarms_at_once(env, settings, register):
    """`new --events` and import start with the whole history: no grace."""
    async with running_worker(env.client, settings):
        await freeze_at(env, TODAY)
        await start(env, settings, received=RECEIVED)
        assert await until_sent(register) == [ESCALATION]


async def test_a_response_recorded_later_but_sent_in_time_withdraws_the_escalation(env, settings, register):
    async with running_worker(env.client, immediate(settings)):
        await freeze_at(env, TODAY)
        handle = await start(env, settings, received=RECEIVED)
        await until_sent(register)
        await record(handle, "responded", D("2030-03-28"), outcome="granted")
        await handle.result()
    rows = {n.kind: n for n in register.notifications(ref="T1")}
    reason = "the response was recorded as sent on Thu 28 Mar 2030, in time"
    assert set(rows) == {"response_seriously_overdue", "withdrawn"}
    original, correction = rows["response_seriously_overdue"], rows["withdrawn"]
    assert (original.status, original.withdrawn_reason) == ("sent", reason) and original.withdrawn_at
    assert (correction.role, correction.recipient, correction.status) == ("manager", "manager@example.org", "sent")
    assert correction.subject == "[T1] Withdrawn: SERIOUSLY OVERDUE: response was due Tue 2 Apr 2030"
    assert reason in correction.body


async def test_a_late_response_withdraws_only_the_escalations_it_came_before(env, settings, register):
    """Sent Fri 10 May 2030, after the seriously-overdue day: that alarm was true and stands. Sent Wed 10
    Apr 2030, late but before it: the alarm said the response was still outstanding, so it is withdrawn."""
    async with running_worker(env.client, immediate(settings)):
        await freeze_at(env, TODAY)
        after = await start(env, settings, ref="AFTER", received=RECEIVED)
        before = await start(env, settings, ref="BEFORE", received=RECEIVED)
        await until_sent(register, ref="AFTER")
        await until_sent(register, ref="BEFORE")
        await record(after, "responded", D("2030-05-10"), outcome="granted")
        await record(before, "responded", D("2030-04-10"), outcome="granted")
        await pass_time(env, 1)
    assert [n.withdrawn_at for n in register.notifications(ref="AFTER")] == [None]
    assert len(register.notifications(ref="AFTER")) == 1
    rows = {n.kind: n for n in register.notifications(ref="BEFORE")}
    assert (
        rows["response_seriously_overdue"].withdrawn_reason
        == "the response was recorded as sent on Wed 10 Apr 2030, late"
    )
    assert rows["withdrawn"].status == "sent"


async def test_an_alarm_for_a_digest_is_queued_by_a_local_activity_and_a_wrong_one_never_sent(env, settings, register):
    async with running_worker(env.client, settings):  # managers: the daily digest (the default)
        await freeze_at(env, TODAY)
        handle = await start(env, settings, received=RECEIVED)
        await until_sent(register)
        assert [n.status for n in register.notifications(ref="T1")] == ["queued"]
        await record(handle, "responded", D("2030-03-28"), outcome="granted")
        await handle.result()
        history = await handle.fetch_history()
    [row] = register.notifications(ref="T1")  # no correction: the manager never got it
    assert (row.status, row.sent_at) == ("withdrawn", None)
    assert row.withdrawn_reason == "the response was recorded as sent on Thu 28 Mar 2030, in time"
    scheduled = [
        e.activity_task_scheduled_event_attributes.activity_type.name
        for e in history.events
        if e.event_type == EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED
    ]
    local = [
        json.loads(p.data)["activity_type"]
        for e in history.events
        if e.marker_recorded_event_attributes.marker_name == "core_local_activity"
        for p in e.marker_recorded_event_attributes.details["data"].payloads
    ]
    assert scheduled == []
    assert local.count("deliver_alarm") == 1 and local.count("withdraw_alarm") == 1
