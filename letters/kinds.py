"""The letters there are, each with the event it is about: light to import (no engine, no docxtpl), so the
command line can offer the kinds in `letter --help` quickly."""

from __future__ import annotations

from rules.vocabulary import EventType

KINDS: dict[str, EventType | None] = {
    "acknowledgement": None,
    "clarification": EventType.clarification_requested,
    "fees_notice": EventType.fee_notice_issued,
    "extension": EventType.extended,
    "response": EventType.responded,
    "review_acknowledgement": EventType.review_requested,
    "review_outcome": EventType.review_completed,
}
"""Each letter and the event it is about (None: the receipt)."""
