"""Helpers for lifecycle tests on the time-skipping server: start a case, move time to a local date
and hour, read what the register received."""

from __future__ import annotations

import asyncio
from datetime import date, datetime, time, timedelta

from temporalio.client import WorkflowHandle
from temporalio.testing import WorkflowEnvironment

from messages import CaseInput, CaseView
from rules import Event, Regime
from rules.bank_holidays import calendar_for
from workflows import CaseWorkflow, workflow_id
from workflows.zones import at_local, local_date

TZ = "Europe/London"


async def today(env: WorkflowEnvironment) -> date:
    return local_date(await env.get_current_time(), TZ)


async def freeze_at(env: WorkflowEnvironment, day: date) -> date:
    """Move the time-skipping server's clock to 08:00 London time on `day`, so that a test's dates are
    fixed and its expected dates can be written down by hand (alarms fire at 09:00)."""
    await sleep_until(env, day, hour=8)
    return day


def calendar(regime: str = "foia"):
    year = datetime.now().year
    return calendar_for(Regime(regime), year - 2, year + 3)


async def start(env, settings, ref="T1", regime="foia", received: date | None = None, events=(), **kw):
    received = received or await today(env)
    case = CaseInput(
        ref=ref,
        regime=regime,
        received=received,
        events=list(events),
        officer="officer@example.org",
        manager="manager@example.org",
        **kw,
    )
    handle = await env.client.start_workflow(
        CaseWorkflow.run, case, id=workflow_id(ref), task_queue=settings.task_queue, result_type=CaseView
    )
    await view(handle)  # started: calendar loaded and the case registered
    return handle


async def view(handle: WorkflowHandle, as_of: date | None = None) -> CaseView:
    for _ in range(100):
        try:
            return await handle.query(CaseWorkflow.view, as_of)
        except Exception as exc:  # noqa: BLE001 - only "still starting" is retried
            if "still starting" not in str(exc):
                raise
            await asyncio.sleep(0.05)
    raise AssertionError("case never started")


async def sleep_until(env: WorkflowEnvironment, day: date, hour: int = 10) -> None:
    """Skip time to `hour`:00 London time on `day` (alarms fire at 09:00)."""
    delta = at_local(day, time(hour), TZ) - await env.get_current_time()
    assert delta > timedelta(0), f"{day} {hour}:00 is already past"
    await env.sleep(delta)
    await asyncio.sleep(0.3)  # let the woken workflow's activities land in the register


async def record(handle: WorkflowHandle, type_: str, on: date, **kw) -> CaseView:
    return await handle.execute_update(CaseWorkflow.record, Event(type=type_, on=on, **kw))


def sent(register, ref="T1") -> list[tuple[str, date, str]]:
    """(kind, alarm date, role) of every notification for the case, oldest first."""
    return sorted(
        ((n.kind, n.alarm_on, n.role) for n in register.notifications(ref=ref)), key=lambda x: (x[1], x[0], x[2])
    )


async def act(handle: WorkflowHandle, update, action) -> CaseView:
    """A staff action's update (record_event, void_event, amend_event, assign) on the case."""
    return await handle.execute_update(update, action)
