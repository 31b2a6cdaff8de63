"""The daily erasure's activities: erase from the register every closed case past its retention period,
then delete each erased case's workflow executions from Temporal.

`erase_due_cases` applies the retention schedule (rules/retention.py) to every closed case that is
neither erased nor on legal hold, as of the run's day in the alarm time zone, and erases those due
(register/erasure.py); it returns them and every erased case whose Temporal histories are not yet
known deleted. `delete_case_histories` deletes one case's closed executions through the workflow
service (`DeleteWorkflowExecution`), so that no payload of the case (its input names the requester)
survives in Temporal's database; a run still open is left, and the case stays pending until it closes.
Both are idempotent: a case is erased once (the erasure log's unique ref), a deleted run is gone.
"""

from __future__ import annotations

import asyncio
import logging
from zoneinfo import ZoneInfo

from temporalio import activity
from temporalio.api.common.v1 import WorkflowExecution
from temporalio.api.workflowservice.v1 import DeleteWorkflowExecutionRequest
from temporalio.client import Client, WorkflowExecutionStatus
from temporalio.service import RPCError, RPCStatusCode

from activities.failures import register_failures
from messages import RetentionResult, RetentionRun
from register import Register
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

    def __init__(self, register: Register, policy: RetentionPolicy, timezone: str):
        self.register = register
        self.policy = policy
        self.timezone = timezone

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
                if self.register.erase_case(ref, rule, SCHEDULE, None, closed_on):
                    erased.append(ref)
                    log.info("erased case %s from the register (%s)", ref, rule)
            if erased:
                self.register.compact()
            return RetentionResult(erased=erased, histories_pending=self.register.histories_pending())

    @activity.defn(name="delete_case_histories")
    async def delete_case_histories(self, ref: str) -> bool:
        """Delete case `ref`'s closed workflow executions; True (and the erasure log says so) when none is left."""
        case = await asyncio.to_thread(self.register.case, ref)
        if not await delete_histories(activity.client(), case.workflow_id):
            log.info("case %s: a workflow run is still open; its history is deleted once it closes", ref)
            return False
        await asyncio.to_thread(self.register.histories_deleted, ref)
        return True
