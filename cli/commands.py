"""The Temporal-backed commands of starter.py: new, record, show, overdue, alerts, holiday."""

from __future__ import annotations

import asyncio
import json
import sys
from datetime import UTC, datetime

from pydantic import TypeAdapter, ValidationError
from rich.console import Console
from rich.table import Table
from temporalio.service import RPCError

from casework import cases
from casework.inputs import parse_date, read_input
from casework.today import today
from messages import CaseInput, CaseView
from register import Register
from rules import Event, EventType, ProclaimedDay, regime_of
from rules.exemptions import cited, citing
from rules.explain import day
from runtime.connection import connect
from runtime.errors import Unavailable, UserError, one_line_validation_error
from settings import get_settings

EVENTS = TypeAdapter(list[Event])


def run_async(coro_fn):
    """Run a command against Temporal; a server that goes away mid-command is one line, not a traceback."""

    async def wrapped():
        client = await connect()
        return await coro_fn(client)

    try:
        return asyncio.run(wrapped())
    except RPCError as exc:
        raise Unavailable(
            f"Temporal refused the request: {exc.message.splitlines()[0] if exc.message else exc}"
        ) from None


def utc(moment: datetime) -> datetime:
    """Register timestamps are UTC; SQLite hands them back without the zone."""
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def print_json(data) -> None:
    print(json.dumps(data, indent=2, default=str))


def view_json(v: CaseView) -> dict:
    return {
        "ref": v.ref,
        **v.evaluation.model_dump(mode="json"),
        "subject": v.subject,
        "officer": v.officer,
        "manager": v.manager,
        "next_alarm": v.next_alarm.model_dump(mode="json") if v.next_alarm else None,
        "exemptions": {
            t.value: e.model_dump(mode="json", include={"exemptions", "public_interest_test"})
            for t, e in cited(v.events).items()
        },
    }


def print_view(v: CaseView) -> None:
    ev = v.evaluation
    t = Table(title=f"{v.ref} — {ev.regime.upper()} — {ev.stage.value.replace('_', ' ')}", show_header=False)
    t.add_column(style="bold")
    t.add_column()
    rows = [
        ("subject", v.subject),
        ("officer", v.officer),
        ("manager", v.manager),
        ("received", day(ev.received)),
        ("response due", ev.response_due and day(ev.response_due)),
        ("statutory due", ev.statutory_due and ev.statutory_due != ev.response_due and day(ev.statutory_due)),
        ("OVERDUE", ev.overdue and f"{ev.working_days_overdue} working days"),
        ("responded", ev.responded_on and f"{day(ev.responded_on)} ({ev.response_timeliness}, {ev.response_outcome})"),
        ("review request by", ev.review_request_deadline and day(ev.review_request_deadline)),
        (
            "review requested",
            ev.review_requested_on
            and f"{day(ev.review_requested_on)}{'' if ev.review_requested_in_time else ' (late, accepted)'}",
        ),
        ("review due", ev.review_due and f"{day(ev.review_due)} (at the latest {day(ev.review_latest_due)})"),
        ("REVIEW OVERDUE", ev.review_overdue and f"{ev.review_working_days_overdue} working days"),
        ("exemptions cited", (e := cited(v.events).get(EventType.responded)) and citing(e)),
        ("review completed", ev.review_completed_on and f"{day(ev.review_completed_on)} ({ev.review_outcome})"),
        ("exemptions upheld", (e := cited(v.events).get(EventType.review_completed)) and citing(e)),
        ("complaint by", ev.complaint_deadline and f"{day(ev.complaint_deadline)} to {ev.complaint_to}"),
        ("lapses after", ev.lapses_after and day(ev.lapses_after)),
        ("closed", ev.closed_reason and f"{ev.closed_reason} on {day(ev.closed_on)}"),
        ("next alarm", v.next_alarm and f"{v.next_alarm.kind} on {day(v.next_alarm.on)}"),
    ]
    for k, val in rows:
        if val:
            t.add_row(k, str(val))
    Console().print(t)


# -- commands ------------------------------------------------------------------------------------


def cmd_new(args) -> None:
    settings = get_settings()
    events = []
    if args.events:
        text = read_input(args.events)
        try:
            events = EVENTS.validate_json(text)
        except ValidationError as exc:
            raise UserError(f"--events: {one_line_validation_error(exc)}") from None
    case = CaseInput(
        ref=cases.check_ref(args.ref),
        regime=regime_of(args.regime),
        received=parse_date(args.received, "--received"),
        subject=args.subject,
        requester_name=args.requester_name,
        requester_email=args.requester_email,
        officer=args.officer,
        manager=args.manager,
        events=events,
    )
    ev = run_async(lambda client: cases.start_case(client, settings, case))
    due = f"response due {day(ev.response_due)}" if ev.response_due else f"stage {ev.stage.value}"
    print(f"{case.ref}: started ({case.regime.value}); {due}" + (" — OVERDUE" if ev.overdue else ""))


def cmd_record(args) -> None:
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
    settings = get_settings()
    v = run_async(lambda client: cases.view(client, settings, args.ref))
    print_json(view_json(v)) if args.json else print_view(v)


def cmd_overdue(args) -> None:
    settings = get_settings()
    views = run_async(lambda client: cases.overdue(client, settings))
    rows = []
    for v in views:
        ev = v.evaluation
        rows.append(
            {
                "ref": v.ref,
                "regime": ev.regime.value,
                "stage": ev.stage.value,
                "officer": v.officer,
                "response_due": ev.response_due,
                "review_due": ev.review_due,
                "deadline_missed": ev.running_due,
                "working_days_overdue": cases.days_overdue(ev),
            }
        )
    if args.json:
        print_json(rows)
        return
    t = Table(title=f"Overdue cases ({len(rows)})")
    for col in ("ref", "regime", "stage", "deadline missed", "working days overdue", "officer"):
        t.add_column(col)
    for r in rows:
        t.add_row(
            r["ref"],
            r["regime"],
            r["stage"],
            day(r["deadline_missed"]),
            str(r["working_days_overdue"]),
            r["officer"] or "",
        )
    Console().print(t)


def cmd_alerts(args) -> None:
    settings = get_settings()
    rows = Register(settings.register_url).notifications(ref=args.ref, limit=args.limit)
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
    t = Table(title=f"Alerts ({len(data)}, newest first)")
    for col in ("at", "ref", "kind", "recipient", "channel", "subject"):
        t.add_column(col)
    for d in data:
        t.add_row(d["at"][:16].replace("T", " "), d["ref"], d["kind"], d["recipient"], d["channel"], d["subject"])
    Console().print(t)


def cmd_holiday_add(args) -> None:
    settings = get_settings()
    try:
        proclaimed = ProclaimedDay(on=parse_date(args.date, "DATE"), name=args.name, region=args.region)
    except ValidationError as exc:
        raise UserError(one_line_validation_error(exc)) from None

    async def go(client):
        ids = await cases.running_case_ids(client)  # reach the server first: nothing recorded if it is down
        if not Register(settings.register_url).add_proclaimed(proclaimed):
            raise UserError(f"{proclaimed.on} ({proclaimed.region}) is already recorded as a non-working day")
        for wf_id in ids:
            await client.get_workflow_handle(wf_id).signal("calendar_changed")
        return len(ids)

    n = run_async(go)
    print(f"{day(proclaimed.on)} — {proclaimed.name} ({proclaimed.region}) recorded; {n} running cases re-evaluated")


def cmd_holiday_list(args) -> None:
    for p in Register(get_settings().register_url).proclaimed():
        print(f"{p.on}  {p.region:<4} {p.name}")


def cmd_report(args) -> None:
    from reports.quarterly import Quarter
    from reports.statistics import as_csv, as_json, figures, shown

    settings = get_settings()
    now = today(settings.alarms.timezone)
    quarter = Quarter.parse(args.quarter) if args.quarter else Quarter.containing(now)
    rows = figures(Register(settings.register_url), settings.policy, now, quarter)
    if args.format == "json":
        print_json(as_json(quarter, rows))
    elif args.format == "csv":
        sys.stdout.write(as_csv(quarter, rows))
    else:
        t = Table(title=f"FOI statistics {quarter} ({day(quarter.first)} to {day(quarter.last)})")
        for col in ("section", "measure", "value"):
            t.add_column(col, justify="right" if col == "value" else "left")
        for s, m, n in rows:
            t.add_row(s, m, shown(m, n))
        Console().print(t)


def cmd_import(args) -> int:
    from rich.progress import Progress

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
    n = sub.add_parser("new", help="start a case")
    n.add_argument("--ref", required=True)
    n.add_argument("--regime", required=True, help="foia | eir | foisa | sar")
    n.add_argument("--received", required=True, help="date received, YYYY-MM-DD")
    n.add_argument("--subject")
    n.add_argument("--requester-name")
    n.add_argument("--requester-email")
    n.add_argument("--officer", help="case officer's email address")
    n.add_argument("--manager", help="manager's email address")
    n.add_argument("--events", help="JSON list of the events so far (FILE or -), for a case received earlier")
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

    a = sub.add_parser("alerts", help="the alarms delivered, newest first")
    a.add_argument("--ref")
    a.add_argument("--limit", type=int, default=200)
    a.add_argument("--json", action="store_true")
    a.set_defaults(func=cmd_alerts)

    h = sub.add_parser("holiday", help="proclaimed non-working days")
    hs = h.add_subparsers(dest="holiday_command", required=True)
    ha = hs.add_parser("add", help="record a newly proclaimed bank holiday and re-evaluate every running case")
    ha.add_argument("date")
    ha.add_argument("name")
    ha.add_argument("--region", default="uk", help="uk (default), or ENG, WLS, SCT, NIR for one part")
    ha.set_defaults(func=cmd_holiday_add)
    hl = hs.add_parser("list", help="the proclaimed days recorded")
    hl.set_defaults(func=cmd_holiday_list)

    rp = sub.add_parser("report", help="quarterly statistics in the government's categories")
    rp.add_argument("--quarter", help="e.g. 2021Q2 (default: the current quarter)")
    rp.add_argument("--format", choices=["table", "csv", "json"], default="table")
    rp.set_defaults(func=cmd_report)

    im = sub.add_parser("import", help="start cases from a CSV (ref, regime, received, ...; see examples/)")
    im.add_argument("file")
    im.set_defaults(func=cmd_import)

    db = sub.add_parser("dashboard", help="the managers' web dashboard")
    db.add_argument("--host", default="127.0.0.1")
    db.add_argument("--port", type=int, default=8000)
    db.set_defaults(func=cmd_dashboard)
