"""An update that nobody waits for any more is refused, not applied late.

A staff command waits a bounded time (`FOI_CLIENT_TIMEOUT`) for the worker to accept an update.
If no worker is running the server holds the update, and a worker started later would apply it
with nobody told. So the client stamps each update with the moment its sender stops waiting (a
header, `foi-not-after`, a little before the command gives up), and the worker's validator refuses
an update that reaches it after that moment: a command that said "NOT recorded" is then true.
Updates without the header (tests, other tools) are not affected.

This module is the sender's half (a staff command loads it); the worker's half, which imports Temporal's
worker package, is `runtime/late_updates.py`.
"""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime, timedelta

from temporalio import client
from temporalio.converter import PayloadConverter

HEADER = "foi-not-after"


def accept_until(timeout: float, sent: datetime) -> datetime:
    """When the worker must have taken the update for the sender to still hear of it."""
    return sent + timedelta(seconds=timeout - min(2.0, timeout / 4))


class _StampUpdates(client.OutboundInterceptor):
    def __init__(self, next: client.OutboundInterceptor, timeout: float):
        super().__init__(next)
        self.timeout = timeout

    async def start_workflow_update(self, input: client.StartWorkflowUpdateInput) -> client.WorkflowUpdateHandle:
        until = accept_until(self.timeout, datetime.now(UTC)).isoformat()
        headers = {**input.headers, HEADER: PayloadConverter.default.to_payload(until)}
        return await super().start_workflow_update(dataclasses.replace(input, headers=headers))


class StampUpdates(client.Interceptor):
    """Client side: every update carries the moment its sender stops waiting."""

    def __init__(self, timeout: float):
        self.timeout = timeout

    def intercept_client(self, next: client.OutboundInterceptor) -> client.OutboundInterceptor:
        return _StampUpdates(next, self.timeout)


NOT_RUNNING = "the worker is not running; the event was NOT recorded (start it: python worker.py)"


async def bounded_update(handle: client.WorkflowHandle, update, arg, timeout: float, result_type=None):
    """Send an update and wait at most `timeout` seconds for the worker to accept it, then as long
    again for its result. Raises `Unavailable` with what is true: not recorded, or accepted and
    still being recorded. `update` is the update's method or its name (then `result_type` says what it
    returns)."""
    import asyncio

    from runtime.errors import Unavailable

    try:
        accepted = await asyncio.wait_for(
            handle.start_update(
                update, arg, wait_for_stage=client.WorkflowUpdateStage.ACCEPTED, result_type=result_type
            ),
            timeout,
        )
    except (TimeoutError, client.WorkflowUpdateRPCTimeoutOrCancelledError):
        raise Unavailable(NOT_RUNNING) from None
    try:
        return await asyncio.wait_for(accepted.result(), timeout)
    except (TimeoutError, client.WorkflowUpdateRPCTimeoutOrCancelledError):
        raise Unavailable(
            f"the worker accepted the event but has not finished recording it after {timeout:g} s; "
            "see where the case stands with: starter.py show"
        ) from None
