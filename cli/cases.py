"""Case commands: start a case, record what happened, show where it stands, list every overdue case."""

from __future__ import annotations

import sys

from cli.acting import actor_for, add_actor_option
from rules.vocabulary import EventType
from runtime.errors import UserError

# Each command imports what it uses (the engine, pydantic, the settings, Temporal's client), so that
# `--help` loads none of it and `overdue`, which reads the register, does not load Temporal.


def cmd_new(args) -> None:
    from pydantic import TypeAdapter, ValidationError

    from casework import cases
    from casework.addresses import check_addresses, no_one_to_alert, warning
    from casework.inputs import parse_date, parse_json, read_input
    from casework.limits import check_lengths
    from casework.today import today
    from cli.server import run_async
    from messages import CaseInput
    from rules import Case, Event, regime_of
    from rules.categories import Category
    from rules.explain import day
    from runtime.errors import one_line_validation_error
    from settings import get_settings

    settings = get_settings()
    name, email = requester(args)
    events = []
    if args.events:
        data = parse_json(read_input(args.events), "--events")
        try:
            events = TypeAdapter(list[Event]).validate_python(data)
        except ValidationError as exc:
            raise UserError(f"--events: {one_line_validation_error(exc)}") from None
    if (args.received is None) == (args.from_intake is None):
        raise UserError("give --received DATE, or --from-intake ID (the day of receipt is then the message's)")
    case = CaseInput(
        ref=cases.check_ref(args.ref),
        regime=regime_of(args.regime),
        received=parse_date(args.received, "--received") if args.received else today(settings.alarms.timezone),
        category=Category(args.category),
        subject=args.subject,
        requester_name=name,
        requester_email=email,
        officer=args.officer,
        manager=args.manager,
        team=args.team,
        events=events,
        catch_up_grace=not args.events,  # its history may follow: alarms already due wait for it
    )
    if args.from_intake is not None:
        from casework.intake import case_input, intake_message, start_from_intake
        from register import Register

        message = intake_message(Register(settings.register_url), args.from_intake)
        case = case_input(message, case)
    check_lengths(case)
    check_addresses(case)
    actor = actor_for(args, "start")
    unalerted = no_one_to_alert(case, settings)
    if args.from_intake is not None:
        ev = run_async(lambda client: start_from_intake(client, settings, args.from_intake, case, actor))
    else:
        ev = run_async(lambda client: cases.start_case(client, settings, case, actor))
    due = f"response due {day(ev.response_due)}" if ev.response_due else f"stage {ev.stage.value}"
    print(f"{case.ref}: started ({case.regime.value}); {due}" + (" — OVERDUE" if ev.overdue else ""))
    grace = settings.alarms.catch_up_grace_minutes
    held = (
        case.catch_up_grace
        and grace
        and cases.alarms_already_due(settings, Case(regime=case.regime, received=case.received, category=case.category))
    )
    if held:
        print(f"  alarms already due wait {grace} minutes for the history you record now (starter.py record)")
    if unalerted:
        print(warning(case.ref, unalerted), file=sys.stderr)
    if args.from_intake is not None and message.suggested_regime != case.regime.value:
        why = f"{message.suggested_regime}: {message.suggestion_reason}"
        print(f"note: message {args.from_intake} suggested {why}; started as {case.regime.value}", file=sys.stderr)


def requester(args) -> tuple[str | None, str | None]:
    """The requester's name and email: from `--requester FILE|-` (JSON `{"name": ..., "email": ...}`), which
    other users cannot see in `ps` as they can the command line's options, or from the two options."""
    from casework.inputs import parse_json, read_input

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
    from casework.inputs import parse_date
    from casework.today import today
    from cli.rendering import print_json, print_view, view_json
    from cli.server import run_async
    from runtime.errors import one_line_validation_error
    from settings import get_settings

    settings = get_settings()
    if args.from_intake is not None:
        if args.on:
            raise UserError("give --on DATE or --from-intake ID, not both: the reply's day of receipt is the date")
        from casework.intake import check_reply, record_from_reply
        from register import Register

        event = EventType(args.event)
        check_reply(Register(settings.register_url), args.ref, event, args.from_intake)
        actor = actor_for(args, "record")
        v = run_async(lambda client: record_from_reply(client, settings, args.ref, event, args.from_intake, actor))
        print_json(view_json(v)) if args.json else print_view(v)
        return
    on = parse_date(args.on, "--on") if args.on else today(settings.alarms.timezone)
    until = parse_date(args.until, "--until") if args.until else None
    from pydantic import ValidationError

    try:
        event = _event(args, on, until)
    except ValidationError as exc:
        raise UserError(one_line_validation_error(exc)) from None
    actor = actor_for(args, "record")
    override, over_clearance = args.override_independence, args.override_clearance
    v = run_async(lambda client: cases.record_event(client, settings, args.ref, event, actor, override, over_clearance))
    print_json(view_json(v)) if args.json else print_view(v)


def _event(args, on, until):
    """The event `record` was given (pydantic checks the lengths of --team and --changes)."""
    from rules import Event

    return Event(
        type=EventType(args.event),
        on=on,
        outcome=args.outcome,
        until=until,
        exceptional=args.exceptional,
        exemptions=args.exemption,
        public_interest_test=args.public_interest_test,
        team=args.team,
        changes=args.changes,
    )


def cmd_show(args) -> None:
    from casework import cases
    from cli.rendering import print_json, print_view, view_json
    from cli.server import run_async
    from settings import get_settings

    settings = get_settings()
    v = run_async(lambda client: cases.view(client, settings, args.ref))
    print_json(view_json(v)) if args.json else print_view(v)


def cmd_overdue(args) -> None:
    from casework.lists import everything, query_for
    from casework.teams import existing
    from cli.rendering import print_json_rows, print_table, short_day
    from register import Register
    from register.caseload import ANY_TEAM
    from settings import get_settings

    settings = get_settings()
    register = Register(settings.register_url)
    # a team named must exist: a mistyped name is one line, not an empty list that looks like good news
    team = None if args.team is None else existing(register, args.team)
    wanted = args.awaiting_clearance
    clearance = wanted if wanted in (None, ANY_TEAM) else existing(register, wanted)
    q = query_for(register, settings, "overdue", sort="overdue", team=team, clearance=clearance)
    listed = everything(register, settings, q)
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
            "draft_due": c.draft_due,
            "deadline_missed": c.overdue_after,
            "working_days_overdue": c.working_days_overdue,
            "awaiting_clearance": c.awaiting_clearance,
            "clearance_returned": c.clearance_returned,
        }
        for c in listed
    ]
    if args.json:
        print_json_rows(rows)
        return
    columns = ("ref", "regime", "stage", "missed", "over", "draft due", "officer", "subject")
    shown = [
        (
            r["ref"],
            r["regime"],
            r["stage"].removeprefix("awaiting_").replace("_", " "),
            short_day(r["deadline_missed"]),
            r["working_days_overdue"],
            short_day(r["draft_due"]),
            r["officer"],
            r["subject"],
        )
        for r in rows
    ]
    if clearance:  # who has it: the approving team, or the officer after a return
        columns += ("clearance",)
        shown = [
            (*line, f"returned by {r['awaiting_clearance']}" if r["clearance_returned"] else r["awaiting_clearance"])
            for line, r in zip(shown, rows, strict=True)
        ]
    print_table(f"Overdue cases ({len(rows)}; over: working days overdue)", columns, shown, right=("over",))
    stuck = register.needing_attention()
    if stuck:
        shown = [(a.ref, a.since.date().isoformat(), a.reason) for a in stuck]
        print_table(f"Needs attention ({len(stuck)})", ("ref", "since", "why"), shown)


def add_to(sub) -> None:
    n = sub.add_parser("new", help="start a case")
    n.add_argument("--ref", required=True)
    n.add_argument("--regime", required=True, help="foia | eir | foisa | sar | eisr")
    n.add_argument("--received", help="date received, YYYY-MM-DD (not with --from-intake)")
    n.add_argument(
        "--category",
        default="standard",
        choices=["standard", "school", "archives"],
        help="FOIA only: the Time for Compliance Regulations' category (standard | school | archives)",
    )
    n.add_argument(
        "--from-intake",
        type=int,
        metavar="ID",
        help="start it from a request the mailbox took (starter.py triage): received on its day of receipt, "
        "the requester and subject from the message",
    )
    n.add_argument("--subject")
    n.add_argument("--requester-name", help="visible to other users in `ps`: prefer --requester")
    n.add_argument("--requester-email", help="visible to other users in `ps`: prefer --requester")
    n.add_argument("--requester", metavar="FILE", help='the requester as JSON {"name": ..., "email": ...} (FILE or -)')
    n.add_argument("--officer", help="case officer's email address")
    n.add_argument("--manager", help="manager's email address")
    n.add_argument("--team", help="the responding team (its managers take the escalations when there is no manager)")
    n.add_argument(
        "--events",
        help="JSON list of the events so far (FILE or -), for a case received earlier; without it, alarms already "
        "due wait FOI_ALARMS__CATCH_UP_GRACE_MINUTES (15) for the history you record next",
    )
    add_actor_option(n)
    n.set_defaults(func=cmd_new)

    r = sub.add_parser("record", help="record what happened to a case")
    r.add_argument("ref")
    r.add_argument(
        "event", choices=[e.value for e in EventType], metavar="EVENT", help=" | ".join(e.value for e in EventType)
    )
    r.add_argument("--on", help="date it happened (default today)")
    r.add_argument(
        "--from-intake",
        type=int,
        metavar="ID",
        help="a reply the mailbox took (clarification_received, fee_paid, identity_received): dated by its arrival",
    )
    r.add_argument("--outcome", help="for responded, review_completed, decision_notice, appeal_decided")
    r.add_argument(
        "--until", help="for extended: the date it runs to; decision_notice, appeal_decided: the steps' date"
    )
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
    r.add_argument(
        "--override-independence",
        metavar="REASON",
        help="for review_completed, managers only: let someone who took part in the original handling complete it",
    )
    r.add_argument("--team", help="for flag_for_clearance: the approving team (docs/clearance.md)")
    r.add_argument("--changes", metavar="TEXT", help="for returned: what the approving team asks to change")
    r.add_argument(
        "--override-clearance",
        metavar="REASON",
        help="for responded and review_completed, managers only: record the answer while clearance is pending",
    )
    r.add_argument("--json", action="store_true")
    add_actor_option(r)
    r.set_defaults(func=cmd_record)

    s = sub.add_parser("show", help="where a case stands")
    s.add_argument("ref")
    s.add_argument("--json", action="store_true", help="the calc contract's keys plus ref")
    s.set_defaults(func=cmd_show)

    o = sub.add_parser("overdue", help="every overdue case, most overdue first")
    o.add_argument("--team", help="only the cases of this responding team")
    o.add_argument(
        "--awaiting-clearance",
        nargs="?",
        const="*",
        metavar="TEAM",
        help="only the cases awaiting clearance (by this approving team; without one, by any): docs/clearance.md",
    )
    o.add_argument("--json", action="store_true")
    o.set_defaults(func=cmd_overdue)
