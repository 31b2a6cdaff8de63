"""Nothing waits without bound (issue 25, item 2): `show` gives up within its client timeout, every try
included, when the register refuses to record a case (the case answers "still starting" for ever); and
a worker stops within seconds of SIGTERM even while an activity is blocked in the database."""

from __future__ import annotations

import asyncio
import signal
import time
from datetime import timedelta

import pytest
from sqlalchemy import create_engine, text

from casework import cases
from casework.today import today
from messages import CaseInput
from runtime.errors import Unavailable
from tests.conftest import running_worker
from tests.helpers import STAFF
from tests.postgres import binaries
from tests.processes import Deployment


async def test_show_gives_up_within_its_timeout_when_the_register_refuses_the_case(dev_env, settings, register):
    # The write is a local activity: while it retries, the workflow task stays open and a query is answered
    # only at its heartbeat (about 8 s), "still starting"; each try fitted in the timeout, 50 tries did not.
    settings = settings.model_copy(update={"client_timeout": 10.0})
    received = today("Europe/London") - timedelta(days=3)
    # the worker's activity retries the refused write for ever: stopping it cannot wait for that
    async with running_worker(dev_env.client, settings, stop_within=3):
        await cases.start_case(dev_env.client, settings, CaseInput(ref="WARM", regime="foia", received=received), STAFF)
        await asyncio.wait_for(
            cases.view(dev_env.client, settings.model_copy(update={"client_timeout": 60}), "WARM"), 90
        )
        with register.engine.begin() as conn:  # the register refusing writes, as PostgreSQL refused a NUL byte
            conn.exec_driver_sql(
                "CREATE TRIGGER refuse_cases BEFORE INSERT ON cases BEGIN SELECT RAISE(ABORT, 'refused'); END"
            )
        await cases.start_case(
            dev_env.client, settings, CaseInput(ref="STUCK", regime="foia", received=received), STAFF
        )
        started = time.monotonic()
        with pytest.raises(Unavailable, match="case STUCK.* 10 s"):
            await asyncio.wait_for(cases.view(dev_env.client, settings, "STUCK"), 60)
        waited = time.monotonic() - started
    assert 10 <= waited < 12, waited
    assert register.case("STUCK") is None and register.case("WARM") is not None


@pytest.mark.slow
@pytest.mark.skipif(binaries() is None, reason="needs PostgreSQL (Debian package postgresql)")
def test_the_worker_stops_within_seconds_while_an_activity_waits_on_a_lock(tmp_path, postgres_database):
    d = Deployment(tmp_path, FOI_DATABASE_URL=postgres_database, FOI_WORKER_STOP_SECONDS="3")
    d.start_worker()
    engine = create_engine(postgres_database)
    holder = engine.connect()
    try:
        holder.execute(text("LOCK TABLE cases IN ACCESS EXCLUSIVE MODE"))  # held until the test ends
        received = (today("Europe/London") - timedelta(days=3)).isoformat()
        out = d.starter("new", "--ref", "LOCKED", "--regime", "foia", "--received", received)
        assert out.returncode == 0, out.stderr
        with engine.connect() as probe:  # the worker's register_case is blocked on the lock
            deadline = time.monotonic() + 30
            while not probe.execute(text("SELECT count(*) FROM pg_locks WHERE NOT granted")).scalar():
                assert time.monotonic() < deadline, "the activity never reached the lock"
                time.sleep(0.2)
        started = time.monotonic()
        d.worker.send_signal(signal.SIGTERM)
        code = d.worker.wait(timeout=30)
        stopped_in = time.monotonic() - started
        d.log.close()
    finally:
        holder.close()
        engine.dispose()
    assert code == 0
    assert stopped_in < 10, stopped_in
    log = (tmp_path / "worker.log").read_text()
    assert "stopped without waiting longer for the activities still running" in log
