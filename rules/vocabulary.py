"""The case's vocabulary as plain enums: the kinds of event, the outcomes and the stages (the calc
contract's strings; each member equals its string). Nothing here needs pydantic, so the command line can
declare its arguments (`record EVENT`) without loading the engine; `rules.models` builds on them."""

from __future__ import annotations

from enum import StrEnum


class EventType(StrEnum):
    clarification_requested = "clarification_requested"
    clarification_received = "clarification_received"
    fee_notice_issued = "fee_notice_issued"
    fee_paid = "fee_paid"
    extended = "extended"
    responded = "responded"
    withdrawn = "withdrawn"
    review_requested = "review_requested"
    review_completed = "review_completed"
    identity_requested = "identity_requested"
    identity_received = "identity_received"
    complaint_received = "complaint_received"  # the regulator has the case (after the review)
    decision_notice = "decision_notice"  # the regulator's decision; `until`: the date its steps are due by
    appealed = "appealed"  # against the decision notice, by either party
    appeal_decided = "appeal_decided"  # `until`: a new date for the steps, where the decision sets one
    complied = "complied"  # the steps the decision notice required are taken
    # Clearance (rules/clearance.py): the authority's own approval of an answer, no effect on the law
    flag_for_clearance = "flag_for_clearance"  # `team`: the approving team asked to clear the answer
    cleared = "cleared"  # by a member of the approving team
    returned = "returned"  # by a member of the approving team; `changes`: what is to change


class ResponseOutcome(StrEnum):
    granted = "granted"
    part_withheld = "part_withheld"
    withheld = "withheld"
    not_held = "not_held"
    ncnd = "ncnd"
    refused_cost = "refused_cost"
    refused_vexatious = "refused_vexatious"
    refused_repeated = "refused_repeated"  # a repeated request: FOIA and FOISA s14(2) only (rules.regimes)


class ReviewOutcome(StrEnum):
    upheld = "upheld"
    partly_upheld = "partly_upheld"
    overturned = "overturned"


class RegulatorOutcome(StrEnum):
    """The regulator's decision on the complaint, as its decision notices word it."""

    upheld = "upheld"  # steps required
    partly_upheld = "partly_upheld"  # steps required
    breach_only = "breach_only"  # a breach found (a late response, say) but no steps required
    not_upheld = "not_upheld"  # no steps


class AppealOutcome(StrEnum):
    dismissed = "dismissed"  # the decision notice stands
    allowed = "allowed"  # the decision notice is set aside or substituted


class Stage(StrEnum):
    awaiting_response = "awaiting_response"
    awaiting_clarification = "awaiting_clarification"
    awaiting_fee = "awaiting_fee"
    awaiting_identity = "awaiting_identity"
    review_window = "review_window"
    in_review = "in_review"
    with_regulator = "with_regulator"  # a complaint the regulator has not yet decided
    steps_required = "steps_required"  # a decision notice's steps are to be taken
    appeal_window = "appeal_window"  # a decision notice requiring no steps, while it may still be appealed
    under_appeal = "under_appeal"  # the steps wait for the appeal (FOIA s50(6))
    closed = "closed"
