"""Clearance in a quarter's statistics (rules/clearance.py; docs/clearance.md). Definitions, for requests
received in the quarter Q, like the other figures:
- flagged for clearance: requests with at least one clearance round (a flag, whatever followed);
- cleared (went through clearance): requests with at least one round ended by `cleared`;
- returned for changes: rounds returned at least once before they ended;
- answered while clearance was pending: rounds overtaken by an answer a manager recorded with an override;
- median and maximum working days to clear: over the rounds ended by `cleared`, the working days after the
  first flag up to and including the day it was cleared (a flag and clearance on the same day: 0), on the
  case's own calendar (its regime's non-working days), returns and resubmissions included.
A round still pending counts as flagged only. The median and maximum are none when no round was cleared."""

from __future__ import annotations

from datetime import date
from statistics import median

from register import Register
from register.histories import histories
from reports.quarterly import Quarter
from rules.bank_holidays import calendar_covering
from rules.clearance import CLEARANCE, rounds

SECTION = "clearance (internal)"


def clearance_figures(
    register: Register, policy, as_of: date, quarter: Quarter
) -> list[tuple[str, str, int | float | None]]:
    proclaimed = register.proclaimed()
    flagged = cleared = returned = overridden = 0
    took: list[int] = []
    for row, events in histories(register):
        if row.received not in quarter or not any(e.type in CLEARANCE for e in events):
            continue
        found = rounds(events)
        flagged += bool(found)
        done = [r for r in found if r.cleared is not None]
        cleared += bool(done)
        returned += sum(r.returns > 0 for r in found)
        overridden += sum(r.overridden for r in found)
        if done:
            last = max([as_of, row.received, *(e.on for e in events)])
            cal = calendar_covering(row.regime, row.received, last, proclaimed=proclaimed, nation=policy.nation)
            took += [cal.working_days_between(r.flagged, r.cleared) for r in done]
    return [
        (SECTION, "requests flagged for clearance", flagged),
        (SECTION, "requests cleared (went through clearance)", cleared),
        (SECTION, "clearances returned for changes", returned),
        (SECTION, "answers recorded while clearance was pending (a manager's override)", overridden),
        (SECTION, "median working days from flag to cleared", median(took) if took else None),
        (SECTION, "maximum working days from flag to cleared", max(took) if took else None),
    ]
