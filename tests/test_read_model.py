"""The register's read model follows every workflow: after a random (seeded) mix of starts, staff events,
a proclaimed bank holiday (`calendar_changed`) and time skipped, each case's register row shows what its
workflow's own evaluation says today: stage, running deadline, the deadlines that make it overdue, next
alarm, and the working days overdue the lists count at read time."""

from __future__ import annotations

import asyncio
import contextlib
import random
from datetime import date, timedelta

import pytest
from temporalio.client import WorkflowUpdateFailedError
from temporalio.service import RPCError

from casework.lists import everything, query_for
from rules import Case, Event, ProclaimedDay, RuleViolation, evaluate
from rules.bank_holidays import calendar_covering
from tests.conftest import running_worker
from tests.lifecycle import freeze_at, record, sleep_until, start, today, view

START = date(2030, 3, 4)  # a Monday
REGIMES = ("foia", "eir", "foisa", "sar")
OPENING = (
    [],
    [{"type": "responded", "outcome": "granted"}],
    [{"type": "responded", "outcome": "withheld"}, {"type": "review_requested"}],
    [{"type": "clarification_requested"}],
    [{"type": "fee_notice_issued"}],
    [{"type": "identity_requested"}],
)
LATER = (
    {"type": "responded", "outcome": "part_withheld"},
    {"type": "clarification_requested"},
    {"type": "clarification_received"},
    {"type": "fee_paid"},
    {"type": "identity_received"},
    {"type": "review_requested"},
    {"type": "review_completed", "outcome": "upheld"},
    {"type": "withdrawn"},
)


def opening_events(rng: random.Random, regime: str, received: date) -> list[Event] | None:
    """A random start of a history, dated after `received`; None if the law refuses it for the regime."""
    events, on = [], received
    for e in rng.choice(OPENING):
        on = on + timedelta(days=rng.randint(1, 12))
        events.append(Event(on=min(on, START), **e))
    try:
        evaluate(Case(regime=regime, received=received, events=events), calendar_covering(regime, received), START)
    except RuleViolation:
        return None
    return events


async def row_and_workflow(register, settings, handles, now: date) -> tuple[dict, dict]:
    listed = {c.ref: c for c in everything(register, settings, query_for(register, settings, "open", now=now))}
    got, expected = {}, {}
    for ref, handle in handles.items():
        v = await view(handle, now)  # as of today: a sleeping workflow's own clock stops at its last wake
        ev, row = v.evaluation, register.case(ref)
        alarm = (v.next_alarm.on, v.next_alarm.kind.value) if v.next_alarm else (None, None)
        days = ev.working_days_overdue or ev.review_working_days_overdue
        expected[ref] = (ev.stage.value, ev.running_due, ev.response_owed_by, ev.review_target, alarm, days)
        in_list = listed.get(ref)
        got[ref] = (
            row.stage,
            row.running_due,
            row.response_owed_by,
            row.review_target,
            (row.next_alarm_on, row.next_alarm_kind),
            in_list.working_days_overdue if in_list else 0,
        )
        assert (in_list is None) == (ev.stage.value == "closed"), ref
    return got, expected


@pytest.mark.parametrize("seed", [1, 2])
async def test_every_register_row_equals_its_workflows_evaluation(env, settings, register, seed):
    rng = random.Random(seed)
    async with running_worker(env.client, settings):
        now = await freeze_at(env, START)
        handles = {}
        for n in range(10):
            regime, received = rng.choice(REGIMES), START - timedelta(days=rng.randint(0, 50))
            events = opening_events(rng, regime, received)
            if events is None:
                continue
            ref = f"RM-{seed}-{n}"
            handles[ref] = await start(
                env, settings, ref=ref, regime=regime, received=received, events=events, subject=f"case {n}"
            )
        holiday_added = False
        for step in range(6):
            now = now + timedelta(days=rng.randint(2, 9))
            await sleep_until(env, now)
            for ref in rng.sample(sorted(handles), k=len(handles) // 2):
                fields = dict(rng.choice(LATER))
                # the law may refuse it for this case, or the case may have ended: then nothing is recorded
                with contextlib.suppress(WorkflowUpdateFailedError, RPCError):
                    await record(handles[ref], fields.pop("type"), now, **fields)
            if not holiday_added and step >= 2:
                holiday = now + timedelta(days=3)
                while holiday.weekday() >= 5:
                    holiday += timedelta(days=1)
                register.add_proclaimed(ProclaimedDay(on=holiday, name="Proclaimed for the read-model test"))
                for handle in handles.values():
                    with contextlib.suppress(RPCError):  # an ended case has nothing to re-evaluate
                        await handle.signal("calendar_changed")
                holiday_added = True
        await sleep_until(env, now + timedelta(days=rng.randint(5, 30)))
        now = await today(env)
        for _ in range(50):  # the last activities may still be landing in the register
            got, expected = await row_and_workflow(register, settings, handles, now)
            if got == expected:
                break
            await asyncio.sleep(0.2)
        assert got == expected
        assert len(handles) >= 6
