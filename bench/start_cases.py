"""Starting 1,000 cases against starting 1,000 empty workflows, same embedded dev server, one worker.

A case is started when its workflow has loaded its calendar and registered itself (two activities);
an empty workflow when it has completed. The ratio says what the case logic costs over Temporal's floor.

    python bench/start_cases.py
"""

from __future__ import annotations

import asyncio
import sys
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from temporalio.worker import Worker  # noqa: E402

from bench.common import Stopwatch, bounded, dev_server, show, start_many_cases  # noqa: E402
from bench.empty_workflow import Empty  # noqa: E402
from register import Register  # noqa: E402
from runtime.case_worker import running_worker  # noqa: E402

N = 1000


async def wait_registered(register: Register, n: int) -> None:
    while len(register.cases()) < n:
        await asyncio.sleep(0.05)


async def measure(n: int = N) -> list[tuple[str, float]]:
    async with dev_server() as (env, settings):
        client, register = env.client, Register(settings.register_url)
        async with Worker(client, task_queue="empty", workflows=[Empty]):
            with Stopwatch() as empty:
                handles = await bounded(
                    n, 50, lambda i: client.start_workflow(Empty.run, id=f"empty-{i}", task_queue="empty")
                )
                await asyncio.gather(*(h.result() for h in handles))
        async with running_worker(client, settings):
            with Stopwatch() as cases:
                await start_many_cases(client, settings.task_queue, n, "S", date.today())
                await wait_registered(register, n)
    return [
        (f"{n} empty workflows started and completed, s", empty.seconds),
        (f"{n} cases started and registered, s", cases.seconds),
        ("empty workflows per second", n / empty.seconds),
        ("cases per second", n / cases.seconds),
        ("ratio case / empty (time)", cases.seconds / empty.seconds),
    ]


def main() -> list[tuple[str, float]]:
    rows = asyncio.run(measure())
    return show("starting workflows on the embedded dev server", rows)


if __name__ == "__main__":
    main()
