"""The one definition of a case worker: the workflows it runs (cases, the daily digest), its activities
built once with their dependencies (the register, the mail transport), its thread pool, and the
interceptor that refuses an update its sender stopped waiting for (runtime/late_updates.py).
`worker.py`, the tests and the benchmarks all run exactly this.

Stopping waits for the activities in flight, for at most `stop_within` seconds when given (the worker
process: `FOI_WORKER_STOP_SECONDS`): an activity blocked in its thread (a database lock, a silent mail
server) cannot be interrupted, so the worker stops without it; it is idempotent, and Temporal retries it
once its timeout passes."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import asynccontextmanager

from temporalio.client import Client
from temporalio.worker import Worker

from activities.calendar import Calendars
from activities.digest import Digests
from activities.notify import Notifications
from activities.record import Records
from activities.retention import Retention
from register import Register
from runtime.connection import address_configured
from runtime.late_updates import RefuseLateUpdates
from settings import Settings
from workflows import CaseWorkflow
from workflows.digest import DigestWorkflow
from workflows.retention import RetentionWorkflow


def activities(settings: Settings) -> list:
    """Every activity, as a method bound to the one instance of its class."""
    register = Register(settings.register_url)
    calendars = Calendars(register, settings.policy, settings.alarms, settings.clearance)
    records = Records(register)
    notifications = Notifications.for_settings(register, settings)
    digests = Digests.for_settings(register, settings)
    embedded_db = None if address_configured() else settings.data_dir / "temporal.db"  # worker.py's own server
    retention = Retention(register, settings.retention, settings.alarms.timezone, embedded_db)
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
        retention.erase_due_cases,
        retention.delete_case_histories,
        retention.compact_temporal_database,
    ]


log = logging.getLogger("foi.worker")


@asynccontextmanager
async def running_worker(
    client: Client, settings: Settings, threads: int = 16, stop_within: float | None = None
) -> AsyncIterator[Worker]:
    pool = ThreadPoolExecutor(max_workers=threads)
    worker = Worker(
        client,
        task_queue=settings.task_queue,
        workflows=[CaseWorkflow, DigestWorkflow, RetentionWorkflow],
        activities=activities(settings),
        activity_executor=pool,
        interceptors=[RefuseLateUpdates()],
        max_cached_workflows=settings.worker_cached_cases,  # a case out of the cache is replayed to answer
    )
    await worker.__aenter__()
    try:
        yield worker
    finally:
        stopping = asyncio.ensure_future(worker.__aexit__(None, None, None))
        done, _ = await asyncio.wait({stopping}, timeout=stop_within)
        stopped = bool(done)
        if not stopped:
            log.warning("stopped without waiting longer for the activities still running; Temporal retries them")
        pool.shutdown(wait=stopped, cancel_futures=True)
        if stopped:
            stopping.result()
