"""The case as the law sees it: events in, evaluation out (the calc contract's vocabulary)."""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from rules.categories import Category
from rules.citations import normalise
from rules.outcomes import ClosedReason, ResponseTimeliness
from rules.plain_text import PlainLine
from rules.regimes import Regime
from rules.vocabulary import AppealOutcome, EventType, RegulatorOutcome, ResponseOutcome, ReviewOutcome, Stage

HOLIDAY_NAME_LIMIT = 100


class RuleViolation(ValueError):
    """A history the law does not allow; its message is one line meant for a case officer."""


class Event(BaseModel):
    """One thing that happened to a case, on a date. `outcome`, `until`, `exceptional` only where
    the event type takes them; `exemptions` (citations, stored normalised) and `public_interest_test`
    only on `responded` and `review_completed` (`rules.exemptions` checks them). Every field after
    `on` has a default, so histories recorded before a field existed still parse. `team` and `changes`
    belong to the clearance events (`rules.clearance`), which the engine gives no effect."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    type: EventType
    on: date
    outcome: str | None = None
    until: date | None = None
    exceptional: bool = False
    exemptions: tuple[str, ...] = ()
    public_interest_test: bool = False
    team: str | None = Field(None, max_length=100)
    """`flag_for_clearance` only: the approving team (rules/clearance.py)."""
    changes: str | None = Field(None, max_length=2000)
    """`returned` only: what the approving team asks to change (rules/clearance.py)."""

    @field_validator("exemptions")
    @classmethod
    def _normalised(cls, cited: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(dict.fromkeys(normalise(c) for c in cited if str(c).strip()))


class ProclaimedDay(BaseModel):
    """A non-working day the holidays package does not know yet (a newly proclaimed bank holiday).

    `region`: `uk` for the whole UK, or one part (ENG, WLS, SCT, NIR); FOISA counts only `uk`
    and SCT days. `SCH`: a day that is not a school day at the authority's school, which only the
    school count of a `school` case skips (SI 2004/3364 reg 3). `name`: at most HOLIDAY_NAME_LIMIT
    characters, one line: every running case carries the names of its calendar's days in its state, so
    what a person types there must stay small.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    on: date
    name: PlainLine = Field("Proclaimed bank holiday", min_length=1, max_length=HOLIDAY_NAME_LIMIT)
    region: Literal["uk", "ENG", "WLS", "SCT", "NIR", "SCH"] = "uk"


class Case(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    regime: Regime
    received: date
    events: list[Event] = []
    category: Category = Category.standard
    """The Time for Compliance Regulations' category (FOIA only; `rules.categories`)."""


class Evaluation(BaseModel):
    """Where a case stands on `as_of`: the calc contract's output. Null where not applicable yet."""

    regime: Regime
    received: date
    as_of: date
    stage: Stage
    clock_started: date | None
    statutory_due: date | None
    response_due: date | None
    extended_until: date | None
    overdue: bool
    working_days_overdue: int
    responded_on: date | None
    response_outcome: ResponseOutcome | None
    response_in_time: bool | None
    response_timeliness: ResponseTimeliness | None
    responded_working_day: int | None
    awaiting_since: date | None
    lapses_after: date | None
    review_request_deadline: date | None
    review_requested_on: date | None
    review_requested_in_time: bool | None
    review_due: date | None
    review_latest_due: date | None
    review_overdue: bool
    review_working_days_overdue: int
    review_completed_on: date | None
    review_outcome: ReviewOutcome | None
    review_completed_within_target: bool | None
    review_completed_within_limit: bool | None
    complaint_deadline: date | None
    complaint_to: str | None
    closed_reason: ClosedReason | None
    closed_on: date | None
    stage_changes_on: date | None
    # After the review: the regulator (defaults, so evaluations stored before these keys still parse)
    complaint_received_on: date | None = None
    decision_notice_on: date | None = None
    decision_outcome: RegulatorOutcome | None = None
    steps_due: date | None = None
    steps_overdue: bool = False
    steps_working_days_overdue: int = 0
    appeal_deadline: date | None = None
    appeal_to: str | None = None
    appealed_on: date | None = None
    appealed_in_time: bool | None = None
    appeal_decided_on: date | None = None
    appeal_outcome: AppealOutcome | None = None
    complied_on: date | None = None
    complied_in_time: bool | None = None
    # Internal (draft) deadlines, rules/drafts.py (defaults, so evaluations stored before them still parse)
    draft_due: date | None = None
    draft_of: Literal["response", "review"] | None = None
    draft_late: bool = False
    draft_submitted: date | None = None
    """The day the draft went for clearance (the first `flag_for_clearance` of its stage): the draft is done."""

    @property
    def running_due(self) -> date | None:
        """The deadline the running clock heads for: the response, the review target, or the regulator's steps."""
        running = {Stage.awaiting_response: self.response_due, Stage.in_review: self.review_due}
        return (running | {Stage.steps_required: self.steps_due}).get(self.stage)

    @property
    def response_owed_by(self) -> date | None:
        """The response deadline while a response is still owed (also during a review of a non-response)."""
        owed = self.responded_on is None and self.stage in (Stage.awaiting_response, Stage.in_review)
        return self.response_due if owed else None

    @property
    def draft_owed_by(self) -> date | None:
        """The internal draft deadline while the draft is still owed: the response's while the response is
        owed, the review's while the review runs; none once the draft has gone for clearance."""
        if self.draft_submitted is not None:
            return None
        if self.draft_of == "response":
            return self.draft_due if self.response_owed_by is not None else None
        if self.draft_of == "review":
            return self.draft_due if self.stage is Stage.in_review else None
        return None

    @property
    def review_target(self) -> date | None:
        """The internal review's target date while the review runs."""
        return self.review_due if self.stage is Stage.in_review else None
