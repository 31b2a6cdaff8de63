"""Faults with real processes on the dev server with SQLite persistence. Each test says what it killed
and what it counted; each is bounded in time."""

from __future__ import annotations

import asyncio
import json
import signal
import sqlite3
import time
from collections import Counter
from datetime import UTC, datetime, timedelta

import pytest
from temporalio.api.enums.v1 import EventType, WorkflowExecutionStatus
from temporalio.client import Client

from casework import cases
from casework.today import today
from messages import CaseInput
from register import Register
from runtime.connection import data_converter
from settings import Settings
from tests.conftest import TEST_KEYS, running_worker
from tests.helpers import STAFF
from tests.processes import Deployment, DevServer
from tests.smtp import free_port, smtp_server
from workflows import workflow_id

KEYS = TEST_KEYS
KEY_SETTING = ",".join(f"{k}:{v}" for k, v in (line.split() for line in KEYS.lines().splitlines()))


def wait_for(predicate, timeout: float, what: str, every: float = 0.25):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(every)
    raise AssertionError(f"timed out after {timeout}s waiting for {what}")


def deploy(tmp_path, server, **env) -> tuple[Deployment, Settings]:
    """A worker on `server` with the test keys; managers' alarms go at once (these tests count single
    messages at the SMTP server; tests/test_digest_storm.py has the digest's)."""
    env = {"FOI_ALARMS__MANAGER_DELIVERY": "immediate", **env}
    d = Deployment(tmp_path, TEMPORAL_ADDRESS=server.address, FOI_ENCRYPTION_KEYS=KEY_SETTING, **env)
    return d, Settings(data_dir=tmp_path / ".foi", encryption_keys=KEY_SETTING)


async def client_for(server: DevServer) -> Client:
    return await Client.connect(server.address, data_converter=data_converter(KEYS))


async def completed_deliveries(client: Client, ref: str) -> int:
    """How many `deliver_alarm` activities the case's workflow history shows completed."""
    history = await client.get_workflow_handle(workflow_id(ref)).fetch_history()
    scheduled = {
        e.event_id
        for e in history.events
        if e.event_type == EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED
        and e.activity_task_scheduled_event_attributes.activity_type.name == "deliver_alarm"
    }
    return sum(
        e.event_type == EventType.EVENT_TYPE_ACTIVITY_TASK_COMPLETED
        and e.activity_task_completed_event_attributes.scheduled_event_id in scheduled
        for e in history.events
    )


def every_history_delivered(server, refs: list[str]) -> list[int] | None:
    """Each case's count of completed deliveries once every one shows at least one, else None."""

    async def counts():
        client = await client_for(server)
        return [await completed_deliveries(client, ref) for ref in refs]

    found = asyncio.run(counts())
    return found if min(found) >= 1 else None


@pytest.mark.slow
def test_sigkill_of_the_worker_mid_batch_loses_no_case_and_repeats_no_alarm(tmp_path, server):
    """Killed: the worker process (SIGKILL) while 60 back-dated cases fire their alarm.
    Counted at the far side: the messages the SMTP server accepted (one per case, each to its own
    manager) and the deliveries each history completed; and 60 cases still running."""
    port = free_port()
    d, settings = deploy(tmp_path, server, FOI_SMTP_HOST="127.0.0.1", FOI_SMTP_PORT=str(port))
    refs = [f"K{i:03}" for i in range(60)]
    received = today("Europe/London") - timedelta(days=120)
    with smtp_server(port) as inbox:
        d.start_worker()

        async def start_all():
            client = await client_for(server)
            case = lambda ref: CaseInput(ref=ref, regime="foia", received=received, manager=f"{ref}@example.org")  # noqa: E731
            await asyncio.gather(*(cases.start_case(client, settings, case(ref), STAFF) for ref in refs))

        asyncio.run(start_all())
        at_kill = wait_for(lambda: len(inbox.messages) >= 5 and len(inbox.messages), 60, "alarms")
        d.worker.send_signal(signal.SIGKILL)
        d.worker.wait(timeout=30)
        d.log.close()
        assert 5 <= at_kill < 60, f"the kill was not mid-batch: {at_kill} of 60 delivered"
        d.start_worker()
        per_history = wait_for(lambda: every_history_delivered(server, refs), 180, "every delivery", every=2)
        per_recipient = Counter(r for rcpts, _ in inbox.messages for r in rcpts)
    assert per_history == [1] * 60
    assert set(per_recipient) == {f"{ref}@example.org" for ref in refs}
    # One kill can resend at most one message (a send the mail server accepted just before the kill).
    assert sum(per_recipient.values()) - 60 <= 1, per_recipient.most_common(3)

    async def statuses():
        client = await client_for(server)
        return {(await client.get_workflow_handle(workflow_id(ref)).describe()).status for ref in refs}

    assert asyncio.run(statuses()) == {WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING}
    d.stop_worker()


@pytest.mark.slow
def test_sigkill_while_the_mail_server_is_accepting_sends_it_again_once_and_loses_nothing(tmp_path, server):
    """Killed: the worker (SIGKILL) after the SMTP server accepted an escalation and before it answered —
    the one window the design leaves. Counted at the SMTP server: the message exactly twice, with the
    same Message-ID (so mail systems recognise the repeat); in the history, one completed delivery."""
    port = free_port()
    d, settings = deploy(tmp_path, server, FOI_SMTP_HOST="127.0.0.1", FOI_SMTP_PORT=str(port))
    received = today("Europe/London") - timedelta(days=120)
    with smtp_server(port, answer_after=10) as inbox:
        d.start_worker()

        async def start():
            case = CaseInput(ref="MID", regime="foia", received=received, manager="manager@example.org")
            await cases.start_case(await client_for(server), settings, case, STAFF)

        asyncio.run(start())
        assert inbox.receiving.wait(60), "the escalation never reached the mail server"
        d.worker.send_signal(signal.SIGKILL)  # the server has the message; the worker has no answer yet
        d.worker.wait(timeout=30)
        d.log.close()
        assert len(inbox.messages) == 1
        inbox.answer_after = 0
        d.start_worker()
        wait_for(lambda: every_history_delivered(server, ["MID"]), 120, "the delivery to complete", every=2)
        copies = [m["Message-ID"] for rcpts, m in inbox.messages if rcpts == ["manager@example.org"]]
    assert len(copies) == 2 and copies[0] == copies[1]
    assert [r.status for r in Register(settings.register_url).notifications(ref="MID")] == ["sent"]
    d.stop_worker()


@pytest.mark.slow
def test_restarting_the_dev_server_keeps_cases_and_timers(tmp_path, server):
    """Stopped: the Temporal dev server process, then started again on the same database file.
    Counted: the open case still running, and the alarm whose timer was set before the restart delivered
    once after it. The timer is a back-dated start's grace period (1 minute here, the shortest the setting
    takes: the steps before the restart take seconds, and the test fails if the timer fired before it),
    which runs on any day: an alarm's own timer waits for a working day's alarm time, which a test run on
    a weekend never sees."""
    d, settings = deploy(tmp_path, server, FOI_ALARMS__CATCH_UP_GRACE_MINUTES="1")
    d.start_worker()
    register = Register(settings.register_url)
    now = today("Europe/London")

    async def start_cases():
        client = await client_for(server)
        held = CaseInput(ref="HELD", regime="foia", received=now - timedelta(days=120), catch_up_grace=True)
        await cases.start_case(client, settings, held, STAFF)
        await cases.start_case(client, settings, CaseInput(ref="OPEN", regime="foia", received=now), STAFF)

    started = datetime.now(UTC)
    asyncio.run(start_cases())
    wait_for(lambda: register.case("HELD") and register.case("OPEN"), 30, "cases registered")
    assert register.notifications(ref="HELD") == []  # the alarm waits for its grace period
    server.stop()
    assert datetime.now(UTC) < started + timedelta(minutes=1), "the timer had already fired: the restart proves nothing"
    time.sleep(2)
    server.start()
    wait_for(lambda: register.notifications(ref="HELD"), 240, "the held alarm after the restart")
    assert datetime.now(UTC) >= started + timedelta(minutes=1)
    rows = register.notifications(ref="HELD")
    assert [(r.kind, r.role) for r in rows] == [("response_seriously_overdue", "manager")]

    async def describe():
        client = await client_for(server)
        return [(await client.get_workflow_handle(workflow_id(ref)).describe()).status for ref in ("HELD", "OPEN")]

    assert asyncio.run(describe()) == [WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING] * 2
    assert len(register.notifications(ref="HELD")) == 1
    d.stop_worker()


async def attempts(client, workflow_id: str) -> list[int]:
    """The attempt number of every activity the history records: scheduled activities (their start
    events) and local activities (the marker each leaves, whose plain `data` says how many attempts it took)."""
    history = await client.get_workflow_handle(workflow_id).fetch_history()
    found = []
    for e in history.events:
        if e.event_type == EventType.EVENT_TYPE_ACTIVITY_TASK_STARTED:
            found.append(e.activity_task_started_event_attributes.attempt)
        elif e.marker_recorded_event_attributes.marker_name == "core_local_activity":
            for payload in e.marker_recorded_event_attributes.details["data"].payloads:
                found.append(json.loads(payload.data)["attempt"])
    return found


async def test_a_locked_register_is_retried_with_backoff_and_nothing_is_lost_or_doubled(dev_env, settings):
    """Made unavailable: the register's SQLite file, held under an exclusive lock for 15 s.
    Counted: the case and its one alarm recorded once after the lock is released, after retries."""
    register = Register(settings.register_url)
    lock = sqlite3.connect(settings.data_dir / "register.db", timeout=1, isolation_level=None)
    lock.execute("BEGIN EXCLUSIVE")
    async with running_worker(dev_env.client, settings):
        received = today("Europe/London") - timedelta(days=120)
        await cases.start_case(dev_env.client, settings, CaseInput(ref="LOCK", regime="foia", received=received), STAFF)
        await asyncio.sleep(15)
        lock.execute("ROLLBACK")
        lock.close()
        for _ in range(120):
            if register.notifications(ref="LOCK"):
                break
            await asyncio.sleep(0.5)
        await asyncio.sleep(2)
        tries = await attempts(dev_env.client, workflow_id("LOCK"))
    assert register.case("LOCK") is not None
    assert [(r.kind, r.role) for r in register.notifications(ref="LOCK")] == [("response_seriously_overdue", "manager")]
    assert max(tries) > 1, tries  # the first attempts failed on the lock and were retried


@pytest.mark.slow
async def test_smtp_down_then_up_delivers_once_it_is_back_and_never_twice(dev_env, settings):
    """Made unavailable: the SMTP server (nothing listening on its port) for 6 s, then started.
    Counted: exactly one message accepted for the alarm, and its row marked sent."""
    port = free_port()
    immediate = settings.alarms.model_copy(update={"manager_delivery": "immediate"})
    settings = settings.model_copy(update={"smtp_host": "127.0.0.1", "smtp_port": port, "alarms": immediate})
    register = Register(settings.register_url)
    async with running_worker(dev_env.client, settings):
        received = today("Europe/London") - timedelta(days=120)
        case = CaseInput(ref="MAIL", regime="foia", received=received, manager="manager@example.org")
        await cases.start_case(dev_env.client, settings, case, STAFF)
        await asyncio.sleep(6)
        assert [r.status for r in register.notifications(ref="MAIL")] == ["pending"]
        with smtp_server(port) as inbox:
            for _ in range(120):
                if inbox.messages:
                    break
                await asyncio.sleep(0.5)
            await asyncio.sleep(3)
        tries = await attempts(dev_env.client, workflow_id("MAIL"))
    assert [rcpts for rcpts, _ in inbox.messages] == [["manager@example.org"]]
    assert [r.status for r in register.notifications(ref="MAIL")] == ["sent"]
    assert max(tries) > 1
