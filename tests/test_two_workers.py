"""Two workers, one task queue, one PostgreSQL register: the deployment of an authority that has
outgrown one machine, run as real processes against one dev server.

Killed: one of the two workers (SIGKILL) while a storm of 200 back-dated cases sends its alarms.
Counted at the far side: the messages the loopback SMTP server accepted, and the `deliver_alarm`
activities each workflow's history completed; plus the register's rows.
"""

from __future__ import annotations

import asyncio
import signal
from collections import Counter
from datetime import timedelta

import pytest
from temporalio.client import Client

from casework import cases
from casework.today import today
from messages import CaseInput
from register import Register
from runtime.connection import data_converter
from settings import Settings
from tests.conftest import TEST_KEYS
from tests.helpers import STAFF
from tests.postgres import binaries
from tests.processes import Deployment
from tests.smtp import free_port, smtp_server
from tests.test_faults import KEY_SETTING, completed_deliveries, wait_for

CASES = 200

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(binaries() is None, reason="needs PostgreSQL (Debian package postgresql)"),
]


def test_two_workers_share_a_storm_and_a_sigkill_of_one_loses_and_doubles_nothing(tmp_path, server, postgres_database):
    smtp_port = free_port()
    env = dict(
        TEMPORAL_ADDRESS=server.address,
        FOI_ENCRYPTION_KEYS=KEY_SETTING,
        FOI_DATABASE_URL=postgres_database,
        FOI_SMTP_HOST="127.0.0.1",
        FOI_SMTP_PORT=str(smtp_port),
        FOI_ALARMS__MANAGER_DELIVERY="immediate",  # counted message by message at the SMTP server
    )
    workers = []
    for name in ("a", "b"):
        (tmp_path / name).mkdir()
        workers.append(Deployment(tmp_path / name, **env))
    settings = Settings(data_dir=tmp_path / "a" / ".foi", encryption_keys=KEY_SETTING, database_url=postgres_database)
    register = Register(postgres_database)
    received = today("Europe/London") - timedelta(days=120)

    with smtp_server(smtp_port) as inbox:
        for w in workers:
            w.start_worker()

        async def start_all():
            client = await Client.connect(server.address, data_converter=data_converter(TEST_KEYS))
            case = lambda i: CaseInput(  # noqa: E731
                ref=f"S{i:03}", regime="foia", received=received, manager=f"manager{i:03}@example.org"
            )
            await asyncio.gather(*(cases.start_case(client, settings, case(i), STAFF) for i in range(CASES)))

        asyncio.run(start_all())
        at_kill = wait_for(lambda: len(inbox.messages) >= 20 and len(inbox.messages), 120, "the storm to start")
        workers[0].worker.send_signal(signal.SIGKILL)
        workers[0].worker.wait(timeout=30)
        workers[0].log.close()
        assert at_kill < CASES, "the kill came after the storm: nothing was left to lose"

        wait_for(lambda: len({r for rcpts, _ in inbox.messages for r in rcpts}) >= CASES, 240, "every alarm")

        async def deliveries():
            client = await Client.connect(server.address, data_converter=data_converter(TEST_KEYS))
            return [await completed_deliveries(client, f"S{i:03}") for i in range(CASES)]

        # An activity the killed worker had started completes only when the survivor retries it (after
        # its 30 s timeout): wait for every history to show its delivery, then count what arrived.
        def all_delivered():
            counts = asyncio.run(deliveries())
            return counts if min(counts) >= 1 else None

        per_history = wait_for(all_delivered, 120, "every delivery to complete", every=2)
        received_by = Counter(r for rcpts, _ in inbox.messages for r in rcpts)
        workers[1].stop_worker()

    assert per_history == [1] * CASES, Counter(per_history)
    assert set(received_by) == {f"manager{i:03}@example.org" for i in range(CASES)}
    # A worker killed between SMTP's acceptance and the activity's completion can send one message
    # again (docs/administrator.md, Running at scale); one kill allows at most one duplicate, never a lost alarm.
    assert sum(received_by.values()) - CASES <= 1, received_by.most_common(3)
    rows = Counter((r.ref, r.kind) for r in register.notifications())
    assert len(rows) == CASES and set(rows.values()) == {1}
    assert {r.status for r in register.notifications()} == {"sent"}
