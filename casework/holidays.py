"""Adding or removing a proclaimed holiday, for the command line and the dashboard alike: a staff
action by an admin (`casework.permissions`, checked by the caller), recorded in the calendar-wide audit
trail, after which every running case re-evaluates.

Both are idempotent and resumable: the day is saved (or removed) first, then every running case gets the
`calendar_changed` signal; a case that ends meanwhile is skipped and counted, and doing the same again
re-signals every case (for a run interrupted half-way). Nothing changes when Temporal cannot be reached.
"""

from __future__ import annotations

from temporalio.client import Client
from temporalio.service import RPCError

from casework.actors import Actor
from casework.running import running_case_ids
from rules import ProclaimedDay
from runtime.errors import UserError


def _audit(register, kind: str, actor: Actor, day: ProclaimedDay) -> None:
    register.record_now(kind, actor.id, on=day.on.isoformat(), region=day.region, name=day.name)


async def _signal_every_running_case(client: Client, change) -> tuple[int, int]:
    """Apply `change` once the server answers, then signal every running case: (signalled, ended meanwhile)."""
    from workflows import CaseWorkflow

    ids = await running_case_ids(client)  # reach the server first: nothing changed if it is down
    change()
    signalled = ended = 0
    for wf_id in ids:
        try:
            await client.get_workflow_handle(wf_id).signal(CaseWorkflow.calendar_changed)
            signalled += 1
        except RPCError:  # the case closed between the listing and its signal
            ended += 1
    return signalled, ended


async def add_holiday(client: Client, register, actor: Actor, day: ProclaimedDay) -> tuple[bool, int, int]:
    """Record `day`: (newly recorded, cases signalled, cases ended meanwhile)."""
    added = []

    def change():
        added.append(register.add_proclaimed(day))
        if added[0]:
            _audit(register, "holiday_added", actor, day)

    signalled, ended = await _signal_every_running_case(client, change)
    return added[0], signalled, ended


async def remove_holiday(client: Client, register, actor: Actor, day: ProclaimedDay) -> tuple[int, int]:
    """Remove a day recorded by mistake: (cases signalled, cases ended meanwhile)."""
    if not any(p.on == day.on and p.region == day.region for p in register.proclaimed()):
        raise UserError(f"{day.on} ({day.region}) is not a recorded proclaimed day (see holiday list)")

    def change():
        if register.remove_proclaimed(day.on, day.region):
            _audit(register, "holiday_removed", actor, day)

    return await _signal_every_running_case(client, change)
