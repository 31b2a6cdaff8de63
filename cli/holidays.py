"""Holiday commands: record a newly proclaimed bank holiday or remove one recorded by mistake (every
running case re-evaluates either way), and list them.

Both are idempotent and resumable: the day is saved (or removed) first, then every running case gets the
`calendar_changed` signal; a case that ends meanwhile is skipped and counted, and running the same
command again re-signals every case (for a run interrupted half-way)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from cli.acting import actor_for, add_actor_option
from runtime.errors import UserError

if TYPE_CHECKING:
    from rules import ProclaimedDay

# pydantic, the settings, Temporal, the register and the workflow are imported by the commands that use
# them: `--help` stays quick.


def _proclaimed(args, name: str) -> ProclaimedDay:
    from pydantic import ValidationError

    from casework.inputs import parse_date
    from rules import ProclaimedDay
    from runtime.errors import one_line_validation_error

    try:
        return ProclaimedDay(on=parse_date(args.date, "DATE"), name=name, region=args.region)
    except ValidationError as exc:
        raise UserError(one_line_validation_error(exc)) from None


def _signal_every_running_case(change) -> tuple[int, int]:
    """Apply `change` to the register once the server answers, then signal every running case:
    (signalled, ended meanwhile)."""

    from temporalio.service import RPCError

    from casework.running import running_case_ids
    from cli.server import run_async
    from workflows import CaseWorkflow

    async def go(client):
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

    return run_async(go)


def _audit(register, kind: str, actor, day: ProclaimedDay) -> None:
    from datetime import UTC, datetime

    at = datetime.now(UTC)
    key = f"calendar:{kind}:{day.on}:{day.region}:{at.isoformat()}"
    register.record_action(key, kind, actor.id, at=at, on=day.on.isoformat(), region=day.region, name=day.name)


def _said(signalled: int, ended: int) -> str:
    return f"{signalled} running cases re-evaluated" + (f" ({ended} ended meanwhile, skipped)" if ended else "")


def cmd_holiday_add(args) -> None:
    from register import Register
    from rules.explain import day
    from settings import get_settings

    proclaimed = _proclaimed(args, args.name)
    actor = actor_for(args, "holiday")
    register = Register(get_settings().register_url)
    added = []

    def change():
        added.append(register.add_proclaimed(proclaimed))
        if added[0]:
            _audit(register, "holiday_added", actor, proclaimed)

    signalled, ended = _signal_every_running_case(change)
    state = "recorded" if added[0] else "was already recorded"
    print(f"{day(proclaimed.on)} — {proclaimed.name} ({proclaimed.region}) {state}; {_said(signalled, ended)}")


def cmd_holiday_remove(args) -> None:
    from register import Register
    from rules.explain import day
    from settings import get_settings

    proclaimed = _proclaimed(args, "removed")
    actor = actor_for(args, "holiday")
    register = Register(get_settings().register_url)
    if not any(p.on == proclaimed.on and p.region == proclaimed.region for p in register.proclaimed()):
        raise UserError(f"{proclaimed.on} ({proclaimed.region}) is not a recorded proclaimed day (see holiday list)")

    def change():
        if register.remove_proclaimed(proclaimed.on, proclaimed.region):
            _audit(register, "holiday_removed", actor, proclaimed)

    signalled, ended = _signal_every_running_case(change)
    print(f"{day(proclaimed.on)} ({proclaimed.region}) removed; {_said(signalled, ended)}")


def cmd_holiday_list(args) -> None:
    from register import Register
    from runtime.errors import one_line
    from settings import get_settings

    for p in Register(get_settings().register_url).proclaimed():
        print(f"{p.on}  {p.region:<4} {one_line(p.name)}")


def add_to(sub) -> None:
    h = sub.add_parser("holiday", help="proclaimed non-working days")
    hs = h.add_subparsers(dest="holiday_command", required=True)
    ha = hs.add_parser("add", help="record a newly proclaimed bank holiday and re-evaluate every running case")
    ha.add_argument("date")
    ha.add_argument("name")
    ha.add_argument(
        "--region",
        default="uk",
        help="uk (default), or ENG, WLS, SCT, NIR for one part; SCH: not a school day (school cases only)",
    )
    add_actor_option(ha)
    ha.set_defaults(func=cmd_holiday_add)
    hr = hs.add_parser("remove", help="remove a day recorded by mistake and re-evaluate every running case")
    hr.add_argument("date")
    hr.add_argument("--region", default="uk", help="the region it was recorded for (default uk)")
    add_actor_option(hr)
    hr.set_defaults(func=cmd_holiday_remove)
    hl = hs.add_parser("list", help="the proclaimed days recorded")
    hl.set_defaults(func=cmd_holiday_list)
