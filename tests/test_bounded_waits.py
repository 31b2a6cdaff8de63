"""A staff command never hangs on a missing worker: it gives up after FOI_CLIENT_TIMEOUT, says the
event was NOT recorded, and that stays true when a worker starts later."""

from __future__ import annotations

import asyncio
import time
from datetime import timedelta

import pytest
from temporalio.client import Client

from casework import cases
from casework.today import today
from messages import CaseInput
from rules import Event
from runtime.connection import client_interceptors, data_converter
from runtime.errors import Unavailable
from tests.conftest import TEST_KEYS, running_worker
from tests.helpers import STAFF


async def test_record_without_a_worker_gives_up_and_the_event_never_lands(dev_env, settings, register):
    settings = settings.model_copy(update={"client_timeout": 3.0})
    client = await Client.connect(
        dev_env.client.service_client.config.target_host,
        data_converter=data_converter(TEST_KEYS),
        interceptors=client_interceptors(settings),
    )
    received = today("Europe/London") - timedelta(days=2)
    async with running_worker(client, settings):
        await cases.start_case(client, settings, CaseInput(ref="WAIT", regime="foia", received=received), STAFF)
        await cases.view(client, settings, "WAIT")
    started = time.monotonic()
    with pytest.raises(Unavailable, match="the worker is not running; the event was NOT recorded"):
        await asyncio.wait_for(
            cases.record_event(client, settings, "WAIT", Event(type="clarification_requested", on=received), STAFF), 30
        )
    assert time.monotonic() - started < 10
    started = time.monotonic()
    with pytest.raises(Unavailable, match="no worker answered for case WAIT within 3 s"):
        await asyncio.wait_for(cases.view(client, settings, "WAIT"), 30)
    # The lists read the register (issue 10): they need no worker at all, so nothing there can hang.
    assert time.monotonic() - started < 15
    async with running_worker(client, settings):
        await asyncio.sleep(3)  # the held update reaches the new worker, which refuses it
        assert (await cases.view(client, settings, "WAIT")).events == []
        assert register.events("WAIT") == []
        later = await cases.record_event(client, settings, "WAIT", Event(type="withdrawn", on=received), STAFF)
    assert [e.type.value for e in later.events] == ["withdrawn"]
    assert [r.type for r in register.events("WAIT")] == ["withdrawn"]


@pytest.mark.slow
def test_the_record_command_without_a_worker_is_one_line_and_status_1(tmp_path):
    from tests.processes import Deployment, DevServer
    from tests.test_faults import KEY_SETTING

    server = DevServer(tmp_path / "temporal.db")
    server.start()
    try:
        env = {"TEMPORAL_ADDRESS": server.address, "FOI_ENCRYPTION_KEYS": KEY_SETTING, "FOI_CLIENT_TIMEOUT": "2"}
        d = Deployment(tmp_path, **env)
        d.start_worker()
        received = (today("Europe/London") - timedelta(days=2)).isoformat()
        assert d.starter("new", "--ref", "NOW", "--regime", "foia", "--received", received).returncode == 0
        assert d.stop_worker() == 0
        started = time.monotonic()
        out = d.starter("record", "NOW", "withdrawn", timeout=60)
        assert time.monotonic() - started < 20
        assert out.returncode == 1, (out.stdout, out.stderr)
        assert out.stderr.strip().splitlines() == [
            "error: the worker is not running; the event was NOT recorded (start it: python worker.py)"
        ]
    finally:
        server.stop()


async def test_a_digest_asked_for_with_no_worker_gives_up_and_never_sends_later(dev_env, settings, register):
    from runtime.digest_schedule import send_digest_now

    settings = settings.model_copy(update={"client_timeout": 2.0})
    now = today("Europe/London")
    register.claim_notification(
        status="queued", key="k", ref="Q1", kind="response_overdue", role="manager", recipient="m@example.org",
        alarm_on=now, deadline=now, subject="[Q1] OVERDUE", body="", channel="outbox",
    )  # fmt: skip
    started = time.monotonic()
    with pytest.raises(Unavailable, match=r"no worker sent the digest within 6 s; is the worker running\?"):
        await asyncio.wait_for(send_digest_now(dev_env.client, settings), 30)
    assert time.monotonic() - started < 20
    async with running_worker(dev_env.client, settings):  # a worker that starts later finds no digest to run
        await asyncio.sleep(2)
    assert register.digests() == [] and register.notification("k").status == "queued"
