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


class ResponseOutcome(StrEnum):
    granted = "granted"
    part_withheld = "part_withheld"
    withheld = "withheld"
    not_held = "not_held"
    ncnd = "ncnd"
    refused_cost = "refused_cost"
    refused_vexatious = "refused_vexatious"


class ReviewOutcome(StrEnum):
    upheld = "upheld"
    partly_upheld = "partly_upheld"
    overturned = "overturned"


class Stage(StrEnum):
    awaiting_response = "awaiting_response"
    awaiting_clarification = "awaiting_clarification"
    awaiting_fee = "awaiting_fee"
    awaiting_identity = "awaiting_identity"
    review_window = "review_window"
    in_review = "in_review"
    closed = "closed"
