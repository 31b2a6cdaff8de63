"""The four regimes as data: how each counts, what each allows, and the source for each number.

One `RegimeRules` per regime; the engine reads these fields and nothing else decides a period.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Literal


class Regime(StrEnum):
    foia = "foia"
    eir = "eir"
    foisa = "foisa"
    sar = "sar"


CalendarRegion = Literal["uk", "scotland"]


@dataclass(frozen=True)
class RegimeRules:
    title: str
    calendar: CalendarRegion
    """Whose bank holidays stop the clock: every part of the UK, or Scotland only."""
    counting: Literal["working_days", "months"]
    response_period: int
    """Working days (or calendar months for SAR) from receipt."""
    extension: Literal["pit", "eir", "sar"] | None
    extension_limit: int
    """pit: cap after the statutory due date (a policy); eir: working days from receipt;
    sar: months from receipt."""
    clarification: Literal["restart", "pause"]
    fees: Literal["pause", "pause_if_policy"] | None
    fee_lapse_months: int
    review: bool
    review_window: Literal["policy", "40_working_days"] | None
    review_target: int
    review_limit: int
    complaint: tuple[Literal["weeks", "months"], int] | None
    complaint_to: str
    sources: str


REGIMES: dict[Regime, RegimeRules] = {
    Regime.foia: RegimeRules(
        title="Freedom of Information Act 2000",
        calendar="uk",
        counting="working_days",
        response_period=20,
        extension="pit",
        extension_limit=20,
        clarification="restart",
        fees="pause",
        fee_lapse_months=3,
        review=True,
        review_window="policy",
        review_target=20,
        review_limit=40,
        complaint=("weeks", 6),
        complaint_to="the ICO",
        sources="FOIA s1(3), s9, s10(1)-(3), s10(6), s17(2); s45 Code of Practice; ICO LTT47",
    ),
    Regime.eir: RegimeRules(
        title="Environmental Information Regulations 2004",
        calendar="uk",
        counting="working_days",
        response_period=20,
        extension="eir",
        extension_limit=40,
        clarification="restart",
        fees="pause_if_policy",
        fee_lapse_months=3,
        review=True,
        review_window="40_working_days",
        review_target=40,
        review_limit=40,
        complaint=("weeks", 6),
        complaint_to="the ICO",
        sources="EIR reg 2(1), 5(2), 7(1), 9, 11(2), 11(4)",
    ),
    Regime.foisa: RegimeRules(
        title="Freedom of Information (Scotland) Act 2002",
        calendar="scotland",
        counting="working_days",
        response_period=20,
        extension=None,
        extension_limit=0,
        clarification="restart",
        fees="pause",
        fee_lapse_months=3,
        review=True,
        review_window="40_working_days",
        review_target=20,
        review_limit=20,
        complaint=("months", 6),
        complaint_to="the Scottish Information Commissioner",
        sources="FOISA s1(3), s9, s10(1)-(2), s20(5), s21(1), s47(4), s73",
    ),
    Regime.sar: RegimeRules(
        title="UK GDPR subject access",
        calendar="uk",
        counting="months",
        response_period=1,
        extension="sar",
        extension_limit=3,
        clarification="pause",
        fees="pause",
        fee_lapse_months=3,
        review=False,
        review_window=None,
        review_target=0,
        review_limit=0,
        complaint=None,
        complaint_to="the ICO",
        sources="UK GDPR Art 12(3); ICO right-of-access guidance",
    ),
}
