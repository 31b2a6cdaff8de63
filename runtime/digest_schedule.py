"""The daily digest's schedule on the Temporal server, and a digest run asked for by hand.

The schedule starts `DigestWorkflow` every weekday (Monday to Friday; the activity skips bank holidays) at
the alarm time plus `FOI_ALARMS__DIGEST_DELAY_MINUTES`, in the alarm time zone: after the day's alarms,
so they are in it. The worker creates the schedule on start, or brings an existing one up to the current
settings: any number of workers may do so. A run missed while the server was down is made up within
half a day; overlapping runs are skipped.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from temporalio.client import (
    Client,
    Schedule,
    ScheduleActionStartWorkflow,
    ScheduleCalendarSpec,
    ScheduleOverlapPolicy,
    SchedulePolicy,
    ScheduleRange,
    ScheduleSpec,
    WorkflowFailureError,
)
from temporalio.exceptions import TimeoutError

from messages import DigestResult, DigestRun
from rules.alarms import AlarmPolicy
from runtime.errors import Unavailable
from runtime.schedules import ensure_schedule
from settings import Settings
from workflows.digest import DigestWorkflow
from workflows.identity import DIGEST_SCHEDULE


def digest_time(alarms: AlarmPolicy) -> tuple[int, int]:
    """(hour, minute) of the daily digest."""
    at = datetime.combine(date(2000, 1, 3), alarms.at) + timedelta(minutes=alarms.digest_delay_minutes)
    return at.hour, at.minute


def digest_schedule(settings: Settings) -> Schedule:
    hour, minute = digest_time(settings.alarms)
    weekdays = ScheduleCalendarSpec(
        day_of_week=[ScheduleRange(1, 5)], hour=[ScheduleRange(hour)], minute=[ScheduleRange(minute)]
    )
    return Schedule(
        action=ScheduleActionStartWorkflow(
            DigestWorkflow.run, DigestRun(scheduled=True), id=DIGEST_SCHEDULE, task_queue=settings.task_queue
        ),
        spec=ScheduleSpec(calendars=[weekdays], time_zone_name=settings.alarms.timezone),
        policy=SchedulePolicy(overlap=ScheduleOverlapPolicy.SKIP, catchup_window=timedelta(hours=12)),
    )


async def ensure_digest_schedule(client: Client, settings: Settings) -> None:
    await ensure_schedule(client, DIGEST_SCHEDULE, digest_schedule(settings))


async def send_digest_now(client: Client, settings: Settings) -> DigestResult:
    """Send what is queued now, whatever the day (each recipient still gets at most one digest a day).
    With no worker to run it within three times `FOI_CLIENT_TIMEOUT`, the run times out on the server,
    so it can never send later, unseen: one line, `Unavailable`."""
    waited = settings.client_timeout * 3
    try:
        return await client.execute_workflow(
            DigestWorkflow.run,
            DigestRun(scheduled=False),
            id=f"{DIGEST_SCHEDULE}:now:{datetime.now().timestamp():.6f}",
            task_queue=settings.task_queue,
            execution_timeout=timedelta(seconds=waited),
        )
    except WorkflowFailureError as exc:
        if isinstance(exc.cause, TimeoutError):
            raise Unavailable(
                f"no worker sent the digest within {waited:g} s; is the worker running? (python worker.py)"
            ) from None
        raise Unavailable(f"the digest failed: {exc.cause}") from None
