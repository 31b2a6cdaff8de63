"""Putting a Temporal Schedule in place: the one way the worker's daily jobs (the digest, the retention
run) are created on start, or brought up to the current settings when they exist already; any number of
workers may do so at once."""

from __future__ import annotations

from temporalio.client import Client, Schedule, ScheduleAlreadyRunningError, ScheduleUpdate


async def ensure_schedule(client: Client, schedule_id: str, schedule: Schedule) -> None:
    try:
        await client.create_schedule(schedule_id, schedule)
    except ScheduleAlreadyRunningError:
        await client.get_schedule_handle(schedule_id).update(lambda _: ScheduleUpdate(schedule=schedule))
