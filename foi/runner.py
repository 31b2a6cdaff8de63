"""The one definition of a case worker: which workflows and activities it runs, and its thread pool.
`worker.py`, the tests and the benchmarks all run exactly this."""

from __future__ import annotations

from collections.abc import AsyncIterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import asynccontextmanager

from temporalio.client import Client
from temporalio.worker import Worker

from activities import all_activities
from foi.update_deadline import RefuseLateUpdates
from workflows import CaseWorkflow


@asynccontextmanager
async def running_worker(client: Client, settings, threads: int = 16) -> AsyncIterator[Worker]:
    with ThreadPoolExecutor(max_workers=threads) as pool:
        async with Worker(
            client,
            task_queue=settings.task_queue,
            workflows=[CaseWorkflow],
            activities=all_activities(settings),
            activity_executor=pool,
            interceptors=[RefuseLateUpdates()],
        ) as worker:
            yield worker
