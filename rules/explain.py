"""A readable account of a case's deadlines: how each was counted and which days were skipped.

Users of FOI systems ask *why* a date is what it is. This renders the engine's own derivations (so
the account can never disagree with the dates) and names every non-working weekday passed over.
"""

from __future__ import annotations

from datetime import date

from rules.calendar import Calendar
from rules.engine import DEFAULT_POLICY, Derivation, Finding, evaluate
from rules.models import Case, Evaluation
from rules.policy import Policy
from rules.regimes import REGIMES

LABELS = {
    "statutory_due": "Response due (statutory)",
    "draft_due": "Draft due (internal deadline)",
    "extension_cap": "Latest date an extension may run to",
    "extended_until": "Response due (extended, moved by the clarification pause)",
    "review_request_deadline": "Last day to ask for an internal review",
    "review_due": "Internal review due (target)",
    "review_latest_due": "Internal review due at the latest (limit)",
    "complaint_deadline": "Complaint to the regulator by",
    "steps_due": "The decision notice's steps due by",
    "appeal_deadline": "Last day to appeal against the decision notice",
}


def day(d: date) -> str:
    return f"{d:%a} {d.day} {d:%b %Y}"


def counted(n: int, unit: str) -> str:
    """`3 working days`, `1 calendar month`: a count with its unit, singular for one."""
    return f"{n} {unit.removesuffix('s') if n == 1 else unit}"


def explain_derivation(d: Derivation, cal: Calendar, source: str = "") -> list[str]:
    head = f"{LABELS.get(d.label, d.label)}: {day(d.result)}"
    how = f"{counted(d.count, d.unit)} after {day(d.start)}"
    lines = [f"{head} — {how}" + (f" ({d.note})" if d.note else "") + (f" [{source}]" if source else "")]
    if d.unit == "working days" and d.result > d.start:
        for skipped, name in cal.non_working_between(d.start, d.result):
            lines.append(f"    skipped {day(skipped)} — {name}")
        weekends = cal.weekend_days_between(d.start, d.result)
        if weekends:
            lines.append(f"    skipped {counted(weekends, 'weekend days')}")
    return lines


def explain(case: Case, cal: Calendar, as_of: date, policy: Policy = DEFAULT_POLICY) -> str:
    trace: list[Derivation | Finding] = []
    ev = evaluate(case, cal, as_of, policy, trace)
    return render(case, ev, trace, cal)


def in_force(trace: list[Derivation | Finding]) -> list[Derivation]:
    """The last derivation of each date, in the order they were last made: the ones in force."""
    latest: dict[str, Derivation] = {}
    for d in trace:
        if isinstance(d, Derivation):
            latest.pop(d.label, None)
            latest[d.label] = d
    return list(latest.values())


def findings(trace: list[Derivation | Finding]) -> list[str]:
    """What the law gave no effect, and why: one line each."""
    return [f"{day(f.on)}: {f.text}" for f in trace if isinstance(f, Finding)]


def render(case: Case, ev: Evaluation, trace: list[Derivation | Finding], cal: Calendar) -> str:
    rules = REGIMES[case.regime]
    lines = [
        f"{case.regime.upper()} ({rules.title}); sources: {rules.sources}",
        f"Received {day(case.received)}: day 0 (day 1 is the next working day).",
    ]
    for e in case.events:
        extra = "".join(f", {k} {v}" for k, v in (("outcome", e.outcome), ("until", e.until)) if v is not None)
        lines.append(f"Event: {e.type} on {day(e.on)}{extra}{', exceptional' if e.exceptional else ''}")
    disregarded = findings(trace)
    if disregarded:
        lines.append("Recorded, but given no effect by the law:")
        lines.extend(f"    {line}" for line in disregarded)
    lines.append("")
    for d in in_force(trace):
        lines.extend(explain_derivation(d, cal, rules.cites.get(d.label, "")))
    lines.append("")
    lines.append(f"As of {day(ev.as_of)}: stage {ev.stage}" + (f" ({ev.closed_reason})" if ev.closed_reason else ""))
    if ev.extended_until:
        lines.append(f"  response due extended to {day(ev.extended_until)}")
    if ev.responded_on:
        wd = f" (working day {ev.responded_working_day})" if ev.responded_working_day is not None else ""
        lines.append(f"  responded {day(ev.responded_on)}{wd}: {ev.response_timeliness.replace('_', ' ')}")
    if ev.overdue:
        lines.append(f"  response OVERDUE by {ev.working_days_overdue} working days (due {day(ev.response_due)})")
    if ev.review_requested_on:
        when = "in time" if ev.review_requested_in_time else "late (accepted)"
        lines.append(f"  review requested {day(ev.review_requested_on)}: {when}")
    if ev.review_overdue:
        lines.append(f"  review OVERDUE by {ev.review_working_days_overdue} working days (target {day(ev.review_due)})")
    if ev.review_completed_on:
        wd = cal.working_days_between(ev.review_requested_on, ev.review_completed_on)
        target = (
            "within target"
            if ev.review_completed_within_target
            else ("after the target, within the limit" if ev.review_completed_within_limit else "after the limit")
        )
        lines.append(f"  review completed {day(ev.review_completed_on)} (working day {wd}): {target}")
    if ev.complaint_deadline:
        lines.append(f"  complaint to {ev.complaint_to} by {day(ev.complaint_deadline)}")
    if ev.lapses_after:
        lines.append(f"  lapses if nothing arrives by {day(ev.lapses_after)}")
    lines.extend(_regulator_lines(ev))
    return "\n".join(lines)


def _regulator_lines(ev: Evaluation) -> list[str]:
    """The regulator's stage, when the case reached it."""
    lines = []
    if ev.complaint_received_on:
        lines.append(f"  complaint received by the regulator {day(ev.complaint_received_on)}")
    if ev.decision_notice_on:
        lines.append(
            f"  decision notice {day(ev.decision_notice_on)}: complaint {ev.decision_outcome.replace('_', ' ')}"
        )
        lines.append(f"  appeal to {ev.appeal_to} by {day(ev.appeal_deadline)}")
    if ev.appealed_on:
        lines.append(f"  appealed {day(ev.appealed_on)}: {'in time' if ev.appealed_in_time else 'late'}")
    if ev.appeal_decided_on:
        lines.append(f"  appeal decided {day(ev.appeal_decided_on)}: {ev.appeal_outcome}")
    if ev.steps_due and not ev.complied_on:
        late = f": OVERDUE by {ev.steps_working_days_overdue} working days" if ev.steps_overdue else ""
        lines.append(f"  steps due by {day(ev.steps_due)}{late}")
    if ev.complied_on:
        lines.append(f"  complied {day(ev.complied_on)}: {'in time' if ev.complied_in_time else 'late'}")
    return lines
