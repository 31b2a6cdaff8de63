"""Exemptions applied and the share answered in time, for a quarter, split FOI/EIR and subject access.

Definitions, for a quarter Q (by the quarter each request was received in, as `reports.quarterly`):
- exemptions applied: for each exemption or exception, the number of requests received in Q whose
  response cited it. FOIA and FOISA citations are counted by section (a response citing s31(1)(a) and
  s31(3) counts once under s31), EIR exceptions and DPA 2018 Schedule paragraphs one by one; each is
  named with its regime, since FOIA s31 and FOISA s31 are different exemptions;
- percentage answered in time: of the resolvable requests received in Q (`quarterly.is_resolvable`),
  the share answered by their due date, the statutory date or a valid extension's; none if there were
  no resolvable requests.

FOI/EIR means FOIA, EIR, FOISA and EISR requests; SAR means subject access requests.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from register import Register
from reports.quarterly import Quarter, is_resolvable
from rules import Case, Evaluation, Event, EventType, Regime, evaluate
from rules.bank_holidays import calendar_covering
from rules.exemptions import heading

GROUPS: dict[str, tuple[Regime, ...]] = {
    "FOI/EIR": (Regime.foia, Regime.eir, Regime.foisa, Regime.eisr),
    "SAR": (Regime.sar,),
}


@dataclass(frozen=True)
class Request:
    """One registered request: its history and the engine's evaluation of it."""

    ref: str
    events: list[Event]
    evaluation: Evaluation


def requests_received(register: Register, policy, as_of, quarter: Quarter) -> list[Request]:
    """The requests received in the quarter, each rebuilt from its recorded events and evaluated."""
    proclaimed = register.proclaimed()
    out = []
    for row in register.cases():
        if row.received not in quarter:
            continue
        events = register.case_events(row.ref)
        case = Case(regime=row.regime, received=row.received, category=row.category or "standard", events=events)
        when = max([as_of, case.received, *(e.on for e in events)])
        cal = calendar_covering(case.regime, case.received, when, proclaimed=proclaimed, nation=policy.nation)
        out.append(Request(row.ref, events, evaluate(case, cal, when, policy)))
    return out


def _order(name: str) -> tuple:
    """FOIA s31 before FOIA s40 before FOIA s44: numbers compared as numbers."""
    return tuple(int(t) if t.isdigit() else t for t in re.split(r"(\d+)", name))


def exemption_figures(requests: list[Request], quarter: Quarter) -> list[tuple[str, str, int | float | None]]:
    """(section, measure, value) rows: per group, the percentage answered in time, then each exemption
    applied with the number of requests citing it (most cited first)."""
    rows: list[tuple[str, str, int | float | None]] = []
    for group, regimes in GROUPS.items():
        mine = [r for r in requests if r.evaluation.regime in regimes and r.evaluation.received in quarter]
        resolvable = [r.evaluation for r in mine if is_resolvable(r.evaluation)]
        in_time = sum(bool(e.response_in_time) for e in resolvable)
        share = round(100 * in_time / len(resolvable), 1) if resolvable else None
        rows.append((f"{group} timeliness", "resolvable requests", len(resolvable)))
        rows.append((f"{group} timeliness", "answered in time (by the due date or a valid extension)", in_time))
        rows.append((f"{group} timeliness", "percentage answered in time", share))
        applied: Counter[str] = Counter()
        for r in mine:
            response = next((e for e in r.events if e.type is EventType.responded), None)
            if response is not None:
                regime = r.evaluation.regime
                applied.update({f"{regime.value.upper()} {heading(regime, c)}" for c in response.exemptions})
        for name in sorted(applied, key=lambda n: (-applied[n], _order(n))):
            rows.append((f"{group} exemptions applied", name, applied[name]))
    return rows
