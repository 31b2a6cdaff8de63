"""A second, naive model of the law (docs/law.md), written day by day from the statutes.

This module owns the test side's own reading of the law: its own non-working-day sets (straight from
`holidays.UK(subdiv=...)` plus proclaimed days), its own month arithmetic, and a replay of a case's
events that steps one day at a time (no bisect, no tables of counts). It imports nothing from `rules/`:
the differential test compares `rules.evaluate` against `naive_evaluate` and any disagreement is a bug
in one of the two, to be settled from the statute.

`naive_evaluate(...)` returns a dict with exactly the keys of `Evaluation.model_dump(mode="json")`
(dates as ISO strings). An impossible history raises `NaiveViolation`. `NaiveCase` exposes the replay
state (stage, dues, deadlines) so `tests/law_histories.py` can draw only histories this model allows.
"""

from __future__ import annotations

import calendar as _stdcal
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache

import holidays

ONE = timedelta(days=1)
PARTS = ("ENG", "WLS", "SCT", "NIR")
NATION_PARTS = {"england_wales": ("ENG", "WLS"), "scotland": ("SCT",), "northern_ireland": ("NIR",)}
WORKING_DAY_REGIMES = ("foia", "eir", "foisa", "eisr")
ENVIRONMENTAL = ("eir", "eisr")  # the EIR and the EISR: the same Directive, two sets of Regulations
DEFAULT_POLICY = {
    "foia_review_window": "two_months",
    "pit_cap_working_days": 20,
    "clarification_lapse_months": 3,
    "identity_lapse_months": 3,
    "nation": "england_wales",
    "ico_steps_days": 35,
    "sic_steps_days": 45,
}
RESPONSE_OUTCOMES = ("granted", "part_withheld", "withheld", "not_held", "ncnd", "refused_cost", "refused_vexatious",
                     "refused_repeated")  # fmt: skip
REPEATED_REGIMES = ("foia", "foisa")  # a request refused as repeated: FOIA s14(2), FOISA s14(2); no other regime
REVIEW_OUTCOMES = ("upheld", "partly_upheld", "overturned")
EVENT_TYPES = (
    "clarification_requested",
    "clarification_received",
    "fee_notice_issued",
    "fee_paid",
    "extended",
    "responded",
    "withdrawn",
    "review_requested",
    "review_completed",
    "identity_requested",
    "identity_received",
    "complaint_received",
    "decision_notice",
    "appealed",
    "appeal_decided",
    "complied",
)
NOTICE_OUTCOMES = ("upheld", "partly_upheld", "breach_only", "not_upheld")
STEPS = ("upheld", "partly_upheld")  # the notices that require steps
APPEAL_OUTCOMES = ("dismissed", "allowed")
ICO_REGIMES, SIC_REGIMES = ("foia", "eir"), ("foisa", "eisr")


class NaiveViolation(ValueError):
    """A history the naive model's reading of the law does not allow."""


# -- calendars: the holidays package, part by part, plus proclaimed days -------------------------------------------


@lru_cache(maxsize=512)
def _part_holidays(part: str, year: int) -> frozenset[date]:
    return frozenset(holidays.UK(subdiv=part, years=year).keys())


def parts_of(regime: str, nation: str) -> tuple[str, ...]:
    """Whose bank holidays stop the clock: FOIA/EIR every part (s10(6)), FOISA and EISR Scotland (FOISA s73,
    EISR reg 2(1)), SAR the controller's own nation."""
    if regime in ("foia", "eir"):
        return PARTS
    if regime in ("foisa", "eisr"):
        return ("SCT",)
    return NATION_PARTS[nation]


@dataclass(frozen=True)
class NaiveCalendar:
    parts: tuple[str, ...]
    proclaimed: frozenset[date] = frozenset()

    def is_working_day(self, day: date) -> bool:
        if day.weekday() >= 5 or day in self.proclaimed:
            return False
        return not any(day in _part_holidays(p, day.year) for p in self.parts)

    def nth_working_day_after(self, start: date, n: int, skip: frozenset[date] | set[date] = frozenset()) -> date:
        """The n-th working day strictly after `start`, not counting days in `skip` (n=0: `start`)."""
        day, counted = start, 0
        while counted < n:
            day += ONE
            if self.is_working_day(day) and day not in skip:
                counted += 1
        return day

    def working_days_in(self, after: date, upto: date, skip: frozenset[date] | set[date] = frozenset()) -> int:
        """Working days in (after, upto], not counting days in `skip`."""
        day, counted = after, 0
        while day < upto:
            day += ONE
            if self.is_working_day(day) and day not in skip:
                counted += 1
        return counted

    def working_days_from_to(self, first: date, last: date) -> set[date]:
        """The working days in [first, last], both inclusive."""
        found, day = set(), first
        while day <= last:
            if self.is_working_day(day):
                found.add(day)
            day += ONE
        return found

    def roll_forward(self, day: date) -> date:
        while not self.is_working_day(day):
            day += ONE
        return day


def naive_calendar(regime: str, nation: str = "england_wales", proclaimed=()) -> NaiveCalendar:
    """`proclaimed`: (day, region) pairs, region `uk` or a part; a day counts where its region does."""
    parts = parts_of(regime, nation)
    days = frozenset(_as_date(d) for d, region in proclaimed if region == "uk" or region in parts)
    return NaiveCalendar(parts, days)


# -- months --------------------------------------------------------------------------------------------------------


def _month_shift(day: date, months: int) -> tuple[int, int]:
    year, month = day.year, day.month + months
    while month > 12:
        year, month = year + 1, month - 12
    return year, month


def same_date_months_later(day: date, months: int) -> date:
    """The same date `months` later; the last day of that month when there is no such date."""
    year, month = _month_shift(day, months)
    return date(year, month, min(day.day, _stdcal.monthrange(year, month)[1]))


def last_day_of_months_beginning(day: date, months: int) -> date:
    """The last day of a period of `months` months beginning with `day`: the day before the same date
    `months` later, or the last day of that month when there is no such date."""
    year, month = _month_shift(day, months)
    if day.day > _stdcal.monthrange(year, month)[1]:
        return date(year, month, _stdcal.monthrange(year, month)[1])
    return date(year, month, day.day) - ONE


def _as_date(value) -> date:
    return value if isinstance(value, date) else date.fromisoformat(value)


# -- the case, replayed --------------------------------------------------------------------------------------------


@dataclass
class NaiveCase:
    regime: str
    received: date
    policy: dict
    cal: NaiveCalendar
    stage: str = "awaiting_response"
    clock_started: date = None
    disregarded: set = field(default_factory=set)  # working days of valid, paid fee notices
    paused: int = 0  # SAR: calendar days of clarification pause
    extended_until: date | None = None
    awaiting_since: date | None = None
    lapses_after: date | None = None
    lapse_kind: str = ""
    late_fee_unpaid: bool = False
    late_clarification_unanswered: bool = False  # asked when it could no longer pause or restart anything
    extension_given: date | None = None  # SAR: the `until` given, or None for the three months
    pause_after_extension: int = 0  # SAR: calendar days paused for clarification after the extension
    responded: dict | None = None
    statutory_due_at_response: date | None = None
    response_due_at_response: date | None = None
    review_request_deadline: date | None = None
    review_requested: dict | None = None
    review_completed: dict | None = None
    closed_reason: str | None = None
    closed_on: date | None = None
    owed_when_closed: bool = False
    last_day: date = None
    extensions: int = 0
    category: str = "standard"  # SI 2004/3364: standard, school (reg 3), archives (reg 4); FOIA only
    non_school: frozenset = frozenset()  # days that are not school days at the school (reg 3(3))
    complaint_on: date | None = None  # the regulator's stage
    notice: dict | None = None
    steps_due: date | None = None
    appeal_last_day: date | None = None
    appeal: dict | None = None
    appeal_result: dict | None = None
    complied_on: date | None = None

    def __post_init__(self):
        self.clock_started = self.received
        self.last_day = self.received

    # -- the dates the law gives, as they stand ----------------------------------------------------------

    @property
    def counts_working_days(self) -> bool:
        return self.regime in WORKING_DAY_REGIMES

    def statutory_due(self) -> date:
        if self.counts_working_days and self.category == "archives":  # reg 4: the thirtieth working day
            return self.cal.nth_working_day_after(self.clock_started, 30, self.disregarded)
        if self.counts_working_days and self.category == "school":  # reg 3(2): (a) or (b), whichever first
            twentieth_school_day = self.cal.nth_working_day_after(
                self.clock_started, 20, self.disregarded | self.non_school
            )
            return min(twentieth_school_day, self.cal.nth_working_day_after(self.clock_started, 60, self.disregarded))
        if self.counts_working_days:
            return self.cal.nth_working_day_after(self.clock_started, 20, self.disregarded)
        month = same_date_months_later(self.clock_started, 1) + timedelta(days=self.paused)
        return self.cal.roll_forward(month)

    def draft_due(self) -> date:
        """The internal draft deadline at the default policy (docs/internal-deadlines.md): the 10th counted
        working day of the 20 (ten before a category's own end), or 10 calendar days before the subject
        access month (pauses included) ends, brought back to a working day. Extensions leave it alone."""
        if self.counts_working_days and self.category == "archives":
            return self.cal.nth_working_day_after(self.clock_started, 20, self.disregarded)
        if self.counts_working_days and self.category == "school":
            by_school_days = self.cal.nth_working_day_after(self.clock_started, 10, self.disregarded | self.non_school)
            return min(by_school_days, self.cal.nth_working_day_after(self.clock_started, 50, self.disregarded))
        if self.counts_working_days:
            return self.cal.nth_working_day_after(self.clock_started, 10, self.disregarded)
        day = same_date_months_later(self.clock_started, 1) + timedelta(days=self.paused) - timedelta(days=10)
        while not self.cal.is_working_day(day):
            day -= ONE
        return day

    def response_due(self) -> date:
        if self.extended_until and self.pause_after_extension:  # Art 12A: the pause moves the extension too
            if self.extension_given is None:
                end = same_date_months_later(self.clock_started, 3) + timedelta(days=self.paused)
            else:
                end = self.extension_given + timedelta(days=self.pause_after_extension)
            return self.cal.roll_forward(end)
        return self.extended_until or self.statutory_due()

    def clarification_has_effect(self, on: date) -> bool:
        """SAR: only while the period (extension included) runs; EIR reg 9(2)(a): within 20 working days."""
        if self.regime == "sar":
            return on <= self.response_due()
        if self.regime in ENVIRONMENTAL:
            return on <= self.cal.nth_working_day_after(self.clock_started, 20)
        return True

    def extension_cap(self) -> date | None:
        """The latest `until` an in-time extension may give (None: no cap, an exceptional PIT)."""
        if self.regime == "foia":
            return self.cal.nth_working_day_after(self.statutory_due(), self.policy["pit_cap_working_days"])
        if self.regime in ENVIRONMENTAL:  # EIR reg 7(1), EISR reg 7(1): 40 working days from receipt
            return self.cal.nth_working_day_after(self.clock_started, 40, self.disregarded)
        month = same_date_months_later(self.clock_started, 3) + timedelta(days=self.paused)
        return self.cal.roll_forward(month)

    @property
    def owed(self) -> bool:
        """A response is still owed and the clock runs (not waiting on the requester)."""
        return self.responded is None and self.stage in ("awaiting_response", "in_review")

    # -- time passing ----------------------------------------------------------------------------------

    def advance(self, day: date) -> None:
        if self.stage in ("awaiting_clarification", "awaiting_fee", "awaiting_identity") and day > self.lapses_after:
            self._close(self.lapse_kind, self.lapses_after + ONE)
        elif self.stage == "review_window" and day > self.review_request_deadline:
            self._close("review_window_ended", self.review_request_deadline + ONE)
        elif self.stage == "appeal_window" and day > self.appeal_last_day:
            self._close("regulator_decided", self.appeal_last_day + ONE)

    def _close(self, reason: str, on: date) -> None:
        self.owed_when_closed = self.owed
        self.stage, self.closed_reason, self.closed_on = "closed", reason, on

    # -- events ------------------------------------------------------------------------------------------

    def apply(self, e: dict) -> None:
        kind, on = e["type"], _as_date(e["on"])
        if kind not in EVENT_TYPES:
            raise NaiveViolation(f"unknown event {kind}")
        if on < self.received:
            raise NaiveViolation(f"{kind} on {on}: before receipt")
        if on < self.last_day:
            raise NaiveViolation(f"{kind} on {on}: out of date order")
        if e.get("outcome") is not None and kind not in (
            "responded",
            "review_completed",
            "decision_notice",
            "appeal_decided",
        ):
            raise NaiveViolation(f"{kind}: outcome not allowed")
        if e.get("until") is not None and kind not in ("extended", "decision_notice", "appeal_decided"):
            raise NaiveViolation(f"{kind}: until not allowed")
        if e.get("exceptional") and kind != "extended":
            raise NaiveViolation(f"{kind}: exceptional not allowed")
        if e.get("until") is not None and kind != "extended":
            self._need(_as_date(e["until"]) > on, "a date for the steps after the day itself")
        self.advance(on)
        self.last_day = on
        getattr(self, f"_{kind}")(e, on)

    def _need(self, ok: bool, why: str) -> None:
        if not ok:
            raise NaiveViolation(why)

    def _clarification_requested(self, e, on):
        self._need(self.stage == "awaiting_response", "clarification only while awaiting the response")
        if not self.clarification_has_effect(on):  # recorded as a fact; the clock is not touched
            self.late_clarification_unanswered = True
            return
        self.stage, self.awaiting_since, self.lapse_kind = "awaiting_clarification", on, "lapsed_clarification"
        self.lapses_after = last_day_of_months_beginning(on, self.policy["clarification_lapse_months"])

    def _clarification_received(self, e, on):
        if self.stage == "awaiting_response" and self.late_clarification_unanswered:
            self.late_clarification_unanswered = False
            return
        self._need(self.stage == "awaiting_clarification", "no clarification was requested")
        if self.counts_working_days:  # FOIA s1(3), EIR reg 9, FOISA s1(3): a fresh clock
            self._restart(on)
        else:  # UK GDPR Art 12(3): paused from the day asked to the day answered, both counted
            days = (on - self.awaiting_since).days + 1
            self.paused += days
            if self.extended_until:
                self.pause_after_extension += days
        self.stage, self.awaiting_since, self.lapses_after = "awaiting_response", None, None

    def _restart(self, on):
        self.clock_started, self.disregarded, self.paused = on, set(), 0
        self.extended_until, self.late_fee_unpaid, self.extensions = None, False, 0
        self.extension_given, self.pause_after_extension = None, 0

    def _identity_requested(self, e, on):
        self._need(self.regime == "sar", "identity only for subject access")
        self._need(self.stage == "awaiting_response", "identity only while awaiting the response")
        self.stage, self.awaiting_since, self.lapse_kind = "awaiting_identity", on, "lapsed_identity"
        self.lapses_after = last_day_of_months_beginning(on, self.policy["identity_lapse_months"])

    def _identity_received(self, e, on):
        self._need(self.regime == "sar" and self.stage == "awaiting_identity", "no identity was requested")
        self._restart(on)  # Art 12(6): the relevant time
        self.stage, self.awaiting_since, self.lapses_after = "awaiting_response", None, None

    def fee_notice_valid(self, on: date) -> bool:
        return self.regime == "sar" or on <= self.statutory_due()

    def _fee_notice_issued(self, e, on):
        self._need(self.stage == "awaiting_response", "fee notice only while awaiting the response")
        if not self.fee_notice_valid(on):  # given after the time for compliance: recorded, nothing more
            self.late_fee_unpaid = True
            return
        self.stage, self.awaiting_since, self.lapse_kind = "awaiting_fee", on, "lapsed_fee"
        if self.regime in ENVIRONMENTAL:  # EIR reg 8, EISR reg 8: unpaid 60 working days after the notice
            self.lapses_after = self.cal.nth_working_day_after(on, 60)
        else:
            self.lapses_after = last_day_of_months_beginning(on, 3)

    def _fee_paid(self, e, on):
        if self.stage == "awaiting_response" and self.late_fee_unpaid:
            self.late_fee_unpaid = False
            return
        self._need(self.stage == "awaiting_fee", "no fee notice is outstanding")
        if self.counts_working_days:
            self.disregarded |= self.cal.working_days_from_to(self.awaiting_since, on)
        else:
            self._restart(on)  # Art 12(3): the month runs from the fee
        self.stage, self.awaiting_since, self.lapses_after = "awaiting_response", None, None

    def _extended(self, e, on):
        self._need(self.stage == "awaiting_response", "extension only while awaiting the response")
        self._need(self.regime != "foisa", "FOISA has no extension")
        due = self.statutory_due()
        self.extensions += 1
        if on > due:  # notified too late: recorded, extends nothing
            return
        until = _as_date(e["until"]) if e.get("until") else None
        cap = self.extension_cap()
        if self.regime == "foia":
            self._need(until is not None, "a public interest extension needs its date")
            if e.get("exceptional"):
                cap = None
        until = until or cap
        self._need(until > due, "the extension does not extend")
        self._need(cap is None or until <= cap, "the extension runs beyond its cap")
        self.extended_until = until
        self.extension_given = _as_date(e["until"]) if e.get("until") else None

    def _responded(self, e, on):
        self._need(self.owed, "no response is owed")
        self._need(e.get("outcome") in RESPONSE_OUTCOMES, "responded needs a known outcome")
        self._need(e["outcome"] != "refused_repeated" or self.regime in REPEATED_REGIMES, "no s14(2) in this regime")
        self.statutory_due_at_response, self.response_due_at_response = self.statutory_due(), self.response_due()
        self.responded = {"on": on, "outcome": e["outcome"]}
        self.late_clarification_unanswered = False
        if self.regime == "sar":
            self._close("responded", on)
            return
        if self.stage == "in_review":  # a review of the failure to respond is already running
            return
        self.stage = "review_window"
        if self.regime == "foia" and self.policy["foia_review_window"] == "two_months":
            self.review_request_deadline = same_date_months_later(on, 2)
        elif self.regime == "foisa":  # s20(5): after the expiry of the time allowed, or a late response
            self.review_request_deadline = self.cal.nth_working_day_after(max(on, self.response_due_at_response), 40)
        else:
            self.review_request_deadline = self.cal.nth_working_day_after(on, 40)

    def _review_requested(self, e, on):
        self._need(self.regime != "sar", "subject access has no internal review")
        if self.stage == "awaiting_response":  # a review of a failure to respond
            due = self.response_due()
            self._need(on > due, "the time for the response has not expired")
            self.review_request_deadline = self.cal.nth_working_day_after(due, 40)
        else:
            self._need(
                self.stage == "review_window" or self.closed_reason == "review_window_ended",
                "review only after a response or a failure to respond",
            )
        self.review_requested = {"on": on}
        self.stage, self.closed_reason, self.closed_on = "in_review", None, None

    def _review_completed(self, e, on):
        self._need(self.stage == "in_review" and self.responded is not None, "no review to complete")
        self._need(e.get("outcome") in REVIEW_OUTCOMES, "review_completed needs a known outcome")
        self.review_completed = {"on": on, "outcome": e["outcome"]}
        self._close("review_completed", on)

    def _withdrawn(self, e, on):
        after_notice = ("steps_required", "appeal_window", "under_appeal")
        self._need(self.stage not in ("review_window", "closed", *after_notice), "nothing to withdraw")
        self._close("withdrawn", on)

    # -- the regulator: FOIA s50, s57 (ICO, First-tier Tribunal); FOISA s47, s49, s56 (SIC, Court of Session)

    def review_limit_day(self) -> date:
        limit = {"foia": 40, "eir": 40, "foisa": 20, "eisr": 20}[self.regime]
        return self.cal.nth_working_day_after(self.review_requested["on"], limit)

    def _complaint_received(self, e, on):
        self._need(self.regime != "sar", "no decision notice stage for subject access")
        after_review = self.stage == "closed" and self.closed_reason == "review_completed"
        unanswered = self.stage == "in_review" and self.responded is not None and on > self.review_limit_day()
        self._need(after_review or unanswered, "a complaint after the review, or once it is past its limit")
        self.complaint_on = on
        self.stage, self.closed_reason, self.closed_on = "with_regulator", None, None

    def _standard_steps(self, on: date) -> date:
        key = "ico_steps_days" if self.regime in ICO_REGIMES else "sic_steps_days"
        return on + timedelta(days=self.policy[key])

    def _decision_notice(self, e, on):
        self._need(self.stage == "with_regulator", "no complaint with the regulator")
        self._need(e.get("outcome") in NOTICE_OUTCOMES, "decision_notice needs a known outcome")
        self.notice = {"on": on, "outcome": e["outcome"]}
        if self.regime in ICO_REGIMES:  # 28 days; a last day that is not a working day moves on (GRC r12)
            self.appeal_last_day = self.cal.roll_forward(on + timedelta(days=28))
        else:  # FOISA s56: 42 days
            self.appeal_last_day = on + timedelta(days=42)
        until = _as_date(e["until"]) if e.get("until") else None
        if e["outcome"] in STEPS:
            self.steps_due = until or self._standard_steps(on)
            self.stage = "steps_required"
        else:
            self._need(until is None, "no steps, so no date for them")
            self.stage = "appeal_window"

    def _appealed(self, e, on):
        self._need(self.stage in ("steps_required", "appeal_window") and self.appeal is None, "nothing to appeal")
        self.appeal = {"on": on}
        self.stage = "under_appeal"

    def _appeal_decided(self, e, on):
        self._need(self.stage == "under_appeal", "no appeal")
        self._need(e.get("outcome") in APPEAL_OUTCOMES, "appeal_decided needs a known outcome")
        self.appeal_result = {"on": on, "outcome": e["outcome"]}
        if e.get("until"):
            self.steps_due, self.stage = _as_date(e["until"]), "steps_required"
        elif e["outcome"] == "dismissed" and self.notice["outcome"] in STEPS:
            self.steps_due, self.stage = self._standard_steps(on), "steps_required"
        else:
            self.steps_due = None
            self._close("appeal_decided", on)

    def _complied(self, e, on):
        self._need(self.stage == "steps_required", "no steps to take")
        self.complied_on = on
        self._close("complied", on)

    # -- the answer -------------------------------------------------------------------------------------

    def evaluate(self, as_of: date) -> dict:
        self._need(as_of >= self.last_day, "as_of before the last event")
        self.advance(as_of)
        cal, iso = self.cal, _iso
        statutory = response = None
        if self.responded is not None:
            statutory, response = self.statutory_due_at_response, self.response_due_at_response
        elif self.owed or (self.stage == "closed" and self.closed_reason == "withdrawn" and self.owed_when_closed):
            statutory, response = self.statutory_due(), self.response_due()
        overdue = self.owed and as_of > response
        out = {
            "regime": self.regime,
            "received": iso(self.received),
            "as_of": iso(as_of),
            "stage": self.stage,
            "clock_started": iso(self.clock_started),
            "statutory_due": iso(statutory),
            "response_due": iso(response),
            "extended_until": iso(self.extended_until and self.response_due()),
            "overdue": overdue,
            "working_days_overdue": cal.working_days_in(response, as_of) if overdue else 0,
        }
        draft = self.draft_due() if statutory is not None else None
        out |= {
            "draft_due": iso(draft),
            "draft_of": "response" if draft else None,
            "draft_late": draft is not None and self.owed and as_of > draft,
            # the histories drawn here send nothing for clearance, so no draft is done early (a draft sent for
            # clearance: tests/test_drafts.py, by hand)
            "draft_submitted": None,
        }
        r = self.responded
        out |= {
            "responded_on": iso(r and r["on"]),
            "response_outcome": r and r["outcome"],
            "response_in_time": None if r is None else r["on"] <= response,
            "response_timeliness": None
            if r is None
            else "in_time"
            if r["on"] <= statutory
            else "within_extension"
            if r["on"] <= response
            else "late",
            "responded_working_day": cal.working_days_in(self.clock_started, r["on"], self.disregarded)
            if r is not None and self.counts_working_days
            else None,
            "awaiting_since": iso(self.awaiting_since),
            "lapses_after": iso(self.lapses_after),
            "review_request_deadline": iso(self.review_request_deadline),
        }
        target, limit = {"foia": (20, 40), "eir": (40, 40), "foisa": (20, 20), "eisr": (20, 20)}.get(
            self.regime, (0, 0)
        )
        q, c = self.review_requested, self.review_completed
        review_due = q and cal.nth_working_day_after(q["on"], target)
        latest = q and cal.nth_working_day_after(q["on"], limit)
        review_overdue = self.stage == "in_review" and as_of > review_due
        complaint = None
        if c is not None:
            six = c["on"] + timedelta(weeks=6) if self.regime in ("foia", "eir") else same_date_months_later(c["on"], 6)
            complaint = iso(six)
        out |= {
            "review_requested_on": iso(q and q["on"]),
            "review_requested_in_time": None if q is None else q["on"] <= self.review_request_deadline,
            "review_due": iso(review_due),
            "review_latest_due": iso(latest),
            "review_overdue": review_overdue,
            "review_working_days_overdue": cal.working_days_in(review_due, as_of) if review_overdue else 0,
            "review_completed_on": iso(c and c["on"]),
            "review_outcome": c and c["outcome"],
            "review_completed_within_target": None if c is None else c["on"] <= review_due,
            "review_completed_within_limit": None if c is None else c["on"] <= latest,
            "complaint_deadline": complaint,
            "complaint_to": None
            if c is None
            else "the Scottish Information Commissioner"
            if self.regime in ("foisa", "eisr")
            else "the ICO",
            "closed_reason": self.closed_reason,
            "closed_on": iso(self.closed_on),
            "stage_changes_on": iso(self.stage_changes_on()),
        }
        unanswered = c is None and q is not None and as_of > latest
        if unanswered and self.regime in SIC_REGIMES and self.stage in ("in_review", "with_regulator"):
            # FOISA s47(4)(b): six months after the time for the review expired
            out["complaint_deadline"] = iso(same_date_months_later(latest, 6))
            out["complaint_to"] = "the Scottish Information Commissioner"
        n, a, r = self.notice, self.appeal, self.appeal_result
        steps_overdue = self.stage == "steps_required" and as_of > self.steps_due
        out |= {
            "complaint_received_on": iso(self.complaint_on),
            "decision_notice_on": iso(n and n["on"]),
            "decision_outcome": n and n["outcome"],
            "steps_due": iso(self.steps_due),
            "steps_overdue": steps_overdue,
            "steps_working_days_overdue": cal.working_days_in(self.steps_due, as_of) if steps_overdue else 0,
            "appeal_deadline": iso(self.appeal_last_day),
            "appeal_to": None
            if n is None
            else "the First-tier Tribunal (General Regulatory Chamber)"
            if self.regime in ICO_REGIMES
            else "the Court of Session",
            "appealed_on": iso(a and a["on"]),
            "appealed_in_time": None if a is None else a["on"] <= self.appeal_last_day,
            "appeal_decided_on": iso(r and r["on"]),
            "appeal_outcome": r and r["outcome"],
            "complied_on": iso(self.complied_on),
            "complied_in_time": None if self.complied_on is None else self.complied_on <= self.steps_due,
        }
        return out

    def stage_changes_on(self) -> date | None:
        if self.stage in ("awaiting_clarification", "awaiting_fee", "awaiting_identity"):
            return self.lapses_after + ONE
        if self.stage == "review_window":
            return self.review_request_deadline + ONE
        if self.stage == "appeal_window":
            return self.appeal_last_day + ONE
        return None


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def replay(
    regime, received, events=(), policy=None, nation=None, proclaimed=(), category="standard", non_school=()
) -> NaiveCase:
    """The case after its events (time advanced to the last event only)."""
    pol = {**DEFAULT_POLICY, **(policy or {})}
    if nation:
        pol["nation"] = nation
    if category != "standard" and regime != "foia":
        raise NaiveViolation("the Time for Compliance Regulations are made under FOIA s10(4)")
    case = NaiveCase(regime, _as_date(received), pol, naive_calendar(regime, pol["nation"], proclaimed))
    case.category, case.non_school = category, frozenset(_as_date(d) for d in non_school)
    for e in events:
        case.apply(e)
    return case


def naive_evaluate(
    regime, received, events=(), as_of=None, policy=None, nation=None, proclaimed=(), category="standard", non_school=()
) -> dict:
    """The calc contract's answer for a case, by the naive model. `proclaimed`: (day, region) pairs;
    `non_school`: the days that are not school days, for a `school` case."""
    case = replay(regime, received, events, policy, nation, proclaimed, category, non_school)
    return case.evaluate(_as_date(as_of) if as_of else case.last_day)
