"""Case throughput against Temporal's floor, all in one run on one embedded dev server and one worker:
N empty workflows started and completed (the floor), N cases started and registered, and an alarm storm
of N back-dated cases until every escalation is in the outbox. The two ratios are the goals of issue 12
(each >= 0.7).

    python bench/throughput.py [N]
"""

from __future__ import annotations

import asyncio
import sys
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import func, select  # noqa: E402
from temporalio.worker import Worker  # noqa: E402

from bench.common import Stopwatch, bounded, dev_server, show, start_many_cases  # noqa: E402
from bench.empty_workflow import Empty  # noqa: E402
from register import Register  # noqa: E402
from register.outbox import NotificationRow  # noqa: E402
from register.store import CaseRow  # noqa: E402
from runtime.case_worker import running_worker  # noqa: E402

N = 500


async def until(predicate) -> None:
    while not predicate():
        await asyncio.sleep(0.05)


def count(register: Register, table) -> int:
    """Rows in a register table, counted by the database (polling must not load every row)."""
    with register.session() as s:
        return s.scalar(select(func.count()).select_from(table))


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
            with Stopwatch() as starts:
                await start_many_cases(client, settings.task_queue, n, "S", date.today())
                await until(lambda: count(register, CaseRow) >= n)
            with Stopwatch() as storm:
                received = date.today() - timedelta(days=120)
                await start_many_cases(client, settings.task_queue, n, "B", received, manager="manager@example.org")
                await until(lambda: count(register, NotificationRow) >= n)
    floor = n / empty.seconds
    return [
        ("empty workflows started and completed per second (the floor)", floor),
        ("cases started and registered per second", n / starts.seconds),
        ("back-dated cases alarmed per second (storm)", n / storm.seconds),
        ("ratio case starts / floor (goal >= 0.7)", n / starts.seconds / floor),
        ("ratio storm alarms / floor (goal >= 0.7)", n / storm.seconds / floor),
    ]


def main(n: int = N) -> list[tuple[str, float]]:
    return show(f"throughput against Temporal's floor, {n} of each", asyncio.run(measure(n)))


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else N)
    from runtime.shutdown import exit_now

    exit_now(0)  # no interpreter teardown: temporalio's threads can crash it after the work is done
