"""The five regimes as data: how each counts, what each allows, and the source for each number.

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
    eisr = "eisr"


CalendarRegion = Literal["uk", "scotland", "nation"]
"""`uk`: a bank holiday in any part of the UK stops the clock (FOIA s10(6), EIR reg 2(1)); `scotland`:
Scottish days only (FOISA s73, EISR reg 2(1)); `nation`: the controller's own nation (policy `nation`; UK GDPR Art 12(3)
counted in months, rolled past that nation's non-working days)."""


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
    """pit: cap after the statutory due date (a policy); eir: working days from receipt (EIR reg 7(1),
    EISR reg 7(1)); sar: months from receipt."""
    clarification: Literal["restart", "pause"]
    """restart: a fresh period from the day it arrives (FOIA s1(3), EIR reg 9(4), FOISA s1(3), EISR reg 9(4));
    pause: the days from asking to answer, both counted, do not count (UK GDPR Art 12A)."""
    clarification_window: Literal["period", "20_working_days"] | None
    """When asking for clarification still has an effect; asked later, it is a fact that changes nothing.
    period: while the applicable period (extension included) runs, since an expired period cannot be
    paused (UK GDPR Art 12A); 20_working_days: within 20 working days after receipt (EIR reg 9(2)(a),
    EISR reg 9(2)(a)); None: no limit (FOIA s1(3), FOISA s1(3))."""
    fees: Literal["disregard", "restart"] | None
    """disregard: the working days from a valid notice to payment, both inclusive, are skipped among
    the 20 (FOIA s10(2), FOISA s10(2), EIR reg 8(6)); restart: payment is a new relevant time (Art 12A)."""
    fee_notice_in_time_only: bool
    """A fees notice counts only when given within the time for compliance (FOIA/FOISA s9(1), EIR reg 8(4))."""
    fee_lapse: tuple[Literal["months", "working_days"], int]
    """Unpaid this long after the notice, the request lapses (FOIA/FOISA s9(2): 3 months beginning with
    the notice; EIR reg 8(5): paid no later than 60 working days after the notification)."""
    identity: bool
    """Identity information may be asked for, and its receipt is a new relevant time (Art 12(6), 12A)."""
    review: bool
    """An internal review stage exists; it may also be asked for while a response is owed and late."""
    review_window: Literal["policy", "40_working_days", "40_working_days_after_expiry"] | None
    """policy: FOIA, two months or 40 working days (s45 Code); 40_working_days: after the response
    (EIR reg 11(2), EISR reg 16(2)); 40_working_days_after_expiry: after the later of the expiry of the time allowed
    and a late response (FOISA s20(5))."""
    review_target: int
    review_limit: int
    complaint: tuple[Literal["weeks", "months"], int] | None
    complaint_to: str
    regulator: Literal["ico", "sic"] | None
    """Whose decision notices the regulator's stage follows (its standard period for the steps is a policy);
    None: no decision-notice stage here (a subject access complaint to the ICO ends without one)."""
    appeal: tuple[int, str, bool] | None
    """Calendar days after the decision notice to appeal, to whom, and whether a last day that is not a
    working day moves to the next one: ICO, 28 days to the First-tier Tribunal (GRC Rules r22(1)(b);
    r12(2) moves it); SIC, 42 days to the Court of Session (FOISA s56)."""
    sources: str
    cites: dict[str, str]
    """The provision behind each date the engine derives, by its label (shown by `--explain`)."""
    repeated_request: str | None = None
    """The provision under which a request may be refused as repeated, the response outcome
    `refused_repeated`: FOIA s14(2) and FOISA s14(2) (an identical or substantially similar request from a
    person whose earlier request was complied with, no reasonable interval between them). None: the regime
    has no such refusal, and the outcome is refused. Under the EIR and the EISR a repeated request is
    manifestly unreasonable, an exception cited as reg 12(4)(b) / reg 10(4)(b); a subject access request
    may be refused as manifestly unfounded or excessive (UK GDPR Art 12(5)), which is not this refusal."""


REGIMES: dict[Regime, RegimeRules] = {
    Regime.foia: RegimeRules(
        title="Freedom of Information Act 2000",
        calendar="uk",
        counting="working_days",
        response_period=20,
        extension="pit",
        extension_limit=20,
        clarification="restart",
        clarification_window=None,
        fees="disregard",
        fee_notice_in_time_only=True,
        fee_lapse=("months", 3),
        identity=False,
        review=True,
        review_window="policy",
        review_target=20,
        review_limit=40,
        complaint=("weeks", 6),
        complaint_to="the ICO",
        regulator="ico",
        appeal=(28, "the First-tier Tribunal (General Regulatory Chamber)", True),
        sources="FOIA s1(3), s9, s10(1)-(3), s10(6), s17(1)-(2); s45 Code of Practice; ICO LTT47",
        cites={
            "statutory_due": "FOIA s10(1), s10(2), s10(6)",
            "extension_cap": "FOIA s10(3), s17(2); ICO guidance",
            "review_request_deadline": "s45 Code of Practice; the authority's procedure",
            "review_due": "s45 Code of Practice",
            "review_latest_due": "s45 Code of Practice; ICO guidance",
            "complaint_deadline": "FOIA s50; ICO guidance",
            "steps_due": "FOIA s50(4), s50(6); the ICO's decision notices",
            "appeal_deadline": "FOIA s57; Tribunal Procedure (First-tier Tribunal) (GRC) Rules 2009 r22(1)(b), r12(2)",
        },
        repeated_request="FOIA s14(2)",
    ),
    Regime.eir: RegimeRules(
        title="Environmental Information Regulations 2004",
        calendar="uk",
        counting="working_days",
        response_period=20,
        extension="eir",
        extension_limit=40,
        clarification="restart",
        clarification_window="20_working_days",
        fees="disregard",
        fee_notice_in_time_only=True,
        fee_lapse=("working_days", 60),
        identity=False,
        review=True,
        review_window="40_working_days",
        review_target=40,
        review_limit=40,
        complaint=("weeks", 6),
        complaint_to="the ICO",
        regulator="ico",
        appeal=(28, "the First-tier Tribunal (General Regulatory Chamber)", True),
        sources="EIR reg 2(1), 5(2), 7(1), 7(3), 8(4)-(6), 9, 11(1)-(4)",
        cites={
            "statutory_due": "EIR reg 5(2), 8(6)",
            "extension_cap": "EIR reg 7(1), 8(6)",
            "review_request_deadline": "EIR reg 11(2)",
            "review_due": "EIR reg 11(4)",
            "review_latest_due": "EIR reg 11(4)",
            "complaint_deadline": "FOIA s50 as applied by EIR reg 18; ICO guidance",
            "steps_due": "FOIA s50(4), s50(6) as applied by EIR reg 18; the ICO's decision notices",
            "appeal_deadline": "FOIA s57 as applied by EIR reg 18; GRC Rules 2009 r22(1)(b), r12(2)",
        },
    ),
    Regime.foisa: RegimeRules(
        title="Freedom of Information (Scotland) Act 2002",
        calendar="scotland",
        counting="working_days",
        response_period=20,
        extension=None,
        extension_limit=0,
        clarification="restart",
        clarification_window=None,
        fees="disregard",
        fee_notice_in_time_only=True,
        fee_lapse=("months", 3),
        identity=False,
        review=True,
        review_window="40_working_days_after_expiry",
        review_target=20,
        review_limit=20,
        complaint=("months", 6),
        complaint_to="the Scottish Information Commissioner",
        regulator="sic",
        appeal=(42, "the Court of Session", False),
        sources="FOISA s1(3), s9, s10(1)-(2), s20(1), s20(5), s21(1), s47(4), s73",
        cites={
            "statutory_due": "FOISA s10(1)-(2), s73",
            "review_request_deadline": "FOISA s20(5)",
            "review_due": "FOISA s21(1)",
            "review_latest_due": "FOISA s21(1)",
            "complaint_deadline": "FOISA s47(4)",
            "steps_due": "FOISA s49(3)(b), s49(6); the SIC's decisions",
            "appeal_deadline": "FOISA s56",
        },
        repeated_request="FOISA s14(2)",
    ),
    Regime.sar: RegimeRules(
        title="UK GDPR subject access",
        calendar="nation",
        counting="months",
        response_period=1,
        extension="sar",
        extension_limit=3,
        clarification="pause",
        clarification_window="period",
        fees="restart",
        fee_notice_in_time_only=False,
        fee_lapse=("months", 3),
        identity=True,
        review=False,
        review_window=None,
        review_target=0,
        review_limit=0,
        complaint=None,
        complaint_to="the ICO",
        regulator=None,
        appeal=None,
        sources="UK GDPR Art 12(3), 12(6), 12A (Data (Use and Access) Act 2025); ICO right-of-access guidance",
        cites={
            "statutory_due": "UK GDPR Art 12(3), 12A",
            "extension_cap": "UK GDPR Art 12(3)",
            "extended_until": "UK GDPR Art 12(3), 12A",
        },
    ),
    Regime.eisr: RegimeRules(
        title="Environmental Information (Scotland) Regulations 2004",
        calendar="scotland",
        counting="working_days",
        response_period=20,
        extension="eir",
        extension_limit=40,
        clarification="restart",
        clarification_window="20_working_days",
        fees="disregard",
        fee_notice_in_time_only=True,
        fee_lapse=("working_days", 60),
        identity=False,
        review=True,
        review_window="40_working_days",
        review_target=20,
        review_limit=20,
        complaint=("months", 6),
        complaint_to="the Scottish Information Commissioner",
        regulator="sic",
        appeal=(42, "the Court of Session", False),
        sources="EISR reg 2(1), 5(2), 7(1)-(2), 8, 9(2)-(4), 16(1)-(4), 17; FOISA s47(4), s73",
        cites={
            "statutory_due": "EISR reg 5(2), 8; FOISA s73 as EISR reg 2(1) applies it",
            "extension_cap": "EISR reg 7(1)-(2)",
            "review_request_deadline": "EISR reg 16(2)",
            "review_due": "EISR reg 16(4)",
            "review_latest_due": "EISR reg 16(4)",
            "complaint_deadline": "FOISA s47(4) as applied by EISR reg 17",
            "steps_due": "FOISA s49(3)(b), s49(6) as applied by EISR reg 17; the SIC's decisions",
            "appeal_deadline": "FOISA s56 as applied by EISR reg 17",
        },
    ),
}
