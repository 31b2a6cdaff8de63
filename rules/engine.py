"""The one function that evaluates a case: every deadline the project states is computed here.

`evaluate(case, calendar, as_of, policy)` replays the events in order through the case state machine,
rejects an impossible history with a `RuleViolation`, lets time act (lapses, the review window
closing) up to `as_of`, and returns an `Evaluation`. Pass a list as `trace` to receive a
`Derivation` for every deadline, and a `Finding` for every event recorded that the law gives no
effect (a late fees notice or extension), which `rules.explain` turns into a readable account.
`docs/law.md` states each rule with its source; the handlers below name the source they apply.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from rules.calendar import Calendar
from rules.categories import CATEGORIES, Category
from rules.clearance import CLEARANCE
from rules.clearance import check_fields as clearance_fields
from rules.dates import add_months, last_day_of_months_beginning_with
from rules.drafts import DraftOf, nth_counted_day
from rules.exemptions import check as check_exemptions
from rules.models import (
    AppealOutcome,
    Case,
    Evaluation,
    Event,
    EventType,
    RegulatorOutcome,
    ResponseOutcome,
    ReviewOutcome,
    RuleViolation,
    Stage,
)
from rules.outcomes import ClosedReason, ResponseTimeliness
from rules.policy import Policy
from rules.regimes import REGIMES, Regime, RegimeRules
from rules.reopen import reopens

DEFAULT_POLICY = Policy()

_ALLOWED: dict[Stage, frozenset[EventType]] = {
    Stage.awaiting_response: frozenset(
        {
            EventType.clarification_requested,
            EventType.fee_notice_issued,
            EventType.identity_requested,
            EventType.extended,
            EventType.responded,
            EventType.withdrawn,
        }
    ),
    Stage.awaiting_clarification: frozenset({EventType.clarification_received, EventType.withdrawn}),
    Stage.awaiting_fee: frozenset({EventType.fee_paid, EventType.withdrawn}),
    Stage.awaiting_identity: frozenset({EventType.identity_received, EventType.withdrawn}),
    Stage.review_window: frozenset({EventType.review_requested}),
    Stage.in_review: frozenset({EventType.review_completed, EventType.withdrawn}),
    Stage.with_regulator: frozenset({EventType.decision_notice, EventType.withdrawn}),
    Stage.steps_required: frozenset({EventType.complied, EventType.appealed}),
    Stage.appeal_window: frozenset({EventType.appealed}),
    Stage.under_appeal: frozenset({EventType.appeal_decided}),
    Stage.closed: frozenset(),
}

# Members and tuples of members looked up once: the engine runs these tests for every case it evaluates
# (an enum member's lookup is a Python-level descriptor call in 3.11).
_STANDARD, _FOIA = Category.standard, Regime.foia
_COMPLAINT = EventType.complaint_received
_APPEAL_WINDOW = Stage.appeal_window
_OWING = (Stage.awaiting_response, Stage.in_review)  # a response is owed in these stages, if not yet given
_WAITING = (Stage.awaiting_clarification, Stage.awaiting_fee, Stage.awaiting_identity)
_IDENTITY = (EventType.identity_requested, EventType.identity_received)
_REVIEW_UNANSWERED = (Stage.in_review, Stage.with_regulator)  # FOISA s47(4)(b) may apply in these stages
_STEPS = (RegulatorOutcome.upheld, RegulatorOutcome.partly_upheld)  # a notice with these outcomes requires steps

_OUTCOMES: dict[EventType, type] = {
    EventType.responded: ResponseOutcome,
    EventType.review_completed: ReviewOutcome,
    EventType.decision_notice: RegulatorOutcome,
    EventType.appeal_decided: AppealOutcome,
}
_NO_REPEATED = {  # where a regime has no s14(2), what the authority relies on instead
    Regime.eir: "there a repeated request is manifestly unreasonable, an exception (reg 12(4)(b))",
    Regime.eisr: "there a repeated request is manifestly unreasonable, an exception (reg 10(4)(b))",
    Regime.sar: "there a repetitive request is manifestly unfounded or excessive (UK GDPR Art 12(5))",
}
_DATED = frozenset({EventType.extended, EventType.decision_notice, EventType.appeal_decided})  # take `until`

_STAGE_PHRASE = {
    Stage.awaiting_response: "awaiting its response",
    Stage.awaiting_clarification: "awaiting clarification",
    Stage.awaiting_fee: "awaiting a fee",
    Stage.awaiting_identity: "awaiting identity information",
    Stage.review_window: "answered and within its review window",
    Stage.in_review: "under internal review",
    Stage.with_regulator: "with the regulator",
    Stage.steps_required: "required by a decision notice to take steps",
    Stage.appeal_window: "decided by the regulator, with no steps to take",
    Stage.under_appeal: "under appeal",
}

_WHY_NOT = {
    EventType.clarification_received: "no clarification was requested",
    EventType.fee_paid: "no fee notice is outstanding",
    EventType.identity_received: "no identity information was asked for",
    EventType.review_requested: "a review can only be requested after the response",
    EventType.review_completed: "no internal review was requested",
    EventType.complaint_received: "a complaint goes to the regulator after the internal review's outcome, or once "
    "the review is overdue past its limit",
    EventType.decision_notice: "no complaint is with the regulator",
    EventType.appealed: "no decision notice to appeal against",
    EventType.appeal_decided: "no appeal was made",
    EventType.complied: "no decision notice requires steps",
}


@dataclass(frozen=True, slots=True)
class Derivation:
    """How one date was reached: `count` `unit` after `start` (for explanations)."""

    label: str
    result: date
    start: date
    count: int
    unit: str
    note: str = ""


@dataclass(frozen=True, slots=True)
class Finding:
    """An event recorded as a fact that the law gives no effect, and why (for explanations)."""

    on: date
    text: str


def evaluate(
    case: Case,
    calendar: Calendar,
    as_of: date,
    policy: Policy = DEFAULT_POLICY,
    trace: list[Derivation | Finding] | None = None,
) -> Evaluation:
    return _Run(case, calendar, policy, trace).finish(as_of)


class _Run:
    """The state of one case while its events are replayed."""

    __slots__ = (
        "case", "cal", "policy", "trace", "rules", "stage", "clock_started", "disregarded", "paused",
        "extended_until", "awaiting_since", "lapses_after", "lapse_kind", "late_fee_notice", "responded",
        "statutory_due_at_response", "response_due_at_response", "review_request_deadline", "review_requested",
        "review_completed", "closed_reason", "closed_on", "withdrawn_while_owed", "last_event_on",
        "late_clarification", "extension_unpaused", "complaint", "notice", "steps_due", "appeal_deadline",
        "appealed", "appeal_decided", "complied", "flagged_for_clearance",
    )  # fmt: skip

    def __init__(self, case: Case, calendar: Calendar, policy: Policy, trace: list | None):
        self.case, self.cal, self.policy, self.trace = case, calendar, policy, trace
        self.rules: RegimeRules = REGIMES[case.regime]
        if case.category is not _STANDARD and case.regime is not _FOIA:
            raise RuleViolation(f"category {case.category}: the Time for Compliance Regulations apply to FOIA only")
        self.stage = Stage.awaiting_response
        self.clock_started = case.received
        self.disregarded: list[tuple[date, date]] = []  # valid fee notice .. payment, both inclusive
        self.paused = 0  # SAR: calendar days the clock stood still for clarification
        self.extended_until: date | None = None
        self.awaiting_since: date | None = None
        self.lapses_after: date | None = None
        self.lapse_kind: ClosedReason | None = None
        self.late_fee_notice: date | None = None  # a fees notice given out of time, not yet paid
        self.late_clarification: date | None = None  # asked out of time (RegimeRules.clarification_window)
        self.extension_unpaused: date | None = None  # SAR: the extended date before any pause is added
        self.responded: Event | None = None
        self.statutory_due_at_response: date | None = None
        self.response_due_at_response: date | None = None
        self.review_request_deadline: date | None = None
        self.review_requested: Event | None = None
        self.review_completed: Event | None = None
        self.closed_reason: ClosedReason | None = None
        self.closed_on: date | None = None
        self.withdrawn_while_owed = False  # withdrawn while the clock ran: its due date stays of interest
        self.complaint: Event | None = None  # the regulator's stage: complaint, notice, appeal, compliance
        self.notice: Event | None = None
        self.steps_due: date | None = None
        self.appeal_deadline: date | None = None
        self.appealed: Event | None = None
        self.appeal_decided: Event | None = None
        self.complied: Event | None = None
        self.flagged_for_clearance: list[date] = []  # a draft sent for clearance is a draft done (rules/drafts.py)
        last = case.received
        for event in case.events:
            if event.on < case.received:
                raise RuleViolation(f"{event.type} on {event.on}: before the request was received ({case.received})")
            if event.on < last:
                raise RuleViolation(f"{event.type} on {event.on}: events must be in date order (previous event {last})")
            last = event.on
            self._advance(event.on)
            self._apply(event)
        self.last_event_on = last

    # -- derived dates -------------------------------------------------------------------------

    def _note(self, label: str, result: date, start: date, count: int, unit: str, note: str = "") -> date:
        if self.trace is not None:
            self.trace.append(Derivation(label, result, start, count, unit, note))
        return result

    def _find(self, on: date, text: str) -> None:
        if self.trace is not None:
            self.trace.append(Finding(on, text))

    def _working_days_after(self, label: str, start: date, n: int, note: str = "") -> date:
        result = self.cal.add_working_days(start, n) if n else start
        return self._note(label, result, start, n, "working days", note)

    def _disregarded_after(self, start: date) -> int:
        """Working days after `start` that a valid fee notice takes out of the count (s10(2))."""
        total, counted_to = 0, start
        for first, last in sorted(self.disregarded):
            first = max(first, counted_to + timedelta(days=1))  # each day once; day 0 moves nothing
            if first <= last:
                total += self.cal.working_days_inclusive(first, last)
                counted_to = last
        return total

    def _counted_working_days(self, label: str, n: int, why: str) -> date:
        """The n-th working day after the clock started, skipping the disregarded days among them."""
        skipped = self._disregarded_after(self.clock_started)
        result = self.cal.add_working_days(self.clock_started, n + skipped)
        note = why + (f"; {skipped} working days from fee notice to payment disregarded" if skipped else "")
        return self._note(label, result, self.clock_started, n, "working days", note)

    def _months_after(self, label: str, start: date, months: int) -> date:
        """Months from `start`, plus any SAR pause, rolled forward to a working day."""
        day = add_months(start, months) + timedelta(days=self.paused)
        result = self.cal.on_or_after(day)
        note = f"plus {self.paused} calendar days paused for clarification" if self.paused else ""
        if result != day:
            note = (note + "; " if note else "") + f"{day:%a %-d %b %Y} is not a working day"
        return self._note(label, result, start, months, "calendar months", note)

    def statutory_due(self) -> date:
        r = self.rules
        if r.counting == "months":
            return self._months_after("statutory_due", self.clock_started, r.response_period)
        if self.case.category is _STANDARD:
            return self._counted_working_days("statutory_due", r.response_period, "")
        category = CATEGORIES[self.case.category]
        if category.school_days is None:
            return self._counted_working_days("statutory_due", category.working_days, category.source)
        # SI 2004/3364 reg 3(2): the 20th working day that is a school day, or the 60th, whichever is first
        sixtieth = self._counted_working_days("statutory_due", category.working_days, category.source)
        by_school = self._school_days_after(self.clock_started, category.school_days)
        if by_school < sixtieth:
            why = f"{category.source}: {category.school_days} working days that are school days, before the 60th"
            return self._note("statutory_due", by_school, self.clock_started, category.school_days, "school days", why)
        return sixtieth

    def _school_days_after(self, start: date, n: int) -> date:
        """The n-th working day after `start` that is a school day, fee days disregarded (s10(2))."""
        fee_days = set()
        for first, last in self.disregarded:
            day = first
            while day <= last:
                fee_days.add(day)
                day += timedelta(days=1)
        skip = {d for d in (fee_days | self.cal.non_school) if d > start and self.cal.is_working_day(d)}
        result = self.cal.add_working_days(start, n)
        while True:  # the count of skipped days met only grows, so this settles
            met = sum(1 for d in skip if d <= result)
            moved = self.cal.add_working_days(start, n + met)
            if moved == result:
                return result
            result = moved

    def response_due(self) -> date:
        return self.extended_until or self.statutory_due()

    def draft_due(self) -> date:
        """The internal draft deadline (rules/drafts.py, a policy): on the statutory date's own clock, so a
        clarification restarts it, a fee pause or a subject access pause pushes it out, as they do that date."""
        d, r = self.policy.drafts, self.rules
        move = self.extended_until is not None and d.extensions == "move"
        why = ["the authority's own deadline"]
        if r.counting == "months":  # UK GDPR Art 12(3): N calendar days before the month (and any pause) ends
            end = add_months(self.clock_started, r.response_period) + timedelta(days=self.paused)
            day = end - timedelta(days=d.sar_days_before)
            why.append(f"less {d.sar_days_before} calendar days")
            if self.paused:
                why.append(f"plus {self.paused} calendar days paused for clarification")
            if move and self.extended_until - timedelta(days=d.sar_days_before) > day:
                day = self.extended_until - timedelta(days=d.sar_days_before)
                why.append(f"moved with the extension: {d.sar_days_before} calendar days before it")
            draft = d.to_working_day(self.cal, day)
            if draft != day:
                why.append(f"{day:%a %-d %b %Y} is not a working day")
            return self._note(
                "draft_due", draft, self.clock_started, r.response_period, "calendar months", "; ".join(why)
            )
        n = d.working_day(self.case.regime)
        lead = r.response_period - n  # working days the draft comes before the statutory 20th
        count = n
        if self.case.category is _STANDARD:
            draft = nth_counted_day(self.cal, self.clock_started, n, self.disregarded)
        else:  # SI 2004/3364: the same distance before the category's own period
            category = CATEGORIES[self.case.category]
            count = category.working_days - lead
            draft = nth_counted_day(self.cal, self.clock_started, count, self.disregarded)
            why.append(f"{lead} working days before the category's {category.working_days}")
            if category.school_days is not None:
                by_school = self._school_days_after(self.clock_started, category.school_days - lead)
                if by_school < draft:
                    draft, count = by_school, category.school_days - lead
                    why.append("counted in school days")
        skipped = self.cal.working_days_between(self.clock_started, draft) - count
        if skipped and "counted in school days" not in why:  # the school count names its own skipped days
            why.append(f"{skipped} working days from fee notice to payment disregarded")
        if move and self.cal.add_working_days(self.extended_until, -lead) > draft:
            draft = self.cal.add_working_days(self.extended_until, -lead)
            why.append(f"moved with the extension: {lead} working days before it")
        return self._note("draft_due", draft, self.clock_started, count, "working days", "; ".join(why))

    def review_draft_due(self) -> date | None:
        """The internal review's draft deadline, when the policy gives the review one."""
        n = self.policy.drafts.review_working_day
        why = "the internal review's draft, the authority's own deadline"
        return self._working_days_after("draft_due", self.review_requested.on, n, why) if n else None

    def extension_cap(self, statutory_due: date) -> date:
        r = self.rules
        if r.extension == "pit":
            return self._working_days_after(
                "extension_cap",
                statutory_due,
                self.policy.pit_cap_working_days,
                "public interest test: a reasonable time, capped by the ICO",
            )
        if r.extension == "eir":
            why = "EIR reg 7(1): complex and voluminous"
            return self._counted_working_days("extension_cap", r.extension_limit, why)
        return self._months_after("extension_cap", self.clock_started, r.extension_limit)

    def _restart(self, on: date) -> None:
        """A new period runs from `on`: what paused or extended the old one no longer applies."""
        self.clock_started, self.paused, self.disregarded, self.extended_until = on, 0, [], None
        self.extension_unpaused = None

    def _clarification_too_late(self, on: date) -> date | None:
        """The last day asking for clarification could still have an effect, when `on` is after it."""
        window = self.rules.clarification_window
        if window == "period":  # UK GDPR Art 12A: an expired period (extension included) cannot be paused
            last = self.response_due()
        elif window == "20_working_days":  # EIR/EISR reg 9(2)(a): within 20 working days after receipt
            last = self.cal.add_working_days(self.clock_started, 20)
        else:
            return None
        return last if on > last else None

    def _await(self, stage: Stage, since: date, lapses_after: date, lapse_kind: ClosedReason) -> None:
        self.stage, self.awaiting_since, self.lapses_after, self.lapse_kind = stage, since, lapses_after, lapse_kind

    def _resume(self) -> None:
        self.stage, self.awaiting_since, self.lapses_after = Stage.awaiting_response, None, None

    @property
    def response_owed(self) -> bool:
        return self.responded is None and self.stage in _OWING

    # -- time passing --------------------------------------------------------------------------

    def _advance(self, day: date) -> None:
        """Let time act up to `day`: waits lapse and the review window closes."""
        if self.stage in _WAITING:
            if day > self.lapses_after:
                self._close(self.lapse_kind, self.lapses_after + timedelta(days=1))
        elif self.stage is Stage.review_window and day > self.review_request_deadline:
            self._close(ClosedReason.review_window_ended, self.review_request_deadline + timedelta(days=1))
        elif self.stage is _APPEAL_WINDOW and day > self.appeal_deadline:
            self._close(ClosedReason.regulator_decided, self.appeal_deadline + timedelta(days=1))

    def _close(self, reason: ClosedReason, on: date) -> None:
        self.stage, self.closed_reason, self.closed_on = Stage.closed, reason, on

    # -- events --------------------------------------------------------------------------------

    def _apply(self, e: Event) -> None:
        self._check_fields(e)
        if e.type in CLEARANCE:  # the authority's own approval step: no effect on the law (rules/clearance.py)
            if e.type is EventType.flag_for_clearance:
                self.flagged_for_clearance.append(e.on)
            return
        if not self._allowed(e):
            raise RuleViolation(self._refusal(e))
        _HANDLERS[e.type](self, e)

    def _allowed(self, e: Event) -> bool:
        t = e.type
        if t in _IDENTITY and not self.rules.identity:
            return False
        if t is _COMPLAINT:  # FOIA s50(2)(a), FOISA s47(1)(b): after the review, or its failure
            if self.rules.regulator is None:
                return False
            return (self.stage is Stage.closed and reopens(self.closed_reason, t)) or (
                self.stage is Stage.in_review
                and self.responded is not None
                and e.on > self._review_dates(self.review_requested.on)[1]
            )
        if self.appealed is not None and t is EventType.appealed:  # one appeal against the notice here
            return False
        if self.stage is Stage.in_review and self.responded is None:  # a review of a failure to respond
            return t in (EventType.responded, EventType.withdrawn)
        if t in _ALLOWED[self.stage]:
            return True
        if self.stage is Stage.awaiting_response:
            # a fee paid against a notice given out of time, clarification given after a late request for it;
            # a review of a failure to respond
            return (
                (t is EventType.fee_paid and self.late_fee_notice is not None)
                or (t is EventType.clarification_received and self.late_clarification is not None)
                or (t is EventType.review_requested and self.rules.review and e.on > self.response_due())
            )
        # a late review request is accepted at the authority's discretion (RULES: after the response)
        return self.stage is Stage.closed and reopens(self.closed_reason, t)

    def _refusal(self, e: Event) -> str:
        if e.type is EventType.complaint_received and self.rules.regulator is None:
            return f"complaint_received on {e.on}: the {self.rules.title} has no decision-notice stage here"
        if self.stage is Stage.closed:
            return f"{e.type} on {e.on}: the case closed on {self.closed_on} ({self.closed_reason})"
        if e.type is EventType.responded and self.responded is not None:
            return f"responded on {e.on}: the request was already answered on {self.responded.on}"
        if e.type is EventType.withdrawn and self.stage is Stage.review_window:
            return f"withdrawn on {e.on}: the request was answered on {self.responded.on}; nothing to withdraw"
        if (e.type in (EventType.review_requested, EventType.review_completed)) and not self.rules.review:
            return f"{e.type} on {e.on}: {self.rules.title} has no internal review stage"
        if e.type is EventType.review_requested and self.stage is Stage.awaiting_response:
            return (
                f"review_requested on {e.on}: the response is not due until {self.response_due()}; a review of a "
                "failure to respond can be asked for only after that"
            )
        if e.type is EventType.review_completed and self.stage is Stage.in_review:
            return f"review_completed on {e.on}: the response is still owed; record responded first"
        if e.type in (EventType.identity_requested, EventType.identity_received) and not self.rules.identity:
            return f"{e.type} on {e.on}: identity information is asked for only in subject access requests"
        if e.type is EventType.complaint_received and self.stage is Stage.in_review and self.responded is None:
            return f"complaint_received on {e.on}: the response is still owed; record responded first"
        if e.type is EventType.complaint_received and self.stage is Stage.in_review:
            limit = self._review_dates(self.review_requested.on)[1]
            return f"complaint_received on {e.on}: the internal review may still be answered until {limit}"
        if e.type is EventType.appealed and self.appealed is not None:
            return f"appealed on {e.on}: the decision notice was already appealed on {self.appealed.on}"
        why = _WHY_NOT.get(e.type, f"not allowed while the case is {_STAGE_PHRASE[self.stage]}")
        return f"{e.type} on {e.on}: {why}"

    def _check_fields(self, e: Event) -> None:
        if e.outcome is not None and e.type not in _OUTCOMES:
            raise RuleViolation(f"{e.type} on {e.on}: outcome is only for {', '.join(_OUTCOMES)}")
        if e.until is not None and e.type not in _DATED:
            raise RuleViolation(f"{e.type} on {e.on}: until is only for extended, decision_notice and appeal_decided")
        if e.exceptional and e.type is not EventType.extended:
            raise RuleViolation(f"{e.type} on {e.on}: exceptional is only for extended")
        if (
            e.outcome == ResponseOutcome.refused_repeated
            and e.type is EventType.responded
            and not self.rules.repeated_request
        ):
            raise RuleViolation(
                f"{e.type} on {e.on}: refused_repeated is a refusal under FOIA s14(2) or FOISA s14(2), not under "
                f"the {self.rules.title}; {_NO_REPEATED[self.case.regime]}"
            )
        if e.type in _OUTCOMES:
            _outcome(e, outcomes_of(e.type, self.case.regime))
        if e.until is not None and e.type is not EventType.extended and e.until <= e.on:
            raise RuleViolation(f"{e.type} on {e.on}: until {e.until} must be after the day itself")
        check_exemptions(self.case.regime, e)
        if (e.team is not None or e.changes is not None or e.type in CLEARANCE) and (problem := clearance_fields(e)):
            raise RuleViolation(problem)

    def _on_clarification_requested(self, e: Event) -> None:
        if last := self._clarification_too_late(e.on):
            self.late_clarification = e.on
            what = "particulars" if self.rules.clarification == "restart" else "clarification"
            effect = "restart" if self.rules.clarification == "restart" else "pause"
            self._find(e.on, f"{what} asked for after {last}, the last day to ask: the answer will {effect} nothing")
            return
        lapses = last_day_of_months_beginning_with(e.on, self.policy.clarification_lapse_months)
        self._await(Stage.awaiting_clarification, e.on, lapses, ClosedReason.lapsed_clarification)

    def _on_clarification_received(self, e: Event) -> None:
        if self.stage is Stage.awaiting_response:  # answering a request for it made out of time
            self._find(e.on, f"clarification given for the late request of {self.late_clarification}: no effect")
            self.late_clarification = None
            return
        if self.rules.clarification == "restart":  # FOIA s1(3), EIR reg 9(4), FOISA s1(3)
            self._restart(e.on)
        else:  # UK GDPR Art 12A: the period beginning with the day asked and ending with the day answered
            self.paused += (e.on - self.awaiting_since).days + 1
            if self.extension_unpaused is not None:  # the pause does not count towards the extended period
                self.extended_until = self._paused_extension()
        self._resume()

    def _paused_extension(self) -> date:
        """SAR: the extended date moved by every clarification pause, rolled to a working day (Art 12A)."""
        day = self.extension_unpaused + timedelta(days=self.paused)
        result = self.cal.on_or_after(day)
        note = f"the extension's date plus {self.paused} calendar days paused for clarification"
        return self._note("extended_until", result, self.extension_unpaused, self.paused, "calendar days", note)

    def _on_identity_requested(self, e: Event) -> None:
        lapses = last_day_of_months_beginning_with(e.on, self.policy.identity_lapse_months)
        self._await(Stage.awaiting_identity, e.on, lapses, ClosedReason.lapsed_identity)

    def _on_identity_received(self, e: Event) -> None:
        self._restart(e.on)  # Art 12(6), 12A: the month runs from the latest of request, identity and fee
        self._resume()

    def _on_fee_notice_issued(self, e: Event) -> None:
        r = self.rules
        if r.fees is None:
            raise RuleViolation(f"fee_notice_issued on {e.on}: fees do not stop the clock under the {r.title}")
        if r.fee_notice_in_time_only and e.on > (due := self.statutory_due()):
            # FOIA/FOISA s9(1), EIR reg 8(4): a notice may be given only within the time for compliance
            self.late_fee_notice = e.on
            self._find(e.on, f"fees notice given after the time for compliance ended on {due}: it disregards no days")
            return
        unit, n = r.fee_lapse
        if unit == "working_days":
            lapses = self.cal.add_working_days(e.on, n)
        else:
            lapses = last_day_of_months_beginning_with(e.on, n)
        self.late_fee_notice = None
        self._await(Stage.awaiting_fee, e.on, lapses, ClosedReason.lapsed_fee)

    def _on_fee_paid(self, e: Event) -> None:
        if self.stage is Stage.awaiting_response:  # paid against a late notice
            self._find(e.on, f"fee paid against the late notice of {self.late_fee_notice}: nothing is disregarded")
            self.late_fee_notice = None
            return
        if self.rules.fees == "restart":
            self._restart(e.on)
        else:
            self.disregarded.append((self.awaiting_since, e.on))
        self._resume()

    def _on_extended(self, e: Event) -> None:
        r = self.rules
        if r.extension is None:
            raise RuleViolation(f"extended on {e.on}: the {r.title} allows no extension of time")
        statutory_due = self.statutory_due()
        if e.on > statutory_due:
            # FOIA s10(3) with s17(1)-(2), EIR reg 7(3), UK GDPR Art 12(3): notified within the original period
            self._find(e.on, f"extension notified after the statutory due date {statutory_due}: it extends nothing")
            return
        cap = self.extension_cap(statutory_due)
        until = e.until
        if until is None:
            if r.extension == "pit":
                raise RuleViolation(f"extended on {e.on}: a public interest extension needs the date it runs until")
            until = cap
        if until <= statutory_due:
            raise RuleViolation(
                f"extended on {e.on}: until {until} is not after the statutory due date {statutory_due}"
            )
        if until > cap and not (r.extension == "pit" and e.exceptional):
            limit = {
                "pit": f"{self.policy.pit_cap_working_days} working days after the statutory due date",
                "eir": f"{r.extension_limit} working days from receipt",
                "sar": f"{r.extension_limit} months from receipt",
            }[r.extension]
            hint = "; mark it exceptional if it is" if r.extension == "pit" else ""
            raise RuleViolation(f"extended on {e.on}: until {until} is beyond {cap} ({limit}){hint}")
        self.extended_until = until
        if r.clarification == "pause":  # Art 12A: later pauses move the extended date too
            if e.until is None:
                self.extension_unpaused = add_months(self.clock_started, r.extension_limit)
            else:
                self.extension_unpaused = until - timedelta(days=self.paused)

    def _on_responded(self, e: Event) -> None:
        self.statutory_due_at_response = self.statutory_due()
        self.response_due_at_response = self.extended_until or self.statutory_due_at_response
        self.responded, self.late_fee_notice, self.late_clarification = e, None, None
        if self.stage is Stage.in_review:  # answered while a review of the failure to respond runs
            return
        if not self.rules.review:
            self._close(ClosedReason.responded, e.on)
            return
        self.stage = Stage.review_window
        window = self.rules.review_window
        if window == "policy" and self.policy.foia_review_window == "two_months":
            self.review_request_deadline = self._note(
                "review_request_deadline",
                add_months(e.on, 2),
                e.on,
                2,
                "calendar months",
                "the authority's published review procedure",
            )
        elif window == "40_working_days_after_expiry":  # FOISA s20(5)
            expiry = self.response_due_at_response
            start, why = (e.on, "a late response") if e.on > expiry else (expiry, "the expiry of the time allowed")
            self.review_request_deadline = self._working_days_after("review_request_deadline", start, 40, why)
        else:
            self.review_request_deadline = self._working_days_after("review_request_deadline", e.on, 40)

    def _on_review_requested(self, e: Event) -> None:
        if self.responded is None:  # FOISA s20(1), EIR reg 11(1), FOIA s45 Code: a failure to respond
            self.review_request_deadline = self._working_days_after(
                "review_request_deadline", self.response_due(), 40, "a review of a failure to respond"
            )
        self.review_requested = e
        self.stage, self.closed_reason, self.closed_on = Stage.in_review, None, None

    def _on_review_completed(self, e: Event) -> None:
        self.review_completed = e
        self._close(ClosedReason.review_completed, e.on)

    # The regulator's stage (RULES.md "After the review: the regulator"; docs/law.md section 3a).

    def _on_complaint_received(self, e: Event) -> None:
        self.complaint = e
        self.stage, self.closed_reason, self.closed_on = Stage.with_regulator, None, None

    def _steps_after(self, label: str, start: date) -> date:
        """The regulator's standard period for the steps, in calendar days (a policy per regulator)."""
        days = self.policy.ico_steps_days if self.rules.regulator == "ico" else self.policy.sic_steps_days
        return self._note(label, start + timedelta(days=days), start, days, "calendar days", "the regulator's standard")

    def _on_decision_notice(self, e: Event) -> None:
        self.notice = e
        days, to, rolls = self.rules.appeal
        last = e.on + timedelta(days=days)
        self.appeal_deadline = self._note(
            "appeal_deadline", self.cal.on_or_after(last) if rolls else last, e.on, days, "calendar days", to
        )
        if e.outcome in _STEPS:
            self.steps_due = e.until or self._steps_after("steps_due", e.on)
            self.stage = Stage.steps_required
        elif e.until is not None:
            raise RuleViolation(f"decision_notice on {e.on}: a notice that is {e.outcome} requires no steps, no until")
        else:
            self.stage = Stage.appeal_window

    def _on_appealed(self, e: Event) -> None:
        self.appealed, self.stage = e, Stage.under_appeal  # FOIA s50(6): the steps wait for the appeal

    def _on_appeal_decided(self, e: Event) -> None:
        self.appeal_decided = e
        stood = e.outcome == AppealOutcome.dismissed and self.notice.outcome in _STEPS
        if e.until is not None:
            self.steps_due, self.stage = e.until, Stage.steps_required
        elif stood:  # the notice stands: its steps are due again, its standard period from the decision
            self.steps_due, self.stage = self._steps_after("steps_due", e.on), Stage.steps_required
        else:
            self.steps_due = None
            self._close(ClosedReason.appeal_decided, e.on)

    def _on_complied(self, e: Event) -> None:
        self.complied = e
        self._close(ClosedReason.complied, e.on)

    def _on_withdrawn(self, e: Event) -> None:
        self.withdrawn_while_owed = self.response_owed
        self._close(ClosedReason.withdrawn, e.on)

    # -- the answer ----------------------------------------------------------------------------

    def finish(self, as_of: date) -> Evaluation:
        if as_of < self.last_event_on:
            raise RuleViolation(f"as_of {as_of} is before the last event ({self.last_event_on})")
        self._advance(as_of)
        out = {"regime": self.case.regime, "received": self.case.received, "as_of": as_of, "stage": self.stage}
        self._response(as_of, out)
        self._draft(as_of, out)
        self._answer(out)
        out["awaiting_since"], out["lapses_after"] = self.awaiting_since, self.lapses_after
        self._review(as_of, out)
        self._completion(as_of, out)
        self._closing(out)
        if self.complaint is not None:  # otherwise the regulator's keys keep their defaults (None, False, 0)
            self._regulator(as_of, out)
        return Evaluation.model_validate(out)

    # The parts of the answer, each writing a few keys of the calc contract into `out`.

    def _response(self, as_of: date, out: dict) -> None:
        """The response's deadline as it stands, and whether it is overdue."""
        statutory_due = response_due = None
        if self.responded is not None:
            statutory_due, response_due = self.statutory_due_at_response, self.response_due_at_response
        elif self.response_owed or (self.closed_reason is ClosedReason.withdrawn and self.withdrawn_while_owed):
            statutory_due = self.statutory_due()
            response_due = self.extended_until or statutory_due
        overdue = self.response_owed and as_of > response_due
        out["clock_started"] = self.clock_started
        out["statutory_due"], out["response_due"] = statutory_due, response_due
        out["extended_until"], out["overdue"] = self.extended_until, overdue
        out["working_days_overdue"] = self.cal.working_days_between(response_due, as_of) if overdue else 0

    def _draft(self, as_of: date, out: dict) -> None:
        """The internal draft deadline (rules/drafts.py): the internal review's while one is asked for after the
        response and the policy gives it one, else the response's whenever the statutory date is shown."""
        due: date | None = None
        of: DraftOf | None = None
        if self.review_requested is not None and self.responded is not None:
            due = self.review_draft_due()
            of = "review" if due is not None else None
        if of is None and out["statutory_due"] is not None:
            due, of = self.draft_due(), "response"
        owed = self.response_owed if of == "response" else self.stage is Stage.in_review
        since = self.review_requested.on if of == "review" else self.case.received
        submitted = next((on for on in self.flagged_for_clearance if on >= since), None) if of else None
        out["draft_due"], out["draft_of"], out["draft_submitted"] = due, of, submitted
        out["draft_late"] = of is not None and owed and submitted is None and as_of > due

    def _answer(self, out: dict) -> None:
        """The response given: when, what, how timely, and on which of the 20 working days."""
        e = self.responded
        if e is None:
            out["responded_on"] = out["response_outcome"] = out["response_in_time"] = None
            out["response_timeliness"] = out["responded_working_day"] = None
            return
        statutory_due, response_due = out["statutory_due"], out["response_due"]
        in_time = e.on <= response_due
        if e.on <= statutory_due:
            timeliness = ResponseTimeliness.in_time
        else:
            timeliness = ResponseTimeliness.within_extension if in_time else ResponseTimeliness.late
        day = None
        if self.rules.counting == "working_days":  # the day's number among the 20, disregarded days not counted
            day = self.cal.working_days_between(self.clock_started, e.on) - self._disregarded_after(self.clock_started)
        out["responded_on"], out["response_outcome"], out["response_in_time"] = e.on, e.outcome, in_time
        out["response_timeliness"], out["responded_working_day"] = timeliness, day

    def _review(self, as_of: date, out: dict) -> None:
        """The internal review asked for: in time or not, its target and limit, whether it is overdue."""
        asked = self.review_requested
        out["review_request_deadline"] = self.review_request_deadline
        if asked is None:
            out["review_requested_on"] = out["review_requested_in_time"] = None
            out["review_due"] = out["review_latest_due"] = None
            out["review_overdue"], out["review_working_days_overdue"] = False, 0
            return
        out["review_requested_on"] = asked.on
        out["review_requested_in_time"] = asked.on <= self.review_request_deadline
        due, out["review_latest_due"] = self._review_dates(asked.on, note=True)
        out["review_due"] = due
        overdue = self.stage is Stage.in_review and as_of > due
        out["review_overdue"] = overdue
        out["review_working_days_overdue"] = self.cal.working_days_between(due, as_of) if overdue else 0

    def _review_dates(self, asked: date, note: bool = False) -> tuple[date, date]:
        """The internal review's target and limit for a review asked for on `asked`."""
        r = self.rules
        if not note:
            return self.cal.add_working_days(asked, r.review_target), self.cal.add_working_days(asked, r.review_limit)
        due = self._working_days_after("review_due", asked, r.review_target, "target")
        return due, self._working_days_after("review_latest_due", asked, r.review_limit, "limit")

    def _completion(self, as_of: date, out: dict) -> None:
        """The review's outcome, whether it met its target and limit, and the regulator's deadline."""
        done = self.review_completed
        if done is None:
            out["review_completed_on"] = out["review_outcome"] = out["review_completed_within_target"] = None
            out["review_completed_within_limit"] = out["complaint_deadline"] = out["complaint_to"] = None
            latest = out["review_latest_due"]
            if latest is not None and as_of > latest and self.stage in _REVIEW_UNANSWERED:
                unit, n = self.rules.complaint or ("weeks", 0)
                if unit == "months":  # FOISA s47(4)(b): never answered, the months run from the time's expiry
                    deadline = add_months(latest, n)
                    why = "the review was not answered in time"
                    out["complaint_deadline"] = self._note("complaint_deadline", deadline, latest, n, unit, why)
                    out["complaint_to"] = self.rules.complaint_to
            return
        unit, n = self.rules.complaint
        deadline = done.on + timedelta(weeks=n) if unit == "weeks" else add_months(done.on, n)
        out["review_completed_on"], out["review_outcome"] = done.on, done.outcome
        out["review_completed_within_target"] = done.on <= out["review_due"]
        out["review_completed_within_limit"] = done.on <= out["review_latest_due"]
        out["complaint_deadline"] = self._note("complaint_deadline", deadline, done.on, n, unit)
        out["complaint_to"] = self.rules.complaint_to

    def _closing(self, out: dict) -> None:
        """How the case closed, or the day time alone will change its stage."""
        changes_on = None
        if self.stage in _WAITING:
            changes_on = self.lapses_after + timedelta(days=1)
        elif self.stage is Stage.review_window:
            changes_on = self.review_request_deadline + timedelta(days=1)
        elif self.stage is _APPEAL_WINDOW:
            changes_on = self.appeal_deadline + timedelta(days=1)
        out["closed_reason"], out["closed_on"], out["stage_changes_on"] = self.closed_reason, self.closed_on, changes_on

    def _regulator(self, as_of: date, out: dict) -> None:
        """The regulator's stage: the complaint, the decision notice, its steps and the appeal."""
        notice, appealed, decided, complied = self.notice, self.appealed, self.appeal_decided, self.complied
        overdue = self.stage is Stage.steps_required and as_of > self.steps_due
        out["complaint_received_on"] = self.complaint.on
        out["decision_notice_on"] = notice and notice.on
        out["decision_outcome"] = notice and notice.outcome
        out["steps_due"], out["steps_overdue"] = self.steps_due, overdue
        out["steps_working_days_overdue"] = self.cal.working_days_between(self.steps_due, as_of) if overdue else 0
        out["appeal_deadline"], out["appeal_to"] = self.appeal_deadline, notice and self.rules.appeal[1]
        out["appealed_on"] = appealed and appealed.on
        out["appealed_in_time"] = appealed and appealed.on <= self.appeal_deadline
        out["appeal_decided_on"], out["appeal_outcome"] = decided and decided.on, decided and decided.outcome
        out["complied_on"] = complied and complied.on
        out["complied_in_time"] = complied and complied.on <= self.steps_due


_HANDLERS = {t: getattr(_Run, f"_on_{t.value}") for t in EventType if t not in CLEARANCE}  # each one's handler


def _outcome(e: Event, allowed: tuple) -> None:
    if e.outcome is None:
        raise RuleViolation(f"{e.type} on {e.on}: needs an outcome ({', '.join(allowed)})")
    if e.outcome not in allowed:
        raise RuleViolation(f"{e.type} on {e.on}: unknown outcome '{e.outcome}' (one of {', '.join(allowed)})")


def regime_of(name: str) -> Regime:
    try:
        return Regime(name)
    except ValueError:
        raise RuleViolation(f"unknown regime '{name}' (one of {', '.join(Regime)})") from None


def outcomes_of(kind: EventType, regime: Regime | None = None) -> tuple | None:
    """The outcomes an event of `kind` is recorded with (members of an enum), or None when it takes none.
    Given a `regime`, a response's outcomes are those the regime has (`response_outcomes`)."""
    if kind is EventType.responded and regime is not None:
        return response_outcomes(regime)
    return tuple(_OUTCOMES[kind]) if kind in _OUTCOMES else None


def response_outcomes(regime: Regime) -> tuple[ResponseOutcome, ...]:
    """The outcomes a response under `regime` may be recorded with: `refused_repeated` only where the
    regime has a repeated-request refusal (`RegimeRules.repeated_request`)."""
    return _RESPONSE_OUTCOMES[regime]


_RESPONSE_OUTCOMES = {
    r: tuple(o for o in ResponseOutcome if rules.repeated_request or o is not ResponseOutcome.refused_repeated)
    for r, rules in REGIMES.items()
}


def takes_until(kind: EventType) -> bool:
    """Whether an event of `kind` may carry a date `until` (an extension's, or the regulator's steps')."""
    return kind in _DATED


def offered(ev: Evaluation) -> list[EventType]:
    """The events a case standing at `ev` can take next, for a form to offer (the engine still decides:
    a review of a failure to respond is offered once the response is late; a fee paid against a notice
    given out of time is not offered, and is recorded by amending)."""
    rules = REGIMES[ev.regime]
    if ev.stage is Stage.in_review and ev.responded_on is None:
        types = {EventType.responded, EventType.withdrawn}
    else:
        types = set(_ALLOWED[ev.stage])
    if ev.stage is Stage.awaiting_response and rules.review and ev.overdue:
        types.add(EventType.review_requested)
    if ev.stage is Stage.closed:
        types |= {t for t in EventType if reopens(ev.closed_reason, t)}
    if not rules.identity:
        types -= {EventType.identity_requested, EventType.identity_received}
    if rules.extension is None:  # FOISA: no extension of time
        types.discard(EventType.extended)
    if not rules.review:
        types -= {EventType.review_requested, EventType.review_completed}
    return [t for t in EventType if t in types]
