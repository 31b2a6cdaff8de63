"""Case commands: start a case, record what happened, show where it stands, list every overdue case."""

from __future__ import annotations

import sys

from casework.addresses import check_addresses, no_one_to_alert, warning
from casework.inputs import parse_date, parse_json, read_input
from casework.limits import check_lengths
from casework.today import today
from cli.rendering import print_json, print_json_rows, print_table, print_view, short_day, view_json
from rules import Event, EventType, regime_of
from rules.explain import day
from runtime.errors import UserError, one_line_validation_error
from settings import get_settings

# Temporal's client (casework.cases, cli.server) is imported by the commands that talk to it, so that
# `overdue`, which reads the register, starts quickly.


def cmd_new(args) -> None:
    from pydantic import TypeAdapter, ValidationError

    from casework import cases
    from cli.server import run_async
    from messages import CaseInput

    settings = get_settings()
    name, email = requester(args)
    events = []
    if args.events:
        data = parse_json(read_input(args.events), "--events")
        try:
            events = TypeAdapter(list[Event]).validate_python(data)
        except ValidationError as exc:
            raise UserError(f"--events: {one_line_validation_error(exc)}") from None
    case = CaseInput(
        ref=cases.check_ref(args.ref),
        regime=regime_of(args.regime),
        received=parse_date(args.received, "--received"),
        subject=args.subject,
        requester_name=name,
        requester_email=email,
        officer=args.officer,
        manager=args.manager,
        events=events,
        catch_up_grace=not args.events,  # its history may follow: alarms already due wait for it
    )
    check_lengths(case)
    check_addresses(case)
    unalerted = no_one_to_alert(case, settings)
    ev = run_async(lambda client: cases.start_case(client, settings, case))
    due = f"response due {day(ev.response_due)}" if ev.response_due else f"stage {ev.stage.value}"
    print(f"{case.ref}: started ({case.regime.value}); {due}" + (" — OVERDUE" if ev.overdue else ""))
    grace = settings.alarms.catch_up_grace_minutes
    if case.received < today(settings.alarms.timezone) and grace:
        print(f"  alarms already due wait {grace} minutes for the history you record now (starter.py record)")
    if unalerted:
        print(warning(case.ref, unalerted), file=sys.stderr)


def requester(args) -> tuple[str | None, str | None]:
    """The requester's name and email: from `--requester FILE|-` (JSON `{"name": ..., "email": ...}`), which
    other users cannot see in `ps` as they can the command line's options, or from the two options."""
    if not args.requester:
        return args.requester_name, args.requester_email
    if args.requester_name or args.requester_email:
        raise UserError("--requester: give the requester in the file, or as --requester-name/--requester-email")
    given = parse_json(read_input(args.requester), "--requester")
    if not isinstance(given, dict) or set(given) - {"name", "email"}:
        raise UserError('--requester: expected a JSON object {"name": ..., "email": ...}')
    if not all(isinstance(v, str | None) for v in given.values()):
        raise UserError("--requester: name and email are text")
    return given.get("name"), given.get("email")


def cmd_record(args) -> None:
    from casework import cases
    from cli.server import run_async

    settings = get_settings()
    on = parse_date(args.on, "--on") if args.on else today(settings.alarms.timezone)
    until = parse_date(args.until, "--until") if args.until else None
    event = Event(
        type=EventType(args.event),
        on=on,
        outcome=args.outcome,
        until=until,
        exceptional=args.exceptional,
        exemptions=args.exemption,
        public_interest_test=args.public_interest_test,
    )
    v = run_async(lambda client: cases.record_event(client, settings, args.ref, event))
    print_json(view_json(v)) if args.json else print_view(v)


def cmd_show(args) -> None:
    from casework import cases
    from cli.server import run_async

    settings = get_settings()
    v = run_async(lambda client: cases.view(client, settings, args.ref))
    print_json(view_json(v)) if args.json else print_view(v)


def cmd_overdue(args) -> None:
    from casework.lists import everything, query_for
    from register import Register

    settings = get_settings()
    register = Register(settings.register_url)
    listed = everything(register, settings, query_for(register, settings, "overdue", sort="overdue"))
    rows = [
        {
            "ref": c.ref,
            "regime": c.regime,
            "stage": c.stage,
            "subject": c.subject,
            "officer": c.officer,
            "manager": c.manager,
            "response_due": c.response_due,
            "review_due": c.review_due,
            "deadline_missed": c.overdue_after,
            "working_days_overdue": c.working_days_overdue,
        }
        for c in listed
    ]
    if args.json:
        print_json_rows(rows)
        return
    columns = ("ref", "regime", "stage", "missed", "over", "officer", "subject")
    shown = [
        (
            r["ref"],
            r["regime"],
            r["stage"].removeprefix("awaiting_").replace("_", " "),
            short_day(r["deadline_missed"]),
            r["working_days_overdue"],
            r["officer"],
            r["subject"],
        )
        for r in rows
    ]
    print_table(f"Overdue cases ({len(rows)}; over: working days overdue)", columns, shown, right=("over",))
    stuck = register.needing_attention()
    if stuck:
        shown = [(a.ref, a.since.date().isoformat(), a.reason) for a in stuck]
        print_table(f"Needs attention ({len(stuck)})", ("ref", "since", "why"), shown)


def add_to(sub) -> None:
    n = sub.add_parser("new", help="start a case")
    n.add_argument("--ref", required=True)
    n.add_argument("--regime", required=True, help="foia | eir | foisa | sar")
    n.add_argument("--received", required=True, help="date received, YYYY-MM-DD")
    n.add_argument("--subject")
    n.add_argument("--requester-name", help="visible to other users in `ps`: prefer --requester")
    n.add_argument("--requester-email", help="visible to other users in `ps`: prefer --requester")
    n.add_argument("--requester", metavar="FILE", help='the requester as JSON {"name": ..., "email": ...} (FILE or -)')
    n.add_argument("--officer", help="case officer's email address")
    n.add_argument("--manager", help="manager's email address")
    n.add_argument(
        "--events",
        help="JSON list of the events so far (FILE or -), for a case received earlier; without it, alarms already "
        "due wait FOI_ALARMS__CATCH_UP_GRACE_MINUTES (15) for the history you record next",
    )
    n.set_defaults(func=cmd_new)

    r = sub.add_parser("record", help="record what happened to a case")
    r.add_argument("ref")
    r.add_argument(
        "event", choices=[e.value for e in EventType], metavar="EVENT", help=" | ".join(e.value for e in EventType)
    )
    r.add_argument("--on", help="date it happened (default today)")
    r.add_argument("--outcome", help="for responded and review_completed")
    r.add_argument("--until", help="for extended: the date the extension runs to")
    r.add_argument("--exceptional", action="store_true", help="for extended: beyond the usual cap")
    r.add_argument(
        "--exemption",
        action="append",
        default=[],
        metavar="CITATION",
        help="for responded and review_completed, repeatable: an exemption or exception applied, e.g. s31(1)(a)",
    )
    r.add_argument(
        "--public-interest-test", action="store_true", help="for responded and review_completed: a PIT was applied"
    )
    r.add_argument("--json", action="store_true")
    r.set_defaults(func=cmd_record)

    s = sub.add_parser("show", help="where a case stands")
    s.add_argument("ref")
    s.add_argument("--json", action="store_true", help="the calc contract's keys plus ref")
    s.set_defaults(func=cmd_show)

    o = sub.add_parser("overdue", help="every overdue case, most overdue first")
    o.add_argument("--json", action="store_true")
    o.set_defaults(func=cmd_overdue)
