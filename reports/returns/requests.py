"""The requests a return counts: every registered case rebuilt from its recorded events (voided ones left
out), evaluated by `rules.evaluate` as of the day the return is made, with the exemptions its response
cited (register/histories.py, one SQL query); this module only loads, the returns count."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from register import Register
from register.histories import histories
from rules import Case, Evaluation, EventType, Regime, evaluate
from rules.bank_holidays import calendar_covering


@dataclass(frozen=True)
class Request:
    """One registered request as a return sees it."""

    ref: str
    regime: Regime
    evaluation: Evaluation
    cited: tuple[str, ...]  # the citations of its response (none if unanswered or none cited)
    clarification_sought: bool  # a clarification (or EIR/EISR particulars) was asked for


def requests(register: Register, policy, as_of: date) -> list[Request]:
    proclaimed = register.proclaimed()
    out = []
    for row, events in histories(register):
        case = Case(regime=row.regime, received=row.received, category=row.category or "standard", events=events)
        when = max([as_of, case.received, *(e.on for e in events)])
        calendar = calendar_covering(case.regime, case.received, when, proclaimed=proclaimed, nation=policy.nation)
        response = next((e for e in events if e.type is EventType.responded), None)
        out.append(
            Request(
                ref=row.ref,
                regime=case.regime,
                evaluation=evaluate(case, calendar, when, policy),
                cited=response.exemptions if response else (),
                clarification_sought=any(e.type is EventType.clarification_requested for e in events),
            )
        )
    return out
