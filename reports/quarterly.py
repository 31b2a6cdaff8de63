"""Quarterly statistics in the government's FOI categories (RULES.md, Reporting).

Every case in the register is rebuilt from its recorded events and evaluated by `rules.evaluate` as of
today; this module only counts. Definitions, for a quarter Q:
- received: requests received in Q;
- resolvable: received in Q, less those withdrawn, lapsed, or still waiting for clarification or a fee;
- answered in time / within a permitted extension / late: resolvable requests by their response
  (in time = by the statutory due date: 20 working days for FOI, EIR and FOISA, the month for subject
  access; within extension = after it but by the extended date);
- not yet answered, and of those overdue;
- outcomes: the responses to requests received in Q, by outcome;
- internal reviews: reviews **requested in Q**, whatever the quarter their request was received in;
  completed within the target, within the limit; by outcome;
- the regulator: complaints it received in Q, its decision notices issued in Q (by outcome), appeals made
  in Q, decision notices' steps taken in Q (and of those, after their date), and steps overdue today.

Internal reviews are counted by the day they were asked for, on purpose: a review is asked for weeks or
months after the request (up to two months after the response), so counting it with its request's
quarter would change a quarter's published figures long after it ended; the Cabinet Office's return
counts the reviews an authority received in the quarter. Every other figure counts requests received in Q.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from datetime import date

from casework.inputs import EARLIEST, LATEST
from register import Register
from register.histories import histories
from rules import Case, Evaluation, ResponseOutcome, ReviewOutcome, Stage, evaluate
from rules.bank_holidays import calendar_covering
from rules.models import RegulatorOutcome
from rules.outcomes import LAPSED, ClosedReason, ResponseTimeliness
from runtime.errors import UserError

OUTCOME_LABELS = {
    "granted": "granted in full",
    "part_withheld": "partially withheld",
    "withheld": "withheld in full",
    "not_held": "information not held",
    "ncnd": "neither confirm nor deny",
    "refused_cost": "refused on cost (s12)",
    "refused_vexatious": "refused as vexatious (s14(1))",
    "refused_repeated": "refused as repeated (s14(2))",
}
REVIEW_LABELS = {"upheld": "upheld", "partly_upheld": "partly upheld", "overturned": "overturned"}
DECISION_LABELS = {
    "upheld": "complaint upheld",
    "partly_upheld": "complaint partly upheld",
    "breach_only": "breach found, no steps required",
    "not_upheld": "complaint not upheld",
}


@dataclass(frozen=True)
class Quarter:
    year: int
    q: int

    @classmethod
    def parse(cls, text: str) -> Quarter:
        m = re.fullmatch(r"(\d{4})-?Q([1-4])", text.strip().upper())
        if not m:
            raise UserError(f"quarter '{text}': write it like 2021Q2")
        quarter = cls(int(m.group(1)), int(m.group(2)))
        if not EARLIEST.year <= quarter.year <= LATEST.year:
            raise UserError(f"quarter '{text}' is out of range (years {EARLIEST.year} to {LATEST.year})")
        return quarter

    @classmethod
    def containing(cls, day: date) -> Quarter:
        return cls(day.year, (day.month - 1) // 3 + 1)

    @property
    def first(self) -> date:
        return date(self.year, 3 * self.q - 2, 1)

    @property
    def last(self) -> date:
        nxt = date(self.year + (self.q == 4), 1 if self.q == 4 else 3 * self.q + 1, 1)
        return date.fromordinal(nxt.toordinal() - 1)

    @property
    def previous(self) -> Quarter:
        return Quarter(self.year - 1, 4) if self.q == 1 else Quarter(self.year, self.q - 1)

    @property
    def next(self) -> Quarter:
        return Quarter(self.year + 1, 1) if self.q == 4 else Quarter(self.year, self.q + 1)

    def __contains__(self, day: date | None) -> bool:
        return day is not None and self.first <= day <= self.last

    def __str__(self) -> str:
        return f"{self.year}Q{self.q}"


def evaluations(register: Register, policy, as_of: date) -> list[Evaluation]:
    """Every registered case, rebuilt from its recorded events and evaluated by the engine."""
    proclaimed = register.proclaimed()
    out = []
    for row, events in histories(register):  # one SQL query for every case and its events
        case = Case(regime=row.regime, received=row.received, category=row.category or "standard", events=events)
        when = max([as_of, case.received, *(e.on for e in events)])
        out.append(
            evaluate(
                case,
                calendar_covering(case.regime, case.received, when, proclaimed=proclaimed, nation=policy.nation),
                when,
                policy,
            )
        )
    return out


GONE = frozenset({ClosedReason.withdrawn, *LAPSED})
WAITING = (Stage.awaiting_clarification, Stage.awaiting_fee, Stage.awaiting_identity)


def is_resolvable(e: Evaluation) -> bool:
    """Not withdrawn or lapsed, and not waiting for clarification, a fee or identity information."""
    return e.closed_reason not in GONE and e.stage not in WAITING


def quarter_figures(evs: list[Evaluation], quarter: Quarter) -> list[tuple[str, str, int]]:
    """(section, measure, count) rows in the published order."""
    received = [e for e in evs if e.received in quarter]
    resolvable = [e for e in received if is_resolvable(e)]
    timeliness = Counter(e.response_timeliness for e in resolvable)
    unanswered = [e for e in resolvable if e.responded_on is None]
    outcomes = Counter(e.response_outcome for e in received if e.response_outcome)
    reviews = [e for e in evs if e.review_requested_on in quarter]
    completed = [e for e in reviews if e.review_completed_on]
    review_outcomes = Counter(e.review_outcome for e in completed)
    rows = [
        ("requests", "received", len(received)),
        ("requests", "withdrawn or lapsed", sum(e.closed_reason in GONE for e in received)),
        ("requests", "resolvable", len(resolvable)),
        ("timeliness", "answered by the statutory date (in time)", timeliness[ResponseTimeliness.in_time]),
        (
            "timeliness",
            "answered late but within a permitted extension",
            timeliness[ResponseTimeliness.within_extension],
        ),
        ("timeliness", "answered late", timeliness[ResponseTimeliness.late]),
        ("timeliness", "not yet answered", len(unanswered)),
        ("timeliness", "not yet answered and overdue", sum(e.overdue for e in unanswered)),
    ]
    rows += [("outcomes", OUTCOME_LABELS[o.value], outcomes[o]) for o in ResponseOutcome]
    rows += [
        ("internal reviews", "requested", len(reviews)),
        ("internal reviews", "completed", len(completed)),
        (
            "internal reviews",
            "completed within the target",
            sum(bool(e.review_completed_within_target) for e in completed),
        ),
        (
            "internal reviews",
            "completed within the limit",
            sum(bool(e.review_completed_within_limit) for e in completed),
        ),
    ]
    rows += [("internal reviews", REVIEW_LABELS[o.value], review_outcomes[o]) for o in ReviewOutcome]
    return rows + regulator_figures(evs, quarter)


def regulator_figures(evs: list[Evaluation], quarter: Quarter) -> list[tuple[str, str, int]]:
    """The regulator's stage, each event counted in the quarter it happened in."""
    notices = Counter(e.decision_outcome for e in evs if e.decision_notice_on in quarter)
    complied = [e for e in evs if e.complied_on in quarter]
    rows = [
        ("regulator", "complaints received", sum(e.complaint_received_on in quarter for e in evs)),
        ("regulator", "decision notices", sum(notices.values())),
    ]
    rows += [("regulator", DECISION_LABELS[o.value], notices[o]) for o in RegulatorOutcome]
    return rows + [
        ("regulator", "appeals made", sum(e.appealed_on in quarter for e in evs)),
        ("regulator", "steps taken", len(complied)),
        ("regulator", "steps taken after their date", sum(not e.complied_in_time for e in complied)),
        ("regulator", "steps overdue now", sum(e.steps_overdue for e in evs)),
    ]
