"""The one definition of a case worker: the workflows it runs (cases, the daily digest), its activities
built once with their dependencies (the register, the mail transport), its thread pool, and the
interceptor that refuses an update its sender stopped waiting for (runtime/update_deadline.py).
`worker.py`, the tests and the benchmarks all run exactly this."""

from __future__ import annotations

from collections.abc import AsyncIterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import asynccontextmanager

from temporalio.client import Client
from temporalio.worker import Worker

from activities.calendar import Calendars
from activities.digest import Digests
from activities.notify import Notifications
from activities.record import Records
from register import Register
from runtime.update_deadline import RefuseLateUpdates
from settings import Settings
from workflows import CaseWorkflow
from workflows.digest import DigestWorkflow


def activities(settings: Settings) -> list:
    """Every activity, as a method bound to the one instance of its class."""
    register = Register(settings.register_url)
    calendars = Calendars(register, settings.policy, settings.alarms)
    records = Records(register)
    notifications = Notifications.for_settings(register, settings)
    digests = Digests.for_settings(register, settings)
    return [
        calendars.load_case_context,
        records.register_case,
        records.record_event,
        records.record_evaluation,
        records.record_correction,
        records.record_assignment,
        notifications.deliver_alarm,
        notifications.withdraw_alarm,
        digests.send_digests,
    ]


@asynccontextmanager
async def running_worker(client: Client, settings: Settings, threads: int = 16) -> AsyncIterator[Worker]:
    with ThreadPoolExecutor(max_workers=threads) as pool:
        async with Worker(
            client,
            task_queue=settings.task_queue,
            workflows=[CaseWorkflow, DigestWorkflow],
            activities=activities(settings),
            activity_executor=pool,
            interceptors=[RefuseLateUpdates()],
        ) as worker:
            yield worker
