"""History events (and bytes) of a full lifecycle: received, reminded, responded, review requested,
review completed. Small histories keep replay fast and the server light.

    python bench/history.py
"""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path
from tempfile import TemporaryDirectory

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from temporalio.testing import WorkflowEnvironment  # noqa: E402

from bench.common import KEYS, show  # noqa: E402
from runtime.case_worker import running_worker  # noqa: E402
from runtime.connection import binary, data_converter, ensure_search_attributes  # noqa: E402
from settings import Settings  # noqa: E402
from tests.lifecycle import calendar, record, sleep_until, start, today  # noqa: E402


async def measure() -> list[tuple[str, float]]:
    with TemporaryDirectory() as tmp:
        settings = Settings(data_dir=Path(tmp))
        async with await WorkflowEnvironment.start_time_skipping(
            test_server_existing_path=binary("temporal-test-server"), data_converter=data_converter(KEYS)
        ) as env:
            await ensure_search_attributes(env.client)
            async with running_worker(env.client, settings):
                received, cal = await today(env), calendar()
                h = await start(env, settings, ref="H1")
                responded = cal.add_working_days(received, 17)  # after the first reminder
                await sleep_until(env, responded)
                await record(h, "responded", responded, outcome="part_withheld")
                asked = cal.add_working_days(responded, 5)
                await sleep_until(env, asked)
                await record(h, "review_requested", asked)
                done = cal.add_working_days(asked, 18)  # after the review reminder
                await sleep_until(env, done)
                await record(h, "review_completed", done, outcome="upheld")
                await h.result()
                history = await h.fetch_history()
    size = sum(e.ByteSize() for e in history.events)
    return [("history events per full lifecycle", float(len(history.events))), ("history bytes", float(size))]


def main() -> list[tuple[str, float]]:
    rows = asyncio.run(measure())
    return show("history size", rows)


if __name__ == "__main__":
    main()
    from runtime.shutdown import exit_now

    exit_now(0)  # no interpreter teardown: temporalio's threads can crash it after the work is done
