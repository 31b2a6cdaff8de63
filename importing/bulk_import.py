"""Bulk import of open cases from a spreadsheet export (CSV), for a team adopting the project.

Every row is checked first (shape, dates, and the history through the engine) and every physical line
is accounted for (importing/csv_lines.py); rows with errors are reported by line number, and while any row
is wrong nothing is started. Valid rows start back-dated cases, which send only their current most
severe alarm. Refs that already exist are skipped, so re-running a file is safe.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from pydantic import ValidationError

from casework.addresses import check_addresses
from casework.cases import check_ref, evaluate_locally
from casework.inputs import parse_date
from casework.limits import check_lengths
from importing.csv_lines import read_rows
from messages import CaseInput
from rules import Case, Event, RuleViolation, regime_of
from rules.calendar import CalendarRangeError
from rules.plain_text import ControlCharacterError, refuse_control
from runtime.errors import UserError, one_line, one_line_validation_error

REQUIRED = ("ref", "regime", "received")
OPTIONAL = ("category", "subject", "officer", "manager", "requester_name", "requester_email")
# column -> event type, in the order events of one day happen
EVENT_COLUMNS = (
    ("clarification_requested_on", "clarification_requested"),
    ("clarification_received_on", "clarification_received"),
    ("fee_notice_on", "fee_notice_issued"),
    ("fee_paid_on", "fee_paid"),
    ("extended_on", "extended"),
    ("responded_on", "responded"),
    ("review_requested_on", "review_requested"),
    ("review_completed_on", "review_completed"),
    ("withdrawn_on", "withdrawn"),
)
EXTRA = ("outcome", "review_outcome", "extended_until", "extended_exceptional")
# exemptions cited: a list separated by ';' or ',' (e.g. "s31(1)(a); s40(2)"), and a yes/no for the PIT
CITING = {
    "responded": ("exemptions", "public_interest_test"),
    "review_completed": ("review_exemptions", "review_public_interest_test"),
}
EXTRA += tuple(c for pair in CITING.values() for c in pair)
YES = ("1", "true", "yes", "y")
KNOWN = set(REQUIRED) | set(OPTIONAL) | {c for c, _ in EVENT_COLUMNS} | set(EXTRA)


@dataclass
class Checked:
    valid: list[tuple[int, CaseInput]] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def row_to_case(row: dict[str, str]) -> CaseInput:
    get = {k: refuse_control((v or "").strip(), k) for k, v in row.items() if k}
    for col in REQUIRED:
        if not get.get(col):
            raise UserError(f"{col} is required")
    events = []
    for order, (column, kind) in enumerate(EVENT_COLUMNS):
        if not get.get(column):
            continue
        extra = {}
        if kind == "responded":
            extra["outcome"] = get.get("outcome") or None
        elif kind == "review_completed":
            extra["outcome"] = get.get("review_outcome") or None
        elif kind == "extended":
            extra["until"] = parse_date(get["extended_until"], "extended_until") if get.get("extended_until") else None
            extra["exceptional"] = get.get("extended_exceptional", "").lower() in YES
        if kind in CITING:
            cited, pit = CITING[kind]
            extra["exemptions"] = [c for c in re.split(r"[;,]", get.get(cited, "")) if c.strip()]
            extra["public_interest_test"] = get.get(pit, "").lower() in YES
        on = parse_date(get[column], column)
        events.append((on, order, Event(type=kind, on=on, **extra)))
    try:
        return CaseInput(
            ref=check_ref(get["ref"]),
            regime=regime_of(get["regime"]),
            received=parse_date(get["received"], "received"),
            events=[e for _, _, e in sorted(events, key=lambda t: (t[0], t[1]))],
            **{k: get[k] for k in OPTIONAL if get.get(k)},
        )
    except ValidationError as exc:
        raise UserError(one_line_validation_error(exc)) from None


def check(text: str, settings) -> Checked:
    """Every row checked before anything starts: the valid ones, and one message per bad line."""
    rows = read_rows(text)
    header = rows.header
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        raise UserError(f"the CSV has no {', '.join(missing)} column (required: {', '.join(REQUIRED)})")
    unknown = [c for c in header if c not in KNOWN]
    if unknown:
        raise UserError(f"unknown column {', '.join(map(repr, unknown))}")
    out, seen, errors = Checked(), {}, list(rows.errors)
    for record in rows.records:
        line = record.line
        try:
            case = row_to_case(record.values)
            check_lengths(case)
            check_addresses(case)
            if case.ref in seen:
                raise UserError(f"ref {case.ref} repeats line {seen[case.ref]}")
            evaluate_locally(
                settings, Case(regime=case.regime, received=case.received, category=case.category, events=case.events)
            )
            seen[case.ref] = line
            out.valid.append((line, case))
        except (UserError, RuleViolation, CalendarRangeError, ControlCharacterError) as exc:
            errors.append((line, f"line {line}: {one_line(str(exc))}"))
    out.errors = [message for _, message in sorted(errors, key=lambda e: e[0])]
    return out
