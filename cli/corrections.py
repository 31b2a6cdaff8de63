"""Putting a mistake right and handing a case over: `void`, `amend` and `assign`, each with a reason and
an author, each through the case's workflow (`casework.cases`), so a refused one changes nothing."""

from __future__ import annotations

from cli.acting import actor_for, add_actor_option


def _number(text: str) -> int:
    from runtime.errors import UserError

    if not text.isdigit() or int(text) < 1:
        raise UserError(f"event number '{text}': give the number show gives it (1, 2, ...)")
    return int(text)


def _shown(args, v) -> None:
    from cli.rendering import print_json, print_view, view_json

    print_json(view_json(v)) if args.json else print_view(v)


def cmd_void(args) -> None:
    from casework import cases
    from cli.server import run_async
    from settings import get_settings

    settings, number = get_settings(), _number(args.number)
    actor = actor_for(args, "correct")
    v = run_async(lambda client: cases.void_event(client, settings, args.ref, number, args.reason, actor))
    print(f"{args.ref}: event {number} voided by {actor.id}")
    _shown(args, v)


def cmd_amend(args) -> None:
    from casework import cases
    from casework.inputs import parse_date
    from cli.server import run_async
    from runtime.errors import UserError
    from settings import get_settings

    settings, number = get_settings(), _number(args.number)
    changes: dict = {}
    if args.on:
        changes["on"] = parse_date(args.on, "--on")
    if args.outcome:
        changes["outcome"] = args.outcome
    if args.until:
        changes["until"] = parse_date(args.until, "--until")
    if args.exemption is not None:
        changes["exemptions"] = tuple(args.exemption)
    if args.public_interest_test is not None:
        changes["public_interest_test"] = args.public_interest_test == "yes"
    if args.team:
        changes["team"] = args.team
    if args.changes:
        changes["changes"] = args.changes
    if not changes:
        raise UserError(
            "amend: give what changes (--on, --outcome, --until, --exemption, --public-interest-test, "
            "--team, --changes)"
        )
    actor = actor_for(args, "correct")
    v = run_async(lambda client: cases.amend_event(client, settings, args.ref, number, changes, args.reason, actor))
    print(f"{args.ref}: event {number} amended by {actor.id}")
    _shown(args, v)


def cmd_assign(args) -> None:
    from casework import cases
    from casework.people import holder
    from cli.server import run_async
    from register import Register
    from settings import get_settings

    settings = get_settings()
    actor = actor_for(args, "assign")
    register = Register(settings.register_url)
    holders = {
        role: holder(register, role, given) if (given := getattr(args, role)) is not None else None
        for role in ("officer", "manager", "reviewer")
    }
    v = run_async(
        lambda client: cases.assign(
            client,
            settings,
            args.ref,
            holders["officer"],
            holders["manager"],
            args.reason,
            actor,
            team=args.team,
            reviewer=holders["reviewer"],
        )
    )
    print(f"{args.ref}: assigned by {actor.id}")
    _shown(args, v)


def add_to(sub) -> None:
    v = sub.add_parser("void", help="withdraw an event recorded by mistake (it stays in the history, struck through)")
    v.add_argument("ref")
    v.add_argument("number", help="the event's number, as show numbers them")
    v.add_argument("--reason", required=True, help="why (required, at most 2,000 characters)")
    v.add_argument("--json", action="store_true")
    add_actor_option(v)
    v.set_defaults(func=cmd_void)

    a = sub.add_parser("amend", help="correct an event's date or details (the earlier version stays in the history)")
    a.add_argument("ref")
    a.add_argument("number", help="the event's number, as show numbers them")
    a.add_argument("--on", help="the date it really happened")
    a.add_argument("--outcome")
    a.add_argument("--until", help="for extended: the date the extension runs to")
    a.add_argument(
        "--exemption",
        action="append",
        metavar="CITATION",
        help="repeatable: the exemptions as they should read (replaces those recorded)",
    )
    a.add_argument("--public-interest-test", choices=["yes", "no"])
    a.add_argument("--team", metavar="NAME", help="for flag_for_clearance: the approving team")
    a.add_argument("--changes", metavar="TEXT", help="for returned: what the approving team asks to change")
    a.add_argument("--reason", required=True, help="why (required, at most 2,000 characters)")
    a.add_argument("--json", action="store_true")
    add_actor_option(a)
    a.set_defaults(func=cmd_amend)

    s = sub.add_parser(
        "assign", help="hand a running case to another officer, manager or team, or its review to a reviewer"
    )
    s.add_argument("ref")
    s.add_argument("--officer", metavar="EMAIL")
    s.add_argument("--manager", metavar="EMAIL")
    s.add_argument("--team", metavar="NAME", help="the responding team")
    s.add_argument("--reviewer", metavar="EMAIL", help="who carries out the internal review (role reviewer)")
    s.add_argument("--reason", required=True, help="why (required, at most 2,000 characters)")
    s.add_argument("--json", action="store_true")
    add_actor_option(s)
    s.set_defaults(func=cmd_assign)
