"""Worker memory (RSS) with 10,000 open cases waiting on timers. The worker runs as its own process
(`python worker.py` against our dev server) so its RSS is its own.

    python bench/memory.py [N [SETTLE]]    (SETTLE: seconds the worker is left to settle before each reading,
                                             default 5; the test suite runs 3 cases and 0.5 s)
"""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from temporalio.client import Client  # noqa: E402

from bench.common import KEYS, Stopwatch, dev_server, show, start_many_cases  # noqa: E402
from register import Register  # noqa: E402
from runtime.connection import data_converter  # noqa: E402

N = 10_000


def rss_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


async def measure(n: int, settle: float) -> list[tuple[str, float]]:
    async with dev_server() as (env, settings):
        scratch = settings.data_dir.parent
        address = env.client.service_client.config.target_host
        keys = ",".join(f"{k}:{v}" for k, v in (line.split() for line in KEYS.lines().splitlines()))
        environ = {k: v for k, v in os.environ.items() if not k.startswith(("TEMPORAL_", "FOI_"))}
        environ.update(TEMPORAL_ADDRESS=address, FOI_ENCRYPTION_KEYS=keys, FOI_DATA_DIR=str(scratch / "worker"))
        worker = subprocess.Popen(
            [sys.executable, str(ROOT / "worker.py")],
            env=environ,
            cwd=scratch,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            register = Register(f"sqlite:///{scratch / 'worker' / 'register.db'}")
            while not (scratch / "worker" / "register.db").exists():  # the worker has created its register
                if worker.poll() is not None:
                    raise RuntimeError(f"the worker exited with status {worker.returncode}")
                await asyncio.sleep(0.1)
            await asyncio.sleep(settle)
            idle = rss_mib(worker.pid)
            client = await Client.connect(address, data_converter=data_converter(KEYS))
            with Stopwatch() as sw:
                await start_many_cases(client, "foi-cases", n, "M", date.today())
                while len(register.cases()) < n:
                    await asyncio.sleep(0.5)
            await asyncio.sleep(settle)
            loaded = rss_mib(worker.pid)
        finally:
            worker.terminate()
            worker.wait(timeout=60)
    return [
        ("worker RSS idle, MiB", idle),
        (f"worker RSS with {n} open cases waiting on timers, MiB", loaded),
        ("KiB per open case above idle", (loaded - idle) * 1024 / n),
        (f"seconds to start and register {n} cases", sw.seconds),
    ]


def main(n: int = N, settle: float = 5.0) -> list[tuple[str, float]]:
    rows = asyncio.run(measure(n, settle))
    return show("worker memory", rows)


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else N, float(sys.argv[2]) if len(sys.argv) > 2 else 5.0)
    from runtime.shutdown import exit_now

    exit_now(0)  # no interpreter teardown: temporalio's threads can crash it after the work is done
