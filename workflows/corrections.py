"""What makes a void or an amendment of a recorded entry impossible before the law is even asked:
an entry that does not exist, one already voided, an amendment that changes nothing or changes the
kind of event (void it and record the right one instead). Pure, for the case workflow's validators."""

from __future__ import annotations

from messages import Entry
from rules import Event


def described(e: Event) -> str:
    return f"{e.type.value} on {e.on.isoformat()}"


def _entry_problem(entries: list[Entry], number: int) -> str | None:
    if not 1 <= number <= len(entries):
        return f"no event {number}: the case has {len(entries)} (numbered as show numbers them)"
    entry = entries[number - 1]
    if entry.void is not None:
        return f"event {number} ({described(entry.event)}) is already voided"
    return None


def void_problem(entries: list[Entry], number: int) -> str | None:
    return _entry_problem(entries, number)


def amend_problem(entries: list[Entry], number: int, event: Event) -> str | None:
    problem = _entry_problem(entries, number)
    if problem:
        return problem
    was = entries[number - 1].event
    if event.type is not was.type:
        kind = was.type.value
        return f"event {number} is {kind}: an amendment keeps the kind of event (void it and record the right one)"
    if event == was:
        return f"the amendment changes nothing: event {number} already reads {described(was)} with these details"
    return None
