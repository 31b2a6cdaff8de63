"""How a case ended and how timely its response was: the values `Evaluation.closed_reason` and
`Evaluation.response_timeliness` take (the calc contract's strings; each member equals its string)."""

from __future__ import annotations

from enum import StrEnum


class ClosedReason(StrEnum):
    responded = "responded"  # a regime with no internal review closes on the response
    review_window_ended = "review_window_ended"  # no review asked for in time (a late request reopens it)
    review_completed = "review_completed"
    withdrawn = "withdrawn"
    lapsed_clarification = "lapsed_clarification"  # no clarification arrived in the lapse period
    lapsed_fee = "lapsed_fee"  # no fee paid in the lapse period
    lapsed_identity = "lapsed_identity"  # subject access: no identity information in the lapse period
    complied = "complied"  # the regulator's steps taken
    regulator_decided = "regulator_decided"  # a decision notice with no steps, not appealed in time
    appeal_decided = "appeal_decided"  # an appeal decided, leaving no steps to take


LAPSED = frozenset({ClosedReason.lapsed_clarification, ClosedReason.lapsed_fee, ClosedReason.lapsed_identity})


class ResponseTimeliness(StrEnum):
    in_time = "in_time"  # by the statutory due date
    within_extension = "within_extension"  # after it, but by a permitted extension
    late = "late"
