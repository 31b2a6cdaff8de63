"""The quarterly statistics the Scottish Information Commissioner collects from Scottish public
authorities, FOISA and the EISR separately.

Counted by date: the request, outcome and exemption lines count the requests **received in the quarter**,
as they stand on the day the return is made; reviews count the reviews **requested in the quarter**;
appeals count the applications the Commissioner received, and the decisions, **in the quarter**.
"Within the time allowed" is by the statutory date (FOISA s10(1), 20 working days; FOISA has no
extension) or, for the EISR, by a valid reg 7 extension (40 working days). Definitions and sources:
docs/law.md, "Reporting".
"""

from __future__ import annotations

from collections import Counter
from datetime import date

from reports.quarterly import Quarter
from reports.returns.lines import (
    REVIEW_OUTCOMES,
    Line,
    Return,
    answered,
    clarification_not_received,
    gone,
    outcome,
    owed,
    sections_cited,
    timeliness,
    waiting,
)
from reports.returns.requests import Request
from rules.engine import response_outcomes
from rules.exemptions import label
from rules.models import RegulatorOutcome
from rules.outcomes import ClosedReason, ResponseTimeliness
from rules.regimes import Regime
from rules.vocabulary import ResponseOutcome

# FOISA Part 2: s18 (neither confirm nor deny, cited with one of them) and the exemptions ss25-41
FOISA_EXEMPTIONS = ["s18", *(f"s{n}" for n in range(25, 42))]
EISR_EXCEPTIONS = [
    *(f"reg10(4)({x})" for x in "abcde"),
    *(f"reg10(5)({x})" for x in "abcdefg"),
    "reg10(8)",
    "reg11",
]
OUTCOMES = {
    ResponseOutcome.granted: "all information supplied",
    ResponseOutcome.part_withheld: "some information supplied, some withheld",
    ResponseOutcome.withheld: "all information withheld",
    ResponseOutcome.ncnd: "neither confirmed nor denied",
    ResponseOutcome.not_held: "information not held",
    ResponseOutcome.refused_cost: "refused: excessive cost of compliance (FOISA s12)",
    ResponseOutcome.refused_vexatious: "refused: vexatious (FOISA s14(1))",
    ResponseOutcome.refused_repeated: "refused: repeated (FOISA s14(2))",
}
DECISIONS = {
    RegulatorOutcome.upheld: "decisions: application upheld",
    RegulatorOutcome.partly_upheld: "decisions: application partly upheld",
    RegulatorOutcome.breach_only: "decisions: breach found, no steps required",
    RegulatorOutcome.not_upheld: "decisions: application not upheld",
}


def build(all_requests: list[Request], quarter: Quarter, as_of: date) -> Return:
    lines: list[Line] = []
    lines += _regime(all_requests, quarter, Regime.foisa, "FOISA", FOISA_EXEMPTIONS, "exemptions applied")
    lines += _regime(all_requests, quarter, Regime.eisr, "EISR", EISR_EXCEPTIONS, "exceptions applied")
    return Return(
        "sic",
        f"FOI and EIRs statistics for the Scottish Information Commissioner, {quarter}",
        "Scottish Information Commissioner, quarterly FOI and EIRs statistics (FOISA and the EISR separately)",
        quarter,
        as_of,
        "Requests received in the quarter, as they stand on the day these figures were made; reviews "
        "requested in the quarter; applications to the Commissioner and the Commissioner's decisions in the quarter.",
        lines,
    )


def _regime(everything, quarter, regime, name, citations, applied_heading) -> list[Line]:
    mine = [r for r in everything if r.regime is regime]
    received = [r for r in mine if r.evaluation.received in quarter]
    done = [r for r in received if answered(r)]
    when = Counter(timeliness(r) for r in done)
    said = Counter(outcome(r) for r in done)
    applied = Counter(s for r in done for s in sections_cited(r))
    asked = [r.evaluation for r in mine if r.evaluation.review_requested_on in quarter]
    completed = [e for e in asked if e.review_completed_on]
    reviewed = Counter(e.review_outcome for e in completed)
    evs = [r.evaluation for r in mine]
    decisions = Counter(e.decision_outcome for e in evs if e.decision_notice_on in quarter)
    req, out, rev, app = f"{name} requests", f"{name} outcomes", f"{name} reviews", f"{name} appeals"
    lines = [
        Line(req, "requests received", len(received)),
        Line(req, "responded to", len(done)),
        Line(
            req,
            "responded to within the time allowed",
            when[ResponseTimeliness.in_time] + when[ResponseTimeliness.within_extension],
        ),
        Line(req, "responded to late", when[ResponseTimeliness.late]),
        Line(req, "not yet responded to (a response owed)", sum(owed(r) for r in received)),
        Line(req, "waiting for clarification or a fee", sum(waiting(r) for r in received)),
        Line(req, "withdrawn", sum(gone(r) and r.evaluation.closed_reason is ClosedReason.withdrawn for r in received)),
        Line(
            req,
            "lapsed (clarification or fee not received in time)",
            sum(gone(r) and r.evaluation.closed_reason is not ClosedReason.withdrawn for r in received),
        ),
        Line(req, "clarification sought and not received", sum(clarification_not_received(r) for r in received)),
        *(Line(out, text, said[o]) for o, text in OUTCOMES.items() if o in response_outcomes(regime)),
        *(Line(f"{name} {applied_heading}", label(c), applied[c]) for c in citations),
        Line(rev, "reviews requested", len(asked)),
        Line(rev, "completed", len(completed)),
        Line(rev, "completed within 20 working days", sum(bool(e.review_completed_within_target) for e in completed)),
        *(Line(rev, text, reviewed[o]) for o, text in REVIEW_OUTCOMES.items()),
        Line(app, "applications to the Commissioner", sum(e.complaint_received_on in quarter for e in evs)),
        *(Line(app, text, decisions[o]) for o, text in DECISIONS.items()),
    ]
    return lines
