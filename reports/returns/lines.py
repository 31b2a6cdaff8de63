"""What every return is made of, and the facts about a request that more than one return counts.

A return is a list of lines, each in a section, with a count or, where the register cannot tell the
figure, no count and a note saying why (a line is never guessed). The definitions of the lines, and the
date by which each is counted, are in docs/law.md (Reporting) and in each return's module.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from reports.quarterly import Quarter
from reports.returns.requests import Request
from rules.outcomes import LAPSED, ClosedReason, ResponseTimeliness
from rules.vocabulary import ResponseOutcome, ReviewOutcome, Stage


@dataclass(frozen=True)
class Line:
    section: str
    label: str
    value: int | None
    note: str = ""  # why the value is not available, or how it is counted where that needs saying


@dataclass(frozen=True)
class Return:
    name: str  # cabinet-office, s45, sic
    title: str
    source: str  # the guidance the return follows
    quarter: Quarter
    as_of: date  # the day the register was read: later events change only lines counted by later dates
    basis: str  # by which date each line counts, in one sentence for the reader
    lines: list[Line] = field(default_factory=list)

    def value(self, section: str, label: str) -> int | None:
        """The value of one line (KeyError if the return has no such line)."""
        for line in self.lines:
            if (line.section, line.label) == (section, label):
                return line.value
        raise KeyError((section, label))


# -- facts about one request ---------------------------------------------------------------------

GONE = frozenset({ClosedReason.withdrawn, *LAPSED})  # closed with no response owed
WAITING = frozenset({Stage.awaiting_clarification, Stage.awaiting_fee})
REFUSED_IN_FULL = frozenset(
    {
        ResponseOutcome.withheld,
        ResponseOutcome.ncnd,
        ResponseOutcome.refused_cost,
        ResponseOutcome.refused_vexatious,
        ResponseOutcome.refused_repeated,
    }
)
REVIEW_OUTCOMES = {
    ReviewOutcome.upheld: "original decision upheld in full",
    ReviewOutcome.partly_upheld: "original decision upheld in part",
    ReviewOutcome.overturned: "original decision overturned",
}


def answered(r: Request) -> bool:
    return r.evaluation.responded_on is not None


def gone(r: Request) -> bool:
    """Withdrawn, or lapsed for want of clarification or a fee, with no response."""
    return not answered(r) and r.evaluation.closed_reason in GONE


def waiting(r: Request) -> bool:
    """Waiting for clarification or a fee on the day the return is made: the clock stands still."""
    return not answered(r) and r.evaluation.stage in WAITING


def owed(r: Request) -> bool:
    """A response still owed on the day the return is made."""
    return not answered(r) and not gone(r) and not waiting(r)


def timeliness(r: Request) -> ResponseTimeliness | None:
    return r.evaluation.response_timeliness


def outcome(r: Request) -> ResponseOutcome | None:
    return r.evaluation.response_outcome


def clarification_not_received(r: Request) -> bool:
    """Clarification was asked for and never came: the request lapsed for it, or still waits for it."""
    e = r.evaluation
    return e.closed_reason is ClosedReason.lapsed_clarification or (
        not answered(r) and e.stage is Stage.awaiting_clarification
    )


def counted_under(citation: str) -> str:
    """What a citation is counted under: the section for FOIA and FOISA (`s31(1)(a)` -> `s31`), the
    exception to its lettered paragraph for the regulations (`reg13(1)` -> `reg13`, `reg12(5)(b)` stays)."""
    if citation.startswith("s"):
        return re.match(r"s\d+a?", citation).group(0)
    m = re.match(r"reg1[0-3]\(\d\)\([a-g]\)|reg1[0-3]\(\d\)|reg1[0-3]", citation)
    heading = m.group(0)
    return re.sub(r"^(reg1[13])\(.*$", r"\1", heading)  # reg 11 (EISR) and reg 13 (EIR) counted whole


def sections_cited(r: Request) -> set[str]:
    return {counted_under(c) for c in r.cited}
