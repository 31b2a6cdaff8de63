"""Retention commands: `erase REF --reason TEXT` (an individual erasure request), `hold REF --reason TEXT`
and `release REF --reason TEXT` (a legal hold stops erasure), `erasures` (the erasure log). A manager or
an admin may erase and hold; see docs/retention.md."""

from __future__ import annotations

from cli.acting import actor_for, add_actor_option


def cmd_erase(args) -> None:
    from casework import retention
    from casework.cases import check_ref
    from cli.server import run_async
    from settings import get_settings

    settings = get_settings()
    actor = actor_for(args, "erase")
    ref = check_ref(args.ref)
    from register import Register

    retention.check_erasable(Register(settings.register_url), ref, args.reason)  # before Temporal is reached
    deleted = run_async(lambda client: retention.erase(client, settings, ref, args.reason, actor))
    histories = "its workflow histories deleted" if deleted else "its workflow histories left for the daily run"
    print(f"{ref}: the requester's personal data erased from the register, {histories}")


def cmd_hold(args) -> None:
    from casework import retention
    from casework.cases import check_ref
    from settings import get_settings

    actor = actor_for(args, "hold")
    retention.hold(get_settings(), check_ref(args.ref), args.reason, actor)
    print(f"{args.ref}: on legal hold: it is not erased until released")


def cmd_release(args) -> None:
    from casework import retention
    from casework.cases import check_ref
    from settings import get_settings

    actor = actor_for(args, "hold")
    retention.release(get_settings(), check_ref(args.ref), args.reason, actor)
    print(f"{args.ref}: legal hold released: the retention schedule applies again")


def cmd_erasures(args) -> None:
    from cli.rendering import print_table
    from register import Register
    from settings import get_settings

    rows = [
        (
            e.ref,
            e.erased_at.strftime("%Y-%m-%d %H:%M"),
            e.rule,
            e.closed_on.isoformat() if e.closed_on else "",
            e.erased_by,
            e.reason or "",
            "deleted" if e.histories_deleted_at else "pending",
        )
        for e in Register(get_settings().register_url).erasures()
    ]
    print_table(
        "Erasure log (times UTC)", ("ref", "erased", "rule", "closed", "by", "reason", "Temporal histories"), rows
    )


def add_to(sub) -> None:
    e = sub.add_parser("erase", help="erase a closed case's requester data on request (manager or admin)")
    e.add_argument("ref")
    e.add_argument("--reason", required=True, help="why (the request's date, your reference): no personal data")
    add_actor_option(e)
    e.set_defaults(func=cmd_erase)
    for name, func, what in (
        ("hold", cmd_hold, "put a case on legal hold: it is not erased until released"),
        ("release", cmd_release, "release a case's legal hold"),
    ):
        p = sub.add_parser(name, help=f"{what} (manager or admin)")
        p.add_argument("ref")
        p.add_argument("--reason", required=True, help="why: no personal data")
        add_actor_option(p)
        p.set_defaults(func=func)
    log = sub.add_parser("erasures", help="the erasure log: which case, when, under which rule, by whom")
    log.set_defaults(func=cmd_erasures)
