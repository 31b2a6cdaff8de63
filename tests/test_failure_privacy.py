"""Personal data stays out of failures: a register write that fails for a case with a requester leaves
no requester value in the Temporal server's database file, in the failure Temporal shows, or in the logs."""

from __future__ import annotations

import asyncio
import logging
import sqlite3
from datetime import timedelta

from temporalio.api.common.v1 import WorkflowExecution
from temporalio.api.workflowservice.v1 import DescribeWorkflowExecutionRequest

from casework import cases
from casework.today import today
from messages import CaseInput
from tests.conftest import running_worker

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


async def pending_failure(client, workflow_id: str, attempts: int):
    """The pending activity once it has failed `attempts - 1` times, as the server stores and shows it."""
    for _ in range(200):
        resp = await client.workflow_service.describe_workflow_execution(
            DescribeWorkflowExecutionRequest(
                namespace=client.namespace, execution=WorkflowExecution(workflow_id=workflow_id)
            )
        )
        pending = [p for p in resp.pending_activities if p.attempt >= attempts and p.HasField("last_failure")]
        if pending:
            return pending[0]
        await asyncio.sleep(0.1)
    raise AssertionError("the register write never failed")


async def test_a_failing_register_write_leaks_no_requester_value(dev_env, settings, register, tmp_path, caplog):
    caplog.set_level(logging.DEBUG)
    db = settings.data_dir / "register.db"
    refuse_new_cases(db)
    client = dev_env.client
    async with running_worker(client, settings):
        received = today("Europe/London") - timedelta(days=3)
        await cases.start_case(client, settings, CaseInput(ref="LEAK", regime="foia", received=received, **PERSONAL))
        failed = await pending_failure(client, "foi-LEAK", attempts=3)
        assert failed.activity_type.name == "register_case"
        shown = failed.last_failure.SerializeToString()  # what the UI's pending-activity view shows
        accept_new_cases(db)
        for _ in range(200):
            if register.case("LEAK"):
                break
            await asyncio.sleep(0.1)
        assert register.case("LEAK").requester_email == PERSONAL["requester_email"]  # the register holds it
    stored = b"".join(p.read_bytes() for p in tmp_path.glob("temporal.db*"))
    assert stored, "no server database file found"
    for value in PERSONAL.values():
        for form in (value, value.split()[-1], value.split("@")[0]):
            assert form.encode() not in shown, form
            assert form.encode() not in stored, form
            assert form not in caplog.text, form
    assert failed.last_failure.message == "Encoded failure"  # message and stack trace travel encrypted
    assert "refused" in caplog.text  # the failure itself is still logged, without the values
