"""The statistics pages run off the event loop (issue 25, item 8): while one is held up in the database,
every other request is still answered. The register is on PostgreSQL, where a table lock holds a query;
the dashboard runs as its own process (`starter.py dashboard`), as in use."""

from __future__ import annotations

import asyncio
import subprocess
import sys
import time

import httpx
import pytest
from sqlalchemy import create_engine, text

from register import Register
from tests.postgres import binaries
from tests.processes import ROOT, STARTED, Deployment
from tests.smtp import free_port

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(binaries() is None, reason="needs PostgreSQL (Debian package postgresql)"),
]
TOKEN = {"Authorization": "Bearer s3cret"}


@pytest.mark.parametrize("path", ["/stats", "/stats.csv"])
async def test_a_statistics_page_waiting_on_the_database_holds_up_no_other_request(tmp_path, postgres_database, path):
    Register(postgres_database)
    d = Deployment(tmp_path, FOI_DATABASE_URL=postgres_database, FOI_DASHBOARD_TOKEN="s3cret")
    port = free_port()
    dashboard = subprocess.Popen(
        [sys.executable, str(ROOT / "starter.py"), "dashboard", "--port", str(port)],
        cwd=tmp_path,
        env=d.env,
        stdout=subprocess.DEVNULL,
    )
    STARTED.append(dashboard)
    engine = create_engine(postgres_database)
    holder = engine.connect()
    try:
        async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}", headers=TOKEN, timeout=30) as http:
            deadline = time.monotonic() + 30
            while True:
                try:
                    assert (await http.get("/healthz")).status_code == 200
                    break
                except httpx.TransportError:
                    assert time.monotonic() < deadline, "the dashboard did not start"
                    await asyncio.sleep(0.2)
            holder.execute(text("LOCK TABLE cases IN ACCESS EXCLUSIVE MODE"))
            stats = asyncio.create_task(http.get(path, params={"quarter": "2021Q2"}))
            await asyncio.sleep(1)  # the statistics query is now waiting on the lock
            assert not stats.done()
            started = time.monotonic()
            health = await http.get("/healthz", timeout=5)  # before: a ReadTimeout, the loop held
            assert health.status_code == 200 and time.monotonic() - started < 2
            holder.rollback()  # the lock goes: the statistics finish
            assert (await asyncio.wait_for(stats, 20)).status_code == 200
    finally:
        holder.close()
        engine.dispose()
        dashboard.terminate()
        dashboard.wait(timeout=20)
