"""The figures the FOIA s45 Code of Practice (2018), paragraphs 8.5-8.6, asks an authority with over 100
full-time-equivalent staff to publish each quarter, as a page it can put on its website.

Scope: FOIA requests (the Code is issued under FOIA s45 and guides Part I of the Act; EIR requests have a
code of their own under EIR reg 16, and are in the Cabinet Office return); with the setting
`s45_includes_eir`, FOIA and EIR requests together, as many authorities publish them. Counted by date: every request
line counts the requests **received in the quarter**, as they stand on the day the page is made; the
internal review lines count the reviews **requested in the quarter**. Definitions and sources:
docs/law.md, "Reporting".
"""

from __future__ import annotations

from collections import Counter
from datetime import date

from reports.quarterly import Quarter
from reports.returns.lines import (
    REFUSED_IN_FULL,
    REVIEW_OUTCOMES,
    Line,
    Return,
    answered,
    gone,
    outcome,
    owed,
    timeliness,
    waiting,
)
from reports.returns.requests import Request
from rules.outcomes import ResponseTimeliness
from rules.regimes import Regime
from rules.vocabulary import ResponseOutcome


def build(all_requests: list[Request], quarter: Quarter, as_of: date, include_eir: bool = False) -> Return:
    scope = (Regime.foia, Regime.eir) if include_eir else (Regime.foia,)
    foia = [r for r in all_requests if r.regime in scope]
    received = [r for r in foia if r.evaluation.received in quarter]
    done = [r for r in received if answered(r)]
    when = Counter(timeliness(r) for r in done)
    said = Counter(outcome(r) for r in done)
    asked = [r.evaluation for r in foia if r.evaluation.review_requested_on in quarter]
    completed = [e for e in asked if e.review_completed_on]
    reviewed = Counter(e.review_outcome for e in completed)
    req, out, rev = "requests", "outcomes", "internal reviews"
    lines = [
        Line(req, "requests received", len(received)),
        Line(req, "not yet processed", sum(owed(r) or waiting(r) for r in received)),
        Line(req, "processed in full", len(done)),
        Line(req, "closed without a response (withdrawn or lapsed)", sum(gone(r) for r in received)),
        Line(req, "processed within the statutory deadline", when[ResponseTimeliness.in_time]),
        Line(req, "processed after the deadline was extended", when[ResponseTimeliness.within_extension]),
        Line(req, "processed after the statutory deadline", when[ResponseTimeliness.late]),
        Line(out, "information granted in full", said[ResponseOutcome.granted]),
        Line(out, "information granted in part and refused in part", said[ResponseOutcome.part_withheld]),
        Line(out, "information refused in full", sum(said[o] for o in REFUSED_IN_FULL)),
        Line(out, "information not held", said[ResponseOutcome.not_held]),
        Line(rev, "internal reviews received", len(asked)),
        Line(rev, "completed", len(completed)),
        Line(rev, "completed within 20 working days", sum(bool(e.review_completed_within_target) for e in completed)),
        Line(rev, "completed within 40 working days", sum(bool(e.review_completed_within_limit) for e in completed)),
        *(Line(rev, name, reviewed[o]) for o, name in REVIEW_OUTCOMES.items()),
    ]
    return Return(
        "s45",
        f"Freedom of Information{' and Environmental Information' if include_eir else ''}: our performance, {quarter}",
        "Freedom of Information Code of Practice (Cabinet Office, July 2018, issued under FOIA s45), paragraphs "
        "8.5-8.6",
        quarter,
        as_of,
        "Requests received in the quarter, as they stand on the day these figures were made; internal "
        "reviews requested in the quarter.",
        lines,
    )
