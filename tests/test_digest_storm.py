"""A team moves 1,000 overdue cases in, all with one manager: the manager gets one digest, not 1,000
emails. Real processes: a dev server, the worker (SIGKILLed in the middle of the storm, then started
again), the starter, and an SMTP server on loopback.

Counted at the far side: the messages the SMTP server accepted (one, to the manager) and, in that
message, each case's line (exactly once each); a second digest run the same day sends nothing.
"""

from __future__ import annotations

import asyncio
import re
import signal
import threading
from collections import Counter
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from casework import cases
from casework.today import today
from messages import CaseInput
from register import Register
from register.outbox import NotificationRow
from tests.helpers import STAFF
from tests.smtp import free_port, smtp_server
from tests.test_faults import client_for, deploy, wait_for

CASES = 1000
MANAGER = "head.of.information@example.org"


def run_and_keep_failure(start_all) -> list[BaseException]:
    try:
        asyncio.run(start_all())
        return []
    except BaseException as exc:  # noqa: BLE001 - reported by the test thread
        return [exc]


def queued(register: Register) -> int:
    with register.session() as s:
        return s.scalar(select(func.count()).select_from(NotificationRow).where(NotificationRow.status == "queued"))


@pytest.mark.slow
def test_a_storm_of_1000_back_dated_cases_gives_their_manager_one_digest_across_a_worker_sigkill(tmp_path, server):
    port = free_port()
    d, settings = deploy(
        tmp_path, server, FOI_SMTP_HOST="127.0.0.1", FOI_SMTP_PORT=str(port), FOI_ALARMS__MANAGER_DELIVERY="digest"
    )
    refs = [f"M{i:04}" for i in range(CASES)]
    received = today("Europe/London") - timedelta(days=120)  # seriously overdue: the manager's alarm only
    with smtp_server(port) as inbox:
        d.start_worker()
        register = Register(settings.register_url)

        async def start_all():
            client = await client_for(server)
            gate = asyncio.Semaphore(50)

            async def one(ref):
                async with gate:
                    case = CaseInput(ref=ref, regime="foia", received=received, manager=MANAGER)
                    await cases.start_case(client, settings, case, STAFF)

            await asyncio.gather(*(one(ref) for ref in refs))

        failures = []
        storm = threading.Thread(target=lambda: failures.extend(run_and_keep_failure(start_all)))
        storm.start()
        at_kill = wait_for(lambda: queued(register) >= 100 and queued(register), 300, "the storm's first alarms")
        d.worker.send_signal(signal.SIGKILL)
        d.worker.wait(timeout=30)
        d.log.close()
        d.start_worker()
        storm.join(timeout=600)
        assert not storm.is_alive() and failures == [], failures
        assert at_kill is not None and at_kill < CASES, f"the kill was not mid-storm: {at_kill} queued"

        wait_for(lambda: queued(register) >= CASES, 300, "every case's alarm queued", every=1)
        assert inbox.messages == []  # queued for the digest, none sent one by one
        out = d.starter("digest")
        assert (out.returncode, out.stdout.strip()) == (0, f"sent 1 digest: {MANAGER}"), out.stderr
        again = d.starter("digest")
        assert (again.returncode, again.stdout.strip()) == (0, "sent 0 digests")
        messages = list(inbox.messages)
        d.stop_worker()

    assert [rcpts for rcpts, _ in messages] == [[MANAGER]]
    message = messages[0][1]
    assert re.fullmatch(r"FOI deadlines digest, \w{3} \d+ \w{3} \d{4}: 1000 new escalations", message["Subject"])
    text = next(p for p in message.walk() if p.get_content_type() == "text/plain").get_payload(decode=True).decode()
    lines = Counter(m.group(1) for m in re.finditer(r"^- (M\d{4}) \(FOIA\): response due ", text, re.MULTILINE))
    assert set(lines) == set(refs) and set(lines.values()) == {1}
    rows = register.notifications()
    assert len(rows) == CASES and {r.status for r in rows} == {"sent"} and len({r.digest_key for r in rows}) == 1
    assert len(register.digests()) == 1
