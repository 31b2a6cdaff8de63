"""Managers' commands: the quarterly statistics, bulk import from a spreadsheet, the web dashboard."""

from __future__ import annotations

import argparse
import sys

from cli.acting import actor_for, add_actor_option
from runtime.errors import UserError

# Each command imports what it uses (the register, the engine, the settings), so that `--help` stays quick.


def cmd_report(args) -> None:
    if args.return_name:
        from cli.returns import cmd_return

        return cmd_return(args)
    if args.out or args.format == "xlsx":
        raise UserError("--out and --format xlsx are for an official return: add --return NAME")
    from casework.today import today
    from cli.rendering import print_json, print_table
    from register import Register
    from reports.quarterly import Quarter
    from reports.statistics import as_csv, as_json, figures, shown
    from rules.explain import day
    from settings import get_settings

    settings = get_settings()
    now = today(settings.alarms.timezone)
    quarter = Quarter.parse(args.quarter) if args.quarter else Quarter.containing(now)
    rows = figures(Register(settings.register_url), settings.policy, now, quarter)
    if args.format == "json":
        print_json(as_json(quarter, rows))
    elif args.format == "csv":
        sys.stdout.write(as_csv(quarter, rows))
    else:
        title = f"FOI statistics {quarter} ({day(quarter.first)} to {day(quarter.last)})"
        print_table(title, ("section", "measure", "value"), ((s, m, shown(m, n)) for s, m, n in rows), right=("value",))


def cmd_import(args) -> int:
    from rich.console import Console
    from rich.progress import Progress

    from casework import cases
    from casework.inputs import read_input
    from cli.server import run_async
    from importing.bulk_import import check
    from settings import get_settings

    settings = get_settings()
    actor = actor_for(args, "start")
    checked = check(read_input(args.file), settings)
    for message in checked.errors:
        print(f"error: {message}", file=sys.stderr)
    if checked.errors:
        n = len(checked.errors)
        raise UserError(
            f"{n} row{'s' if n > 1 else ''} with errors: nothing started; correct them and run the import again"
        )

    from casework.addresses import no_one_to_alert, warning
    from importing.differences import differences
    from register import Register

    register = Register(settings.register_url)

    async def start_all(client):
        started, skipped, disagree = [], [], []
        with Progress(console=Console(stderr=True), transient=True) as bar:
            task = bar.add_task("starting cases", total=len(checked.valid))
            for _line, case in checked.valid:
                try:
                    await cases.start_case(client, settings, case, actor)
                    started.append(case.ref)
                    unalerted = no_one_to_alert(case, settings)
                    if unalerted:
                        bar.console.print(warning(case.ref, unalerted), markup=False, highlight=False)
                except UserError as exc:
                    if "already exists" not in str(exc):
                        raise
                    skipped.append(case.ref)
                    disagree.extend(differences(case.ref, case.events, register.case_events(case.ref)))
                bar.advance(task)
        return started, skipped, disagree

    started, skipped, disagree = run_async(start_all) if checked.valid else ([], [], [])
    if skipped:
        print(f"skipped (already exist): {', '.join(skipped)}")
    for line in disagree:
        print(line)
    told = f"; {len(disagree)} difference{'s' * (len(disagree) != 1)} from the running cases" if disagree else ""
    print(f"started {len(started)} cases, skipped {len(skipped)} that already exist, 0 rows with errors{told}")
    return 1 if disagree else 0


def tcp_port(text: str) -> int:
    """A port number (argparse type): anything else is a usage mistake, one line."""
    if not (text.isascii() and text.isdigit() and 1 <= int(text) <= 65535):
        raise argparse.ArgumentTypeError(f"'{text}' is not a port number (1-65535)")
    return int(text)


def cmd_dashboard(args) -> None:
    from dashboard.serve import serve
    from settings import get_settings

    serve(get_settings(), args.host, args.port)


def add_to(sub) -> None:
    from reports.returns import NAMES

    rp = sub.add_parser("report", help="quarterly statistics in the government's categories, or an official return")
    rp.add_argument("--quarter", help="e.g. 2021Q2 (default: the current quarter)")
    rp.add_argument(
        "--return",
        dest="return_name",
        choices=NAMES,
        help="an official return (docs/returns.md): the Cabinet Office's, the s45 Code's or the SIC's",
    )
    rp.add_argument(
        "--format",
        choices=["table", "csv", "json", "xlsx"],
        help="table (the default), csv or json; a return: csv (the default), xlsx or json",
    )
    rp.add_argument("--out", metavar="FILE", help="a return: write it to FILE (an .xlsx needs it on a terminal)")
    rp.set_defaults(func=cmd_report)

    im = sub.add_parser("import", help="start cases from a CSV (ref, regime, received, ...; see examples/)")
    im.add_argument("file")
    add_actor_option(im)
    im.set_defaults(func=cmd_import)

    db = sub.add_parser("dashboard", help="the managers' web dashboard")
    db.add_argument("--host", default="127.0.0.1")
    db.add_argument("--port", type=tcp_port, default=8000, help="1-65535 (default 8000)")
    db.set_defaults(func=cmd_dashboard)
