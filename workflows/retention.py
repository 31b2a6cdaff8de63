"""The daily erasure: one short workflow a run, started by the worker's schedule `foi:retention` each day
(runtime/retention_schedule.py). Its first activity erases from the register every closed case past its
retention period (activities/retention.py); then each erased case's Temporal histories are deleted, one
activity a case, so that a failure retries that case alone; then, when the worker runs the embedded
server, it waits `FOI_RETENTION__COMPACT_AFTER_SECONDS` (a durable timer) for the server to finish those
deletions and compacts the server's SQLite file, so their bytes leave its free pages too."""

from __future__ import annotations

from datetime import timedelta

from temporalio import workflow
from temporalio.common import RetryPolicy

with workflow.unsafe.imports_passed_through():
    from activities.retention import Retention
    from messages import RetentionResult, RetentionRun
    from workflows.identity import RETENTION_WORKFLOW

RETRY = RetryPolicy(initial_interval=timedelta(seconds=1), maximum_interval=timedelta(minutes=1))


@workflow.defn(name=RETENTION_WORKFLOW)
class RetentionWorkflow:
    @workflow.run
    async def run(self, req: RetentionRun) -> RetentionResult:
        result = await workflow.execute_activity_method(
            Retention.erase_due_cases,
            req.model_copy(update={"at": req.at or workflow.now()}),
            start_to_close_timeout=timedelta(minutes=30),
            retry_policy=RETRY,
        )
        for ref in result.histories_pending:
            deleted = await workflow.execute_activity_method(
                Retention.delete_case_histories, ref, start_to_close_timeout=timedelta(minutes=5), retry_policy=RETRY
            )
            if deleted:
                result.histories_deleted.append(ref)
        if result.compaction_due:  # the server deletes a history in tasks of its own: give them time
            await workflow.sleep(timedelta(seconds=req.compact_after_seconds))
            result.compacted = await workflow.execute_activity_method(
                Retention.compact_temporal_database, start_to_close_timeout=timedelta(minutes=30), retry_policy=RETRY
            )
        return result
