"""`starter.py history REF [--json|--csv]`: the case's audit trail (`casework.history`), every action
with when it was recorded, by whom and why."""

from __future__ import annotations

import sys


def cmd_history(args) -> None:
    from casework.cases import check_ref
    from casework.history import UNKNOWN, trail
    from cli.rendering import print_json_rows, print_table
    from register import Register
    from settings import get_settings

    steps = trail(Register(get_settings().register_url), check_ref(args.ref))
    if args.json:
        print_json_rows([s.as_json() for s in steps])
        return
    if args.csv:
        import csv

        out = csv.writer(sys.stdout)
        out.writerow(["at", "action", "number", "by", "what", "reason"])
        for s in steps:
            out.writerow([s.at.isoformat(), s.action, s.number or "", s.by or UNKNOWN, s.what, s.reason or ""])
        return
    rows = [
        (s.at.strftime("%Y-%m-%d %H:%M"), s.action, s.number or "", s.by or UNKNOWN, s.what, s.reason or "")
        for s in steps
    ]
    print_table(f"History of {args.ref} (times UTC)", ("at", "action", "no.", "by", "what", "reason"), rows)


def add_to(sub) -> None:
    h = sub.add_parser("history", help="every action on a case: when, by whom, why")
    h.add_argument("ref")
    form = h.add_mutually_exclusive_group()
    form.add_argument("--json", action="store_true")
    form.add_argument("--csv", action="store_true")
    h.set_defaults(func=cmd_history)
