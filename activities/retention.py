"""The daily erasure's activities: erase from the register every closed case past its retention period,
then delete each erased case's workflow executions from Temporal.

`erase_due_cases` applies the retention schedule (rules/retention.py) to every closed case that is
neither erased nor on legal hold, as of the run's day in the alarm time zone, and erases those due
(register/erasure.py); it returns them and every erased case whose Temporal histories are not yet
known deleted. `delete_case_histories` deletes one case's closed executions through the workflow
service (`DeleteWorkflowExecution`), so that no payload of the case (its input names the requester)
survives in Temporal's database; a run still open is left, and the case stays pending until it closes.
Both are idempotent: a case is erased once (the erasure log's unique ref), a deleted run is gone.

Deleting rows from a SQLite file leaves their bytes in its free pages (measured: the encrypted input of
a deleted case, found in the embedded server's `temporal.db` more than a minute after its deletion). So
when the worker runs the embedded server, `compact_temporal_database` rewrites that file (`VACUUM`, then
the WAL truncated) once the server has had time to finish its deletions; SQLite lets another process do
so while the server runs (it waits for the server's writes, and the server's next statements see the
rewritten file). On a cluster its operators' database is theirs to manage (docs/retention.md).
"""

from __future__ import annotations

import asyncio
import logging
import sqlite3
from pathlib import Path
from zoneinfo import ZoneInfo

from temporalio import activity
from temporalio.api.common.v1 import WorkflowExecution
from temporalio.api.workflowservice.v1 import DeleteWorkflowExecutionRequest
from temporalio.client import Client, WorkflowExecutionStatus
from temporalio.exceptions import ApplicationError
from temporalio.service import RPCError, RPCStatusCode

from activities.failures import register_failures
from messages import RetentionResult, RetentionRun
from register import Register
from register.erasure import ErasureRefused
from rules.retention import RetentionPolicy, erasable_on, rule_name

log = logging.getLogger("foi.worker")

SCHEDULE = "schedule"
"""Who the erasure log says erased a case the daily run erased."""


async def delete_histories(client: Client, wid: str) -> bool:
    """Delete every closed execution of the workflow `wid` (a case's); True when none is left open (all gone)."""
    if "'" in wid or "\\" in wid:
        raise ValueError(f"the workflow id {wid} cannot be listed")
    open_runs = 0
    async for run in client.list_workflows(f"WorkflowId = '{wid}'"):
        if run.status == WorkflowExecutionStatus.RUNNING:
            open_runs += 1
            continue
        try:
            await client.workflow_service.delete_workflow_execution(
                DeleteWorkflowExecutionRequest(
                    namespace=client.namespace, workflow_execution=WorkflowExecution(workflow_id=wid, run_id=run.run_id)
                )
            )
        except RPCError as exc:
            if exc.status != RPCStatusCode.NOT_FOUND:  # gone already: a retry
                raise
    return open_runs == 0


class Retention:
    """Built once by the worker with the register, the retention schedule and the alarm time zone."""

    def __init__(self, register: Register, policy: RetentionPolicy, timezone: str, temporal_db: Path | None = None):
        self.register = register
        self.policy = policy
        self.timezone = timezone
        self.temporal_db = temporal_db  # the embedded server's SQLite file, when this worker runs one

    @activity.defn(name="erase_due_cases")
    def erase_due_cases(self, run: RetentionRun) -> RetentionResult:
        as_of = run.at.astimezone(ZoneInfo(self.timezone)).date()
        erased = []
        with register_failures("erase the cases past retention"):
            for ref, regime, last_event_on, received, reached in self.register.closed_unerased():
                closed_on = last_event_on or received
                if as_of < erasable_on(self.policy, regime, closed_on, reached):
                    continue
                rule = rule_name(self.policy, regime, reached)
                try:
                    done = self.register.erase_case(ref, rule, SCHEDULE, None, closed_on)
                except ErasureRefused:  # held or reopened a moment ago
                    continue
                if done:
                    erased.append(ref)
                    log.info("erased case %s from the register (%s)", ref, rule)
            pending = self.register.histories_pending()
            if erased or pending:  # pending: a compaction an earlier attempt may not have finished
                self.register.compact()
            due = self.temporal_db is not None and bool(pending or self.register.compaction_pending())
            return RetentionResult(erased=erased, histories_pending=pending, compaction_due=due)

    @activity.defn(name="delete_case_histories")
    async def delete_case_histories(self, ref: str) -> bool:
        """Delete case `ref`'s closed workflow executions; True (and the erasure log says so) when none is left."""
        case = await asyncio.to_thread(self.register.case, ref)
        if not await delete_histories(activity.client(), case.workflow_id):
            log.info("case %s: a workflow run is still open; its history is deleted once it closes", ref)
            return False
        await asyncio.to_thread(self.register.histories_deleted, ref)
        return True

    @activity.defn(name="compact_temporal_database")
    async def compact_temporal_database(self) -> list[str]:
        """Rewrite the embedded server's SQLite file without its free pages, once the server has finished
        deleting the erased cases' workflows (until then: a retryable failure, retried with backoff);
        returns the erased cases it covered."""
        refs = await asyncio.to_thread(self._compaction_pending)
        if not refs or self.temporal_db is None or not self.temporal_db.exists():
            return []
        client = activity.client()
        for ref in refs:
            case = await asyncio.to_thread(self.register.case, ref)
            try:
                await client.get_workflow_handle(case.workflow_id).describe()
            except RPCError as exc:
                if exc.status == RPCStatusCode.NOT_FOUND:
                    continue
                raise
            raise ApplicationError(f"case {ref}: Temporal has not yet finished deleting its workflow")
        await asyncio.to_thread(self._vacuum)
        with register_failures("record the compaction of the Temporal database"):
            await asyncio.to_thread(self.register.compacted, refs)
        log.info("compacted the embedded Temporal database after deleting the histories of %d case(s)", len(refs))
        return refs

    def _compaction_pending(self) -> list[str]:
        with register_failures("list the erased cases awaiting compaction"):
            return self.register.compaction_pending()

    def _vacuum(self) -> None:
        conn = sqlite3.connect(self.temporal_db, timeout=60, isolation_level=None)
        try:
            conn.execute("VACUUM")
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            conn.close()
