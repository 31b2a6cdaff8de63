"""Holiday commands: record a newly proclaimed bank holiday (every running case re-evaluates), list them."""

from __future__ import annotations

from pydantic import ValidationError

from casework.inputs import parse_date
from rules import ProclaimedDay
from rules.explain import day
from runtime.errors import UserError, one_line_validation_error
from settings import get_settings


def cmd_holiday_add(args) -> None:
    from casework import running
    from cli.server import run_async
    from register import Register
    from workflows import CaseWorkflow

    settings = get_settings()
    try:
        proclaimed = ProclaimedDay(on=parse_date(args.date, "DATE"), name=args.name, region=args.region)
    except ValidationError as exc:
        raise UserError(one_line_validation_error(exc)) from None

    async def go(client):
        ids = await running.running_case_ids(client)  # reach the server first: nothing recorded if it is down
        if not Register(settings.register_url).add_proclaimed(proclaimed):
            raise UserError(f"{proclaimed.on} ({proclaimed.region}) is already recorded as a non-working day")
        for wf_id in ids:
            await client.get_workflow_handle(wf_id).signal(CaseWorkflow.calendar_changed)
        return len(ids)

    n = run_async(go)
    print(f"{day(proclaimed.on)} — {proclaimed.name} ({proclaimed.region}) recorded; {n} running cases re-evaluated")


def cmd_holiday_list(args) -> None:
    from register import Register

    for p in Register(get_settings().register_url).proclaimed():
        print(f"{p.on}  {p.region:<4} {p.name}")


def add_to(sub) -> None:
    h = sub.add_parser("holiday", help="proclaimed non-working days")
    hs = h.add_subparsers(dest="holiday_command", required=True)
    ha = hs.add_parser("add", help="record a newly proclaimed bank holiday and re-evaluate every running case")
    ha.add_argument("date")
    ha.add_argument("name")
    ha.add_argument("--region", default="uk", help="uk (default), or ENG, WLS, SCT, NIR for one part")
    ha.set_defaults(func=cmd_holiday_add)
    hl = hs.add_parser("list", help="the proclaimed days recorded")
    hl.set_defaults(func=cmd_holiday_list)
