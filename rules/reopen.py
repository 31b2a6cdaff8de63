"""The rules by which a closed case takes another event: a review requested after the review window
ended is late but accepted (RULES.md: "record it as late, do not refuse it"), and reopens the case; a
complaint the regulator received after the internal review (FOIA s50, FOISA s47) reopens it too."""

from __future__ import annotations

from rules.models import EventType
from rules.outcomes import ClosedReason


def reopens(closed_reason: str | None, event_type: EventType) -> bool:
    """True when an event of `event_type` reopens a case closed for `closed_reason`."""
    if event_type is EventType.complaint_received:
        return closed_reason == ClosedReason.review_completed
    return event_type is EventType.review_requested and closed_reason == ClosedReason.review_window_ended
