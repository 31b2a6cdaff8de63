"""Worker memory (RSS) with 10,000 open cases waiting on timers. The worker runs as its own process
(`python worker.py` against our dev server) so its RSS is its own.

    python bench/memory.py [N]
"""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import time
from datetime import date
from pathlib import Path
from tempfile import TemporaryDirectory

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from temporalio.client import Client  # noqa: E402

from bench.common import KEYS, bounded  # noqa: E402
from foi.messages import CaseInput  # noqa: E402
from foi.register import Register  # noqa: E402
from foi.temporal import data_converter  # noqa: E402
from tests.processes import DevServer  # noqa: E402
from workflows import CaseWorkflow  # noqa: E402

N = 10_000


def rss_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


async def measure(n: int) -> list[tuple[str, float]]:
    with TemporaryDirectory() as tmp:
        server = DevServer(Path(tmp) / "temporal.db")
        server.start()
        keys = ",".join(f"{k}:{v}" for k, v in (line.split() for line in KEYS.lines().splitlines()))
        env = {k: v for k, v in os.environ.items() if not k.startswith(("TEMPORAL_", "FOI_"))}
        env.update(TEMPORAL_ADDRESS=server.address, FOI_ENCRYPTION_KEYS=keys, FOI_DATA_DIR=str(Path(tmp) / "data"))
        worker = subprocess.Popen(
            [sys.executable, str(ROOT / "worker.py")],
            env=env,
            cwd=tmp,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            register = Register(f"sqlite:///{Path(tmp) / 'data' / 'register.db'}")
            time.sleep(5)
            idle = rss_mib(worker.pid)
            client = await Client.connect(server.address, data_converter=data_converter(KEYS))
            started = time.perf_counter()
            await bounded(
                n,
                50,
                lambda i: client.start_workflow(
                    CaseWorkflow.run,
                    CaseInput(ref=f"M{i}", regime="foia", received=date.today()),
                    id=f"foi-M{i}",
                    task_queue="foi-cases",
                ),
            )
            while len(register.cases()) < n:
                await asyncio.sleep(0.5)
            seconds = time.perf_counter() - started
            await asyncio.sleep(5)
            loaded = rss_mib(worker.pid)
        finally:
            worker.terminate()
            worker.wait(timeout=60)
            server.stop()
    return [
        ("worker RSS idle, MiB", idle),
        (f"worker RSS with {n} open cases waiting on timers, MiB", loaded),
        ("KiB per open case above idle", (loaded - idle) * 1024 / n),
        (f"seconds to start and register {n} cases", seconds),
    ]


def main(n: int = N) -> list[tuple[str, float]]:
    rows = asyncio.run(measure(n))
    print(f"worker memory ({os.cpu_count()} cores)")
    for name, value in rows:
        print(f"  {name:<60} {value:10.2f}")
    return rows


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else N)
