"""An alarm storm: 1,000 back-dated overdue cases started at once (a team moving its backlog in).
Each sends its one most severe alarm; how long until every escalation is in the outbox?

    python bench/alarm_storm.py
"""

from __future__ import annotations

import asyncio
import sys
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import Stopwatch, dev_server, show, start_many_cases  # noqa: E402
from register import Register  # noqa: E402
from runtime.case_worker import running_worker  # noqa: E402

N = 1000


async def measure(n: int = N) -> list[tuple[str, float]]:
    async with dev_server() as (env, settings):
        client, register = env.client, Register(settings.register_url)
        received = date.today() - timedelta(days=120)
        async with running_worker(client, settings):
            with Stopwatch() as sw:
                await start_many_cases(client, settings.task_queue, n, "B", received, manager="m@x")
                while len(register.notifications()) < n:
                    await asyncio.sleep(0.05)
        sent = len(register.notifications())
    return [
        (f"{n} back-dated cases: seconds until every escalation is in the outbox", sw.seconds),
        ("alarms per second", sent / sw.seconds),
        ("alarms delivered (expect exactly one per case)", float(sent)),
    ]


def main() -> list[tuple[str, float]]:
    rows = asyncio.run(measure())
    return show("alarm storm", rows)


if __name__ == "__main__":
    main()
