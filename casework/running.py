"""Every running case's workflow id, from visibility: the cases a proclaimed holiday must reach."""

from __future__ import annotations

from temporalio.client import Client

from workflows import RUNNING_CASES


async def running_case_ids(client: Client) -> list[str]:
    return [wf.id async for wf in client.list_workflows(RUNNING_CASES)]
