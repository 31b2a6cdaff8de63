"""The alerts commands: the alarms delivered, queued for a digest or withdrawn, newest first (from the
register); and `digest`, which sends the digests of what is queued now instead of at the digest time."""

from __future__ import annotations

# Each command imports what it uses, so that `--help` loads neither the register nor the settings.


def cmd_alerts(args) -> None:
    from cli.rendering import print_json, print_table, utc
    from register import Register
    from settings import get_settings

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
            "withdrawn": n.withdrawn_reason if n.withdrawn_at else None,
            "subject": n.subject,
        }
        for n in rows
    ]
    if args.json:
        print_json(data)
        return
    columns = ("at", "ref", "kind", "recipient", "status", "subject")
    shown = (
        {
            **d,
            "at": d["at"][:16].replace("T", " "),
            "recipient": d["recipient"] or "(no address)",
            "status": f"{d['status']}, withdrawn" if d["withdrawn"] and d["status"] != "withdrawn" else d["status"],
        }
        for d in data
    )
    print_table(f"Alerts ({len(data)}, newest first)", columns, ([d[c] for c in columns] for d in shown))


def cmd_digest(args) -> None:
    from cli.server import run_async
    from runtime.digest_schedule import send_digest_now
    from settings import get_settings

    settings = get_settings()
    result = run_async(lambda client: send_digest_now(client, settings))
    n = len(result.sent)
    print(f"sent {n} digest{'s' * (n != 1)}" + (f": {', '.join(k.split(':')[1] for k in result.sent)}" if n else ""))


def add_to(sub) -> None:
    a = sub.add_parser("alerts", help="the alarms delivered, queued for a digest or withdrawn, newest first")
    a.add_argument("--ref")
    a.add_argument("--limit", type=int, default=200)
    a.add_argument("--json", action="store_true")
    a.set_defaults(func=cmd_alerts)

    d = sub.add_parser("digest", help="send each recipient's digest of the alarms queued now (at most one a day)")
    d.set_defaults(func=cmd_digest)
