"""The one rule by which a closed case takes another event: a review requested after the review window
ended is late but accepted (RULES.md: "record it as late, do not refuse it"), and reopens the case."""

from __future__ import annotations

from rules.models import EventType
from rules.outcomes import ClosedReason


def reopens(closed_reason: str | None, event_type: EventType) -> bool:
    """True when an event of `event_type` reopens a case closed for `closed_reason`."""
    return event_type is EventType.review_requested and closed_reason == ClosedReason.review_window_ended
