"""Managers' commands: the quarterly statistics, bulk import from a spreadsheet, the web dashboard."""

from __future__ import annotations

import csv
import sys

from casework.inputs import read_input
from casework.today import today
from cli.rendering import print_json, print_table
from rules.explain import day
from runtime.errors import UserError
from settings import get_settings


def cmd_report(args) -> None:
    from register import Register
    from reports.quarterly import Quarter, evaluations, quarter_figures

    settings = get_settings()
    quarter = Quarter.parse(args.quarter)
    rows = quarter_figures(
        evaluations(Register(settings.register_url), settings.policy, today(settings.alarms.timezone)), quarter
    )
    if args.format == "json":
        print_json({"quarter": str(quarter), "figures": [{"section": s, "measure": m, "count": n} for s, m, n in rows]})
    elif args.format == "csv":
        w = csv.writer(sys.stdout)
        w.writerow(["quarter", "section", "measure", "count"])
        w.writerows((str(quarter), s, m, n) for s, m, n in rows)
    else:
        title = f"FOI statistics {quarter} ({day(quarter.first)} to {day(quarter.last)})"
        print_table(title, ("section", "measure", "count"), rows, right=("count",))


def cmd_import(args) -> int:
    from rich.console import Console
    from rich.progress import Progress

    from casework import cases
    from cli.server import run_async
    from importing.bulk_import import check

    settings = get_settings()
    checked = check(read_input(args.file), settings)
    for message in checked.errors:
        print(f"error: {message}", file=sys.stderr)

    async def start_all(client):
        started, skipped = [], []
        with Progress(console=Console(stderr=True), transient=True) as bar:
            task = bar.add_task("starting cases", total=len(checked.valid))
            for _line, case in checked.valid:
                try:
                    await cases.start_case(client, settings, case)
                    started.append(case.ref)
                except UserError as exc:
                    if "already exists" not in str(exc):
                        raise
                    skipped.append(case.ref)
                bar.advance(task)
        return started, skipped

    started, skipped = run_async(start_all) if checked.valid else ([], [])
    print(
        f"started {len(started)} cases, skipped {len(skipped)} that already exist, "
        f"{len(checked.errors)} rows with errors"
    )
    return 2 if checked.errors else 0


def cmd_dashboard(args) -> None:
    from dashboard.serve import serve

    serve(get_settings(), args.host, args.port)


def add_to(sub) -> None:
    rp = sub.add_parser("report", help="quarterly statistics in the government's categories")
    rp.add_argument("--quarter", required=True, help="e.g. 2021Q2")
    rp.add_argument("--format", choices=["table", "csv", "json"], default="table")
    rp.set_defaults(func=cmd_report)

    im = sub.add_parser("import", help="start cases from a CSV (ref, regime, received, ...; see examples/)")
    im.add_argument("file")
    im.set_defaults(func=cmd_import)

    db = sub.add_parser("dashboard", help="the managers' web dashboard")
    db.add_argument("--host", default="127.0.0.1")
    db.add_argument("--port", type=int, default=8000)
    db.set_defaults(func=cmd_dashboard)
