"""The managers' views at a department's caseload: 10,000 open cases, 3,000 of them overdue, seeded
straight into the register's `cases` table (the read model the workflows keep; starting 10,000 workflows
takes about 8 minutes here, see the memory benchmark), on the default SQLite register.

Measured in the same run, so the ratios hold on a busy machine: one `starter.py calc` call; `starter.py
overdue --json` (3,000 rows); the Overdue page, Due soon, All open cases (page 1 and page 100) and a
filtered search, as server time in-process (FastAPI's test client, no network), after one warm-up; and
the case page of one running case (the Home Office case, back-dated) on an embedded dev server with a
worker: its workflow's live view, the derivations and the alerts. The dashboard answers only requests
addressed to its own host names, so the in-process clients address it as 127.0.0.1.

    python bench/views.py [OPEN [OVERDUE [REPEATS]]]    (defaults 10000 3000 5; the test suite runs 40 12 1)
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path
from tempfile import TemporaryDirectory

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from casework.today import today  # noqa: E402
from register import Register  # noqa: E402
from register.store import CaseRow  # noqa: E402
from settings import Settings  # noqa: E402

OPEN, OVERDUE, OFFICERS = 10_000, 3_000, 20
REGIMES = ("foia", "eir", "foisa", "sar")
CALC = json.dumps({"regime": "foia", "received": "2021-03-31", "events": []})


TOKEN = "bench-reader-token"
READER = {"Authorization": f"Bearer {TOKEN}"}
"""The pages are read as a machine reads them: with the read-only bearer token (every page needs a
signed-in person or the token)."""


def seed(register: Register, open_cases: int, overdue_cases: int) -> None:
    now = today("Europe/London")
    rows = []
    for i in range(open_cases):
        overdue = i < overdue_cases
        due = now - timedelta(days=1 + i % 60) if overdue else now + timedelta(days=i % 90)
        rows.append(
            {
                "ref": f"B-{i:05}",
                "regime": REGIMES[i % 4],
                "received": due - timedelta(days=28),
                "subject": f"Request {i} about {'the headquarters' if i % 7 == 0 else 'contracts'}",
                "officer": f"officer{i % OFFICERS}@example.org",
                "manager": f"manager{i % 3}@example.org",
                "workflow_id": f"foi-B-{i:05}",
                "stage": "awaiting_response",
                "evaluation": {},
                "running_due": due,
                "response_owed_by": due,
                "overdue_after": due,
                "next_alarm_on": due + timedelta(days=1),
                "next_alarm_kind": "response_overdue",
            }
        )
    with register.session() as s, s.begin():
        s.execute(CaseRow.__table__.insert(), rows)


def median_seconds(fn, n: int) -> float:
    times = []
    for _ in range(n):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def starter(env: dict, *args: str, stdin: str | None = None) -> str:
    out = subprocess.run(
        [sys.executable, "starter.py", *args], cwd=ROOT, env=env, input=stdin, capture_output=True, text=True
    )
    assert out.returncode == 0, out.stderr
    return out.stdout


async def case_page_seconds(repeats: int) -> float:
    import asyncio
    from datetime import date

    import httpx

    from bench.common import dev_server
    from casework import cases
    from casework.actors import Actor
    from dashboard.app import create_app
    from messages import CaseInput
    from rules import Event
    from runtime.case_worker import running_worker

    events = [
        Event(type="responded", on=date(2021, 4, 21), outcome="part_withheld"),
        Event(type="review_requested", on=date(2021, 6, 22)),
    ]
    case = CaseInput(ref="63509", regime="foia", received=date(2021, 3, 31), subject="Data extraction", events=events)
    async with dev_server() as (env, settings), running_worker(env.client, settings):
        settings = settings.model_copy(update={"dashboard_token": TOKEN})
        officer = Actor("officer@example.org", "Officer", frozenset({"officer"}), registered=True)
        await cases.start_case(env.client, settings, case, officer)
        await cases.view(env.client, settings, "63509")  # running and registered
        transport = httpx.ASGITransport(app=create_app(settings, env.client))
        async with httpx.AsyncClient(transport=transport, base_url="http://127.0.0.1", headers=READER) as http:
            assert (await http.get("/case/63509")).status_code == 200
            times = []
            for _ in range(2 * repeats - 1):
                t = time.perf_counter()
                assert (await http.get("/case/63509")).status_code == 200
                times.append(time.perf_counter() - t)
            await asyncio.sleep(0)
        return statistics.median(times)


def main(open_cases: int = OPEN, overdue_cases: int = OVERDUE, repeats: int = 5) -> list[tuple[str, float]]:
    import asyncio

    from fastapi.testclient import TestClient

    from dashboard.app import create_app

    with TemporaryDirectory() as tmp:
        data = Path(tmp) / "data"
        settings = Settings(data_dir=data, dashboard_token=TOKEN)
        register = Register(settings.register_url)
        seed(register, open_cases, overdue_cases)
        env = {**os.environ, "FOI_DATA_DIR": str(data)}
        assert len(json.loads(starter(env, "overdue", "--json"))) == overdue_cases
        calc = median_seconds(lambda: starter(env, "calc", "-", stdin=CALC), repeats)
        overdue_json = median_seconds(lambda: starter(env, "overdue", "--json"), repeats)
        calc_again = median_seconds(lambda: starter(env, "calc", "-", stdin=CALC), repeats)
        with TestClient(create_app(settings), base_url="http://127.0.0.1", headers=READER) as http:

            def get(url: str) -> None:
                response = http.get(url)
                assert response.status_code == 200, (url, response.status_code, response.text[:200])

            def page(url: str) -> float:
                get(url)  # warm-up: templates, calendars
                return median_seconds(lambda: get(url), 2 * repeats - 1)

            overdue_page = page("/")
            due_soon = page("/due-soon")
            open_first = page("/open")
            open_deep = page("/open?page=100&sort=ref")
            search = page("/open?officer=officer3@example.org&q=headquarters&sort=subject&dir=desc")
        calc = min(calc, calc_again)
        case_page = asyncio.run(case_page_seconds(repeats))
        return [
            ("open cases", open_cases),
            ("overdue cases", overdue_cases),
            (f"one calc call, ms (median of {repeats}, best of two runs)", calc * 1000),
            (f"overdue --json ({overdue_cases:,} rows), ms", overdue_json * 1000),
            ("ratio overdue --json / calc", overdue_json / calc),
            ("Overdue page, server ms", overdue_page * 1000),
            ("ratio Overdue page / calc", overdue_page / calc),
            ("Due soon page, server ms", due_soon * 1000),
            ("All open cases page 1, server ms", open_first * 1000),
            ("All open cases page 100 sorted by ref, server ms", open_deep * 1000),
            ("officer filter + search, sorted by subject, server ms", search * 1000),
            ("case page (a running case, dev server), server ms", case_page * 1000),
        ]


if __name__ == "__main__":
    from bench.common import show

    sizes = [int(a) for a in sys.argv[1:4]]
    rows = main(*sizes)
    show(f"Managers' views at {rows[0][1]:,} open cases ({rows[1][1]:,} overdue)", rows)
    from runtime.shutdown import exit_now

    exit_now(0)  # no interpreter teardown: temporalio's threads can crash it after the work is done
