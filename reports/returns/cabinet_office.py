"""The Cabinet Office's quarterly return of FOI and EIR statistics (central government's monitored bodies).

Scope: FOIA and EIR requests (the Scottish regimes and subject access are not in it). Counted by date:
- every request line, timeliness, outcome, refusal and exemption line counts the requests **received in
  the quarter**, as they stand on the day the return is made (the Cabinet Office asks for each request's
  status "at the time of monitoring");
- internal reviews count the reviews **requested in the quarter**, whatever quarter their request came in;
- the ICO lines count the complaints the ICO received and the decision notices it issued **in the quarter**.
The definition of each line and its source are in docs/law.md, "Reporting"; the lines follow the Cabinet
Office's bulletin tables (received and EIR; timeliness; initial outcomes of resolvable requests; reasons
for withholding; exemptions and exceptions; section 21; internal reviews; appeals to the ICO).
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
    clarification_not_received,
    gone,
    outcome,
    owed,
    sections_cited,
    timeliness,
    waiting,
)
from reports.returns.requests import Request
from rules.exemptions import label
from rules.models import RegulatorOutcome
from rules.outcomes import ResponseTimeliness
from rules.regimes import Regime
from rules.vocabulary import ResponseOutcome

SCOPE = (Regime.foia, Regime.eir)
# FOIA Part II: every exemption from s21 to s44 (s25 is supplementary to ss23-24 and exempts nothing)
FOIA_SECTIONS = ["s21", "s22", "s22a", "s23", "s24", *(f"s{n}" for n in range(26, 45))]
EIR_EXCEPTIONS = [
    *(f"reg12(4)({x})" for x in "abcde"),
    *(f"reg12(5)({x})" for x in "abcdefg"),
    "reg12(6)",
    "reg13",
]
DECISIONS = {
    RegulatorOutcome.upheld: "decision notices: complaint upheld",
    RegulatorOutcome.partly_upheld: "decision notices: complaint partly upheld",
    RegulatorOutcome.breach_only: "decision notices: breach found, no steps required",
    RegulatorOutcome.not_upheld: "decision notices: complaint not upheld",
}


def build(all_requests: list[Request], quarter: Quarter, as_of: date) -> Return:
    mine = [r for r in all_requests if r.regime in SCOPE]
    received = [r for r in mine if r.evaluation.received in quarter]
    done = [r for r in received if answered(r)]
    resolvable = [r for r in done if outcome(r) is not ResponseOutcome.not_held]
    refused = [r for r in resolvable if outcome(r) in REFUSED_IN_FULL or outcome(r) is ResponseOutcome.part_withheld]
    when = Counter(timeliness(r) for r in done)
    lines = [
        Line("requests", "requests received", len(received)),
        Line("requests", "of which EIR", sum(r.regime is Regime.eir for r in received)),
        Line("requests", "answered", len(done)),
        Line("requests", "withdrawn or lapsed (no response owed)", sum(gone(r) for r in received)),
        Line("requests", "waiting for clarification or a fee", sum(waiting(r) for r in received)),
        Line("requests", "not yet answered (a response owed)", sum(owed(r) for r in received)),
        Line("timeliness", "answered within 20 working days", when[ResponseTimeliness.in_time]),
        Line(
            "timeliness",
            "answered in excess of 20 working days but within a permitted extension",
            when[ResponseTimeliness.within_extension],
        ),
        Line("timeliness", "answered late", when[ResponseTimeliness.late]),
        Line(
            "timeliness",
            "not yet answered and already past the time for compliance",
            sum(owed(r) and r.evaluation.overdue for r in received),
        ),
        Line("outcomes", "resolvable requests", len(resolvable)),
        Line("outcomes", "granted in full", sum(outcome(r) is ResponseOutcome.granted for r in resolvable)),
        Line("outcomes", "refused in part", sum(outcome(r) is ResponseOutcome.part_withheld for r in resolvable)),
        Line("outcomes", "refused in full", sum(outcome(r) in REFUSED_IN_FULL for r in resolvable)),
        Line("outcomes", "information not held", sum(outcome(r) is ResponseOutcome.not_held for r in done)),
        Line(
            "outcomes",
            "clarification sought and not received",
            sum(clarification_not_received(r) for r in received),
        ),
    ]
    lines += _reasons(refused)
    lines += _exemptions(refused)
    lines += _reviews(mine, quarter)
    lines += _ico(mine, quarter)
    return Return(
        "cabinet-office",
        f"Freedom of Information statistics: Cabinet Office return {quarter}",
        "Cabinet Office, Freedom of Information and Environmental Information Regulations statistics (quarterly "
        "return of the monitored bodies)",
        quarter,
        as_of,
        "Requests received in the quarter, as they stand on the day these figures were made; internal "
        "reviews requested in the quarter; complaints to the ICO and its decision notices in the quarter.",
        lines,
    )


def _reasons(refused: list[Request]) -> list[Line]:
    why = "reasons for refusal (refused in full or in part)"
    return [
        Line(why, "s12 cost limit", sum(outcome(r) is ResponseOutcome.refused_cost for r in refused)),
        Line(why, "s14(1) vexatious", sum(outcome(r) is ResponseOutcome.refused_vexatious for r in refused)),
        Line(why, "s14(2) repeated", sum(outcome(r) is ResponseOutcome.refused_repeated for r in refused)),
        Line(why, "exemptions or exceptions applied", sum(bool(r.cited) for r in refused)),
    ]


def _exemptions(refused: list[Request]) -> list[Line]:
    foia = [r for r in refused if r.regime is Regime.foia]
    eir = [r for r in refused if r.regime is Regime.eir]
    applied = Counter(s for r in foia for s in sections_cited(r))
    excepted = Counter(s for r in eir for s in sections_cited(r))
    lines = [Line("exemptions applied (FOIA)", label(s), applied[s]) for s in FOIA_SECTIONS]
    lines.append(
        Line(
            "exemptions applied (FOIA)",
            "refused under section 21 alone",
            sum(sections_cited(r) == {"s21"} for r in foia),
        )
    )
    lines += [Line("exceptions applied (EIR)", label(x), excepted[x]) for x in EIR_EXCEPTIONS]
    return lines


def _reviews(mine: list[Request], quarter: Quarter) -> list[Line]:
    asked = [r.evaluation for r in mine if r.evaluation.review_requested_on in quarter]
    completed = [e for e in asked if e.review_completed_on]
    outcomes = Counter(e.review_outcome for e in completed)
    return [
        Line("internal reviews", "internal reviews received", len(asked)),
        Line("internal reviews", "completed", len(completed)),
        Line(
            "internal reviews",
            "completed within the time (FOIA 20 working days, EIR 40)",
            sum(bool(e.review_completed_within_target) for e in completed),
        ),
        *(Line("internal reviews", name, outcomes[o]) for o, name in REVIEW_OUTCOMES.items()),
        Line("internal reviews", "not yet completed", len(asked) - len(completed)),
    ]


def _ico(mine: list[Request], quarter: Quarter) -> list[Line]:
    evs = [r.evaluation for r in mine]
    notices = Counter(e.decision_outcome for e in evs if e.decision_notice_on in quarter)
    return [
        Line("appeals to the ICO", "complaints the ICO received", sum(e.complaint_received_on in quarter for e in evs)),
        *(Line("appeals to the ICO", name, notices[o]) for o, name in DECISIONS.items()),
    ]
