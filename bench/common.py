"""What the Temporal benchmarks share: an embedded dev server with SQLite persistence in a scratch
directory, settings pointing at a scratch register, and small timing helpers."""

from __future__ import annotations

import sys
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from tempfile import TemporaryDirectory

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from temporalio.testing import WorkflowEnvironment  # noqa: E402

from messages import CaseInput  # noqa: E402
from runtime.codec import Keyring  # noqa: E402
from runtime.connection import binary, data_converter, ensure_search_attributes  # noqa: E402
from settings import Settings  # noqa: E402
from workflows import CaseWorkflow, workflow_id  # noqa: E402

KEYS = Keyring.generate()


@asynccontextmanager
async def dev_server() -> AsyncIterator[tuple[WorkflowEnvironment, Settings]]:
    with TemporaryDirectory() as tmp:
        settings = Settings(data_dir=Path(tmp) / "data")
        async with await WorkflowEnvironment.start_local(
            dev_server_existing_path=binary("temporal"),
            dev_server_database_filename=str(Path(tmp) / "temporal.db"),
            data_converter=data_converter(KEYS),
            dev_server_log_level="error",
        ) as env:
            await ensure_search_attributes(env.client)
            yield env, settings


def show(title: str, rows: list[tuple[str, float]]) -> list[tuple[str, float]]:
    """Print a benchmark's figures under its title and the machine's core count; return them."""
    import os

    print(f"{title} ({os.cpu_count()} cores)")
    width = max(len(name) for name, _ in rows)
    for name, value in rows:
        print(f"  {name:<{width}} {value:12.2f}")
    return rows


class Stopwatch:
    def __enter__(self):
        self.start = time.perf_counter()
        return self

    def __exit__(self, *exc):
        self.seconds = time.perf_counter() - self.start


async def bounded(n: int, limit: int, make):
    """Run make(i) for i in range(n), at most `limit` at a time."""
    import asyncio

    sem = asyncio.Semaphore(limit)

    async def one(i):
        async with sem:
            return await make(i)

    return await asyncio.gather(*(one(i) for i in range(n)))


async def start_many_cases(client, task_queue: str, n: int, prefix: str, received, **fields):
    """Start `n` case workflows (refs `<prefix>0`...), 50 at a time, with the ids staff commands use."""
    return await bounded(
        n,
        50,
        lambda i: client.start_workflow(
            CaseWorkflow.run,
            CaseInput(ref=f"{prefix}{i}", regime="foia", received=received, **fields),
            id=workflow_id(f"{prefix}{i}"),
            task_queue=task_queue,
        ),
    )
