"""The daily digest: one short workflow a run, started by the worker's schedule every weekday at the alarm
time plus `FOI_ALARMS__DIGEST_DELAY_MINUTES` (runtime/digest_schedule.py), or by `starter.py digest`.

It asks its activity to send each recipient the alarms queued for them; the activity decides whether the
day is a working day (a scheduled run on a bank holiday sends nothing: the alarms wait for the next)."""

from __future__ import annotations

from datetime import timedelta

from temporalio import workflow
from temporalio.common import RetryPolicy

with workflow.unsafe.imports_passed_through():
    from activities.digest import Digests
    from messages import DigestResult, DigestRun
    from workflows.identity import DIGEST_WORKFLOW


@workflow.defn(name=DIGEST_WORKFLOW)
class DigestWorkflow:
    @workflow.run
    async def run(self, req: DigestRun) -> DigestResult:
        return await workflow.execute_activity_method(
            Digests.send_digests,
            req.model_copy(update={"at": req.at or workflow.now()}),
            start_to_close_timeout=timedelta(minutes=5),
            retry_policy=RetryPolicy(initial_interval=timedelta(seconds=1), maximum_interval=timedelta(minutes=1)),
        )
