"""Personal data stays out of failures: a register write that fails for a case with a requester leaves
no requester value in the Temporal server's database file, in the case's history, or in the logs. (The
register writes are local activities, retried in the worker, so their failures show in its log; failures of
scheduled activities travel encrypted: `runtime/failures.py`.)"""

from __future__ import annotations

import asyncio
import logging
import sqlite3
from datetime import timedelta

from casework import cases
from casework.today import today
from messages import CaseInput
from tests.conftest import running_worker
from tests.helpers import STAFF

PERSONAL = {
    "requester_name": "Zebedee Quillfeather",
    "requester_email": "zebedee.quillfeather@example.org",
    "subject": "Correspondence about Quillfeather Lane",
}


def refuse_new_cases(db) -> None:
    """A real SQLite constraint failure: a trigger that aborts every insert into the cases table."""
    with sqlite3.connect(db) as conn:
        conn.execute("CREATE TRIGGER refuse BEFORE INSERT ON cases BEGIN SELECT RAISE(ABORT, 'refused'); END")


def accept_new_cases(db) -> None:
    with sqlite3.connect(db) as conn:
        conn.execute("DROP TRIGGER refuse")


def register_failures_logged(caplog) -> int:
    """How many attempts at registering the case failed, as the worker logged them."""
    return sum("register_case" in r.getMessage() or "record case LEAK" in r.getMessage() for r in caplog.records)


async def test_a_failing_register_write_leaks_no_requester_value(dev_env, settings, register, tmp_path, caplog):
    caplog.set_level(logging.DEBUG)
    db = settings.data_dir / "register.db"
    refuse_new_cases(db)
    client = dev_env.client
    async with running_worker(client, settings):
        received = today("Europe/London") - timedelta(days=3)
        await cases.start_case(
            client, settings, CaseInput(ref="LEAK", regime="foia", received=received, **PERSONAL), STAFF
        )
        for _ in range(300):  # the register write is a local activity: its attempts show in the worker's log
            if register_failures_logged(caplog) >= 2:
                break
            await asyncio.sleep(0.1)
        assert register_failures_logged(caplog) >= 2, "the register write never failed"
        accept_new_cases(db)
        for _ in range(200):
            if register.case("LEAK"):
                break
            await asyncio.sleep(0.1)
        assert register.case("LEAK").requester_email == PERSONAL["requester_email"]  # the register holds it
        history = (await client.get_workflow_handle("foi-LEAK").fetch_history()).to_json()
    stored = b"".join(p.read_bytes() for p in tmp_path.glob("temporal.db*"))
    assert stored, "no server database file found"
    for value in PERSONAL.values():
        for form in (value, value.split()[-1], value.split("@")[0]):
            assert form not in history, form
            assert form.encode() not in stored, form
            assert form not in caplog.text, form
    assert "refused" in caplog.text  # the failure itself is still logged, without the values
