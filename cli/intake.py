"""The mailbox's commands: `triage` lists the requests awaiting triage (and the replies threaded to
cases not yet recorded); `triage show ID` one message; `triage not-request ID --reason ...` files a
message that is not a request. A case is started from one with `new --from-intake ID --regime ...`."""

from __future__ import annotations

from cli.acting import actor_for, add_actor_option


def _row(r, today) -> dict:
    return {
        "id": r.id,
        "status": r.status,
        "received": r.received,
        "arrived_at": r.arrived_at,
        "days_waiting": (today - r.received).days,
        "requester_name": r.sender_name,
        "requester_email": r.sender_email,
        "subject": r.subject,
        "suggested_regime": r.suggested_regime,
        "suggestion_reason": r.suggestion_reason,
        "ref": r.ref,
        "reason": r.reason,
        "used_for": r.used_for,
        "attachments": r.attachments,
        "notes": r.notes,
    }


def cmd_triage(args) -> None:
    from casework.intake import offered
    from casework.today import today
    from cli.rendering import print_json_rows, print_table, short_day
    from register import Register
    from register.intake import AWAITING, THREADED
    from settings import get_settings

    settings = get_settings()
    register = Register(settings.register_url)
    now = today(settings.alarms.timezone)

    def record_as(ref: str) -> str | None:
        case = register.case(ref)
        event = offered(case.stage) if case else None
        return event.value if event else None

    waiting = [_row(r, now) for r in register.intake_messages(status=AWAITING)]
    replies = [
        {**_row(r, now), "record_as": record_as(r.ref)}
        for r in register.intake_messages(status=THREADED)
        if r.used_for is None
    ]
    if args.json:
        print_json_rows(waiting + replies)
        return
    shown = [
        (
            r["id"],
            short_day(r["received"]),
            r["days_waiting"],
            r["suggested_regime"],
            r["requester_email"],
            r["subject"],
        )
        for r in waiting
    ]
    columns = ("id", "received", "days", "suggest", "from", "subject")
    print_table(f"Requests awaiting triage ({len(waiting)}; their clocks are running)", columns, shown, right=("days",))
    if replies:
        shown = [(r["id"], r["ref"], short_day(r["received"]), r["record_as"] or "-", r["subject"]) for r in replies]
        columns = ("id", "case", "received", "record as", "subject")
        print_table(f"Replies on cases ({len(replies)}; starter.py record CASE EVENT --from-intake ID)", columns, shown)


def cmd_show(args) -> None:
    from casework.intake import intake_message
    from casework.today import today
    from cli.rendering import print_json
    from register import Register
    from settings import get_settings

    settings = get_settings()
    row = intake_message(Register(settings.register_url), args.id)
    data = {**_row(row, today(settings.alarms.timezone)), "body": row.body}
    if args.json:
        print_json(data)
        return
    for key in ("id", "status", "received", "arrived_at", "requester_name", "requester_email", "subject", "ref"):
        if data[key] is not None:
            print(f"{key.replace('_', ' ')}: {data[key]}")
    print(f"suggested regime: {row.suggested_regime} ({row.suggestion_reason})")
    for a in row.attachments:
        print(f"attachment: {a['filename']} ({a['content_type']}, {a['size']:,} bytes)")
    for note in row.notes:
        print(f"could not read: {note}")
    print()
    print(row.body)


def cmd_not_request(args) -> None:
    from casework.intake import mark_not_request
    from settings import get_settings

    settings = get_settings()
    actor = actor_for(args, "start")
    row = mark_not_request(settings, args.id, args.reason, actor)
    print(f"message {row.id}: not a request ({row.reason})")


def add_to(sub) -> None:
    t = sub.add_parser("triage", help="requests the mailbox took, awaiting triage")
    t.add_argument("--json", action="store_true")
    t.set_defaults(func=cmd_triage)
    more = t.add_subparsers(dest="triage_command", required=False, parser_class=type(t))
    s = more.add_parser("show", help="one message: who, what, attachments, what could not be read")
    s.add_argument("id", type=int)
    s.add_argument("--json", action="store_true")
    s.set_defaults(func=cmd_show)
    n = more.add_parser("not-request", help="file a message that is not a request (spam, a duplicate, a reply)")
    n.add_argument("id", type=int)
    n.add_argument("--reason", required=True)
    add_actor_option(n)
    n.set_defaults(func=cmd_not_request)
