"""How quickly a case officer's commands answer against a running worker that holds many open cases:
`show`, `record` and `new`, each run as a whole process (`python starter.py ...`), as staff run them.
The goal (issue 24): each within 0.6 s at 1,200 open cases. The worker runs in this process on an embedded
dev server with its own scratch data dir; the commands reach it as a deployment would, through
TEMPORAL_ADDRESS and the data dir's key file. Each figure is the median of RUNS runs, the commands taking
turns, with the interpreter's bare start-up (`python -c pass`) beside them.

    python bench/commands.py [CASES] [RUNS]    (default 1200 and 11; the test suite runs 4 and 1)
"""

from __future__ import annotations

import asyncio
import os
import statistics
import sys
import time
from datetime import date, timedelta
from pathlib import Path
from tempfile import TemporaryDirectory

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.common import show, start_many_cases  # noqa: E402

CASES, RUNS = 1200, 11


async def seconds(env: dict, *argv: str) -> float:
    """Run one command to the end without blocking the worker's event loop; fail on a non-zero exit."""
    start = time.perf_counter()
    proc = await asyncio.create_subprocess_exec(
        sys.executable, *argv, cwd=ROOT, env=env, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE
    )
    _, err = await proc.communicate()
    took = time.perf_counter() - start
    assert proc.returncode == 0, (argv, err.decode()[-500:])
    return took


async def measure(cases: int, runs: int) -> list[tuple[str, float]]:
    from temporalio.testing import WorkflowEnvironment

    from bench.throughput import count, until
    from register import Register
    from register.store import CaseRow
    from runtime.case_worker import running_worker
    from runtime.codec import load_keyring
    from runtime.connection import binary, data_converter, ensure_search_attributes
    from settings import Settings

    with TemporaryDirectory() as tmp:
        settings = Settings(data_dir=Path(tmp) / "data")
        keys = load_keyring(settings, create=True)  # the key file the commands read, as a worker makes it
        async with await WorkflowEnvironment.start_local(
            dev_server_existing_path=binary("temporal"),
            dev_server_database_filename=str(Path(tmp) / "temporal.db"),
            data_converter=data_converter(keys),
            dev_server_log_level="error",
        ) as env:
            await ensure_search_attributes(env.client)
            async with running_worker(env.client, settings):
                received = date.today() - timedelta(days=3)
                await start_many_cases(env.client, settings.task_queue, cases, "B", received)
                register = Register(settings.register_url)
                await until(lambda: count(register, CaseRow) >= cases)  # every case running and registered
                shell = {
                    **os.environ,
                    "FOI_DATA_DIR": str(settings.data_dir),
                    "TEMPORAL_ADDRESS": env.client.service_client.config.target_host,
                }
                shell.pop("FOI_ACTOR", None)
                on = date.today().isoformat()
                times: dict[str, list[float]] = {"python -c pass": [], "show": [], "record": [], "new": []}
                for i in range(runs):
                    times["python -c pass"].append(await seconds(shell, "-c", "pass"))
                    times["show"].append(await seconds(shell, "starter.py", "show", f"B{i}"))
                    record = ("starter.py", "record", f"B{i}", "clarification_requested", "--on", on)
                    times["record"].append(await seconds(shell, *record))
                    new = ("starter.py", "new", "--ref", f"N{i}", "--regime", "foia", "--received", on)
                    times["new"].append(await seconds(shell, *new))
    median = {name: statistics.median(t) for name, t in times.items()}
    rows = [(f"{name}, ms", median[name] * 1000) for name in times]
    rows.append(("slowest of show, record, new, s (goal <= 0.6)", max(median[n] for n in ("show", "record", "new"))))
    return rows


def main(cases: int = CASES, runs: int = RUNS) -> list[tuple[str, float]]:
    rows = asyncio.run(measure(cases, runs))
    return show(f"show, record and new against a worker with {cases} open cases (medians of {runs})", rows)


if __name__ == "__main__":
    args = [int(a) for a in sys.argv[1:]]
    main(*args)
    from runtime.shutdown import exit_now

    exit_now(0)
