"""How the command line shows things: JSON for tools, rich tables for people. Every table is
`cli.literal.Table`, which shows what staff typed (a subject, an officer, a holiday name) literally,
never as Rich markup."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Sequence
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING

from cli.plain import plain_pairs, plain_table
from rules import EventType
from rules.exemptions import cited, citing
from rules.explain import day

if TYPE_CHECKING:
    from messages import CaseView


def utc(moment: datetime) -> datetime:
    """Register timestamps are UTC; SQLite hands them back without the zone."""
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def short_day(d: date | None) -> str:
    """A date in ten characters, for tables."""
    return d.isoformat() if d else ""


def print_json(data) -> None:
    print(json.dumps(data, indent=2, default=str))


def print_json_rows(rows: list[dict]) -> None:
    """A JSON array with one object a line: still readable, and written by json's fast encoder, which
    `indent` would switch off (thousands of overdue cases)."""
    body = ",\n".join(json.dumps(row, default=str) for row in rows)
    print(f"[\n{body}\n]" if rows else "[]")


def print_table(title: str, columns: Sequence[str], rows: Iterable[Sequence], right: Sequence[str] = ()) -> None:
    """A table of `columns`, one row per sequence of cells (None shows as blank), every cell literal; plain
    text with every value whole when the output is not a terminal (a pipe, a file, another program)."""
    if not sys.stdout.isatty():
        print(plain_table(title, columns, rows, right))
        return
    from rich.console import Console

    from cli.literal import Table

    t = Table(title=title)
    for col in columns:
        t.add_column(col, justify="right" if col in right else "left")
    for row in rows:
        t.add_row(*("" if cell is None else str(cell) for cell in row))
    Console().print(t)


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
        "attention": v.attention,
        "clearance": v.clearance.model_dump(mode="json") if v.clearance else None,
        "events": [
            {
                "number": n,
                **entry.event.model_dump(mode="json", exclude={"team", "changes"}),
                **entry.event.model_dump(mode="json", include={"team", "changes"}, exclude_none=True),
                "recorded_by": entry.by,
                "recorded_at": entry.at.isoformat() if entry.at else None,
                "voided": entry.void.model_dump(mode="json") if entry.void else None,
                "amended": entry.amended.model_dump(mode="json") if entry.amended else None,
                **(
                    {"clearance_override": entry.clearance_override.model_dump(mode="json")}
                    if entry.clearance_override
                    else {}
                ),
            }
            for n, entry in enumerate(v.entries, 1)
        ],
    }


def words(name: str) -> str:
    """A name from the code (`response_reminder`, `review_completed`) as the dashboard writes it."""
    return str(name).replace("_", " ")


def print_view(v: CaseView) -> None:
    ev = v.evaluation
    title = f"{v.ref} — {ev.regime.upper()} — {words(ev.stage.value)}"
    rows = [
        ("NEEDS ATTENTION", v.attention and f"{v.attention} (the dates below are the last good ones)"),
        ("subject", v.subject),
        ("officer", v.officer),
        ("manager", v.manager),
        ("received", day(ev.received)),
        ("response due", ev.response_due and day(ev.response_due)),
        ("statutory due", ev.statutory_due and ev.statutory_due != ev.response_due and day(ev.statutory_due)),
        ("draft due", ev.draft_due and f"{day(ev.draft_due)} (internal deadline{', LATE' if ev.draft_late else ''})"),
        ("OVERDUE", ev.overdue and f"{ev.working_days_overdue} working days"),
        (
            "responded",
            ev.responded_on
            and f"{day(ev.responded_on)} ({words(ev.response_timeliness)}, {words(ev.response_outcome)})",
        ),
        ("review request by", ev.review_request_deadline and day(ev.review_request_deadline)),
        (
            "review requested",
            ev.review_requested_on
            and f"{day(ev.review_requested_on)}{'' if ev.review_requested_in_time else ' (late, accepted)'}",
        ),
        ("review due", ev.review_due and f"{day(ev.review_due)} (at the latest {day(ev.review_latest_due)})"),
        ("REVIEW OVERDUE", ev.review_overdue and f"{ev.review_working_days_overdue} working days"),
        ("exemptions cited", (e := cited(v.events).get(EventType.responded)) and citing(e)),
        ("review completed", ev.review_completed_on and f"{day(ev.review_completed_on)} ({words(ev.review_outcome)})"),
        ("exemptions upheld", (e := cited(v.events).get(EventType.review_completed)) and citing(e)),
        ("complaint by", ev.complaint_deadline and f"{day(ev.complaint_deadline)} to {ev.complaint_to}"),
        ("lapses after", ev.lapses_after and day(ev.lapses_after)),
        ("closed", ev.closed_reason and f"{words(ev.closed_reason)} on {day(ev.closed_on)}"),
        ("next alarm", v.next_alarm and f"{words(v.next_alarm.kind.value)} on {day(v.next_alarm.on)}"),
        ("clearance", v.clearance and clearance_line(v.clearance)),
    ]
    shown = [(k, str(val)) for k, val in rows if val]
    if not sys.stdout.isatty():
        print(plain_pairs(title, shown))
        return
    from rich.console import Console

    from cli.literal import Table  # every value shown literally, never read as Rich markup

    t = Table(title=title, show_header=False)
    t.add_column(style="bold")
    t.add_column()
    for k, val in shown:
        t.add_row(k, val)
    Console().print(t)
    if v.entries:
        print_history(v)


def clearance_line(c) -> str:
    """Clearance pending, in one line: whose move it is and its internal deadline (never a statutory one)."""
    if c.returned:
        return f"returned by {c.team} on {day(c.returned)}; resubmit by {day(c.due)} (internal deadline)"
    return f"awaiting {c.team} since {day(c.flagged)}; to clear or return by {day(c.due)} (internal deadline)"


def print_history(v: CaseView) -> None:
    """The case's events numbered as `void` and `amend` take them; a voided one struck through on a
    terminal, and marked VOIDED with who voided it, when and why."""
    if not sys.stdout.isatty():
        print()
        print(plain_table(HISTORY_TITLE, HISTORY_COLUMNS, history_rows(v)))
        return
    from rich.console import Console

    from cli.literal import Table

    t = Table(title=HISTORY_TITLE)
    for col in HISTORY_COLUMNS:
        t.add_column(col)
    for entry, row in zip(v.entries, history_rows(v), strict=True):
        t.add_row(*row, style="strike" if entry.void else None)
    Console().print(t)


HISTORY_TITLE = "Events (numbered for void and amend)"
HISTORY_COLUMNS = ("no.", "event", "on", "details", "recorded by", "correction")


def history_rows(v: CaseView) -> list[tuple]:
    rows = []
    for number, entry in enumerate(v.entries, 1):
        e = entry.event
        details = "; ".join(
            x
            for x in (
                e.outcome,
                e.until and f"until {day(e.until)}",
                e.exceptional and "exceptional",
                citing(e) if e.exemptions else None,
                e.team and f"approving team {e.team}",
                e.changes and f"changes: {e.changes}",
            )
            if x
        )
        if entry.void:
            c = entry.void
            correction = f"VOIDED by {c.by} on {utc(c.at):%Y-%m-%d %H:%M} UTC: {c.reason}"
        elif entry.amended:
            c = entry.amended
            correction = f"amended by {c.by} on {utc(c.at):%Y-%m-%d %H:%M} UTC: {c.reason}"
        else:
            correction = None
        if entry.clearance_override:
            c = entry.clearance_override
            over = f"recorded while clearance was pending, by {c.by}'s override: {c.reason}"
            correction = f"{correction}; {over}" if correction else over
        rows.append(
            (str(number), e.type.value.replace("_", " "), day(e.on), details, entry.by or "unknown", correction)
        )
    return rows
