"""Whether the person completing an internal review took part in the original handling (the s45 Code of
Practice asks that a review be carried out by someone not involved in the original decision where
practicable; the seed's reviewer writes "I was not involved in the initial handling of your request").

A part in the original handling is any event of it recorded by that person (not voided: a voided entry
was a mistake) or having been the case's officer before the review was asked for. Pure, for the case
workflow's validator; an actor who is not a registered person (`os:<user>`, before anyone is registered)
or an update from before authors were kept cannot be judged, and is let through."""

from __future__ import annotations

from messages import Entry
from rules import EventType
from workflows.corrections import described


def original_handling(entries: list[Entry]) -> list[Entry]:
    """The entries before the (last) review request still standing: the handling a review looks at."""
    asked = [i for i, e in enumerate(entries) if e.void is None and e.event.type is EventType.review_requested]
    return entries[: asked[-1]] if asked else list(entries)


def involvement(actor: str | None, entries: list[Entry], officers: set[str]) -> str | None:
    """`actor`'s part in the original handling, as one phrase, or None when they had none."""
    if actor is None or actor.startswith("os:"):
        return None
    for number, entry in enumerate(original_handling(entries), 1):
        if entry.void is None and entry.by == actor:
            return f"recorded {described(entry.event)} (event {number})"
    if actor in officers:
        return "was the case's officer"
    return None
