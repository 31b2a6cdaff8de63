"""Holiday commands: record a newly proclaimed bank holiday or remove one recorded by mistake (every
running case re-evaluates either way), and list them.

Both are idempotent and resumable (`casework.holidays`, shared with the dashboard's holidays page)."""

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


def _said(signalled: int, ended: int) -> str:
    return f"{signalled} running cases re-evaluated" + (f" ({ended} ended meanwhile, skipped)" if ended else "")


def cmd_holiday_add(args) -> None:
    from casework.holidays import add_holiday
    from cli.server import run_async
    from register import Register
    from rules.explain import day
    from settings import get_settings

    proclaimed = _proclaimed(args, args.name)
    actor = actor_for(args, "holiday")
    register = Register(get_settings().register_url)
    added, signalled, ended = run_async(lambda client: add_holiday(client, register, actor, proclaimed))
    state = "recorded" if added else "was already recorded"
    print(f"{day(proclaimed.on)} — {proclaimed.name} ({proclaimed.region}) {state}; {_said(signalled, ended)}")


def cmd_holiday_remove(args) -> None:
    from casework.holidays import remove_holiday
    from cli.server import run_async
    from register import Register
    from rules.explain import day
    from settings import get_settings

    proclaimed = _proclaimed(args, "removed")
    actor = actor_for(args, "holiday")
    register = Register(get_settings().register_url)
    signalled, ended = run_async(lambda client: remove_holiday(client, register, actor, proclaimed))
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
