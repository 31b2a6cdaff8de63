"""The daily erasure's schedule on the Temporal server, and the embedded server's namespace retention.

The schedule `foi:retention` starts `RetentionWorkflow` every day at `FOI_RETENTION__HOUR`:00 in the alarm
time zone. The worker creates it on start, or brings an existing one up to the current settings (any
number of workers may do so); a run missed while the server was down is made up within a day, and
overlapping runs are skipped.

A closed workflow execution is kept by Temporal for its namespace's retention period, then deleted. The
worker sets the embedded dev server's `default` namespace to the schedule's shortest period (`temporal
server start-dev` has no flag for it, so it is an `UpdateNamespace` call once the server answers): a
case's histories never outlive the register's copy of its requester data, and those of an erased case
are deleted at once by the daily run. On a cluster the operator sets it (docs/retention.md).
"""

from __future__ import annotations

from datetime import timedelta

from google.protobuf.duration_pb2 import Duration
from temporalio.api.namespace.v1 import NamespaceConfig
from temporalio.api.workflowservice.v1 import DescribeNamespaceRequest, UpdateNamespaceRequest
from temporalio.client import (
    Client,
    Schedule,
    ScheduleActionStartWorkflow,
    ScheduleCalendarSpec,
    ScheduleOverlapPolicy,
    SchedulePolicy,
    ScheduleRange,
    ScheduleSpec,
)

from messages import RetentionRun
from runtime.schedules import ensure_schedule
from settings import Settings
from workflows.identity import RETENTION_SCHEDULE
from workflows.retention import RetentionWorkflow


def retention_schedule(settings: Settings) -> Schedule:
    daily = ScheduleCalendarSpec(hour=[ScheduleRange(settings.retention.hour)], minute=[ScheduleRange(0)])
    return Schedule(
        action=ScheduleActionStartWorkflow(
            RetentionWorkflow.run,
            RetentionRun(compact_after_seconds=settings.retention.compact_after_seconds),
            id=RETENTION_SCHEDULE,
            task_queue=settings.task_queue,
        ),
        spec=ScheduleSpec(calendars=[daily], time_zone_name=settings.alarms.timezone),
        policy=SchedulePolicy(overlap=ScheduleOverlapPolicy.SKIP, catchup_window=timedelta(hours=23)),
    )


async def ensure_retention_schedule(client: Client, settings: Settings) -> None:
    await ensure_schedule(client, RETENTION_SCHEDULE, retention_schedule(settings))


def namespace_retention(settings: Settings) -> timedelta:
    """The schedule's shortest period, in days (365 a year: never longer than the calendar years)."""
    return timedelta(days=365 * settings.retention.shortest_years())


async def set_namespace_retention(client: Client, period: timedelta) -> timedelta:
    """Set the client's namespace's retention of closed executions to `period`; returns what it was."""
    described = await client.workflow_service.describe_namespace(DescribeNamespaceRequest(namespace=client.namespace))
    was = described.config.workflow_execution_retention_ttl.ToTimedelta()
    if was != period:
        await client.workflow_service.update_namespace(
            UpdateNamespaceRequest(
                namespace=client.namespace,
                config=NamespaceConfig(workflow_execution_retention_ttl=Duration(seconds=int(period.total_seconds()))),
            )
        )
    return was
