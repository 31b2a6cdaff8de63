"""The alerts command: the alarms delivered (or waiting in the outbox), newest first, from the register."""

from __future__ import annotations

from cli.rendering import print_json, print_table, utc
from settings import get_settings


def cmd_alerts(args) -> None:
    from register import Register

    rows = Register(get_settings().register_url).notifications(ref=args.ref, limit=args.limit)
    data = [
        {
            "ref": n.ref,
            "kind": n.kind,
            "recipient": n.recipient,
            "role": n.role,
            "at": utc(n.created_at).isoformat(),
            "alarm_on": n.alarm_on,
            "deadline": n.deadline,
            "channel": n.channel,
            "status": n.status,
            "subject": n.subject,
        }
        for n in rows
    ]
    if args.json:
        print_json(data)
        return
    columns = ("at", "ref", "kind", "recipient", "channel", "status", "subject")
    shown = ({**d, "at": d["at"][:16].replace("T", " ")} for d in data)
    print_table(f"Alerts ({len(data)}, newest first)", columns, ([d[c] for c in columns] for d in shown))


def add_to(sub) -> None:
    a = sub.add_parser("alerts", help="the alarms delivered, newest first")
    a.add_argument("--ref")
    a.add_argument("--limit", type=int, default=200)
    a.add_argument("--json", action="store_true")
    a.set_defaults(func=cmd_alerts)
