"""Clearance: an answer approved by another team (a press office, a private office) before it goes out.

This is the authority's own procedure, not the law: the engine gives the three events no effect, and
nothing here moves or hides a statutory date. The case officer flags the case for clearance by a named
approving team (`flag_for_clearance`, with `team`); a member of that team records `cleared`, or
`returned` with what to change (`changes`); after a return the officer resubmits by flagging again.

- Clearance is **pending** from the flag until it is cleared, or until an answer goes out (`ANSWERS`):
  with the approving team, or returned to the officer. While it is pending no answer may be recorded,
  unless a manager overrides with a reason (`answer_problem`).
- Each step has an internal deadline (`ClearancePolicy`, settings `FOI_CLEARANCE__...`): the approving
  team clears or returns within `clear_within_days` working days of the flag; after a return the officer
  resubmits within `resubmit_within_days` working days. Each has a reminder on its day and an alarm the
  working day after (`alarms`).
- A **round** runs from the first flag to the `cleared` that ends it, returns and resubmissions included;
  the statistics count rounds (`rounds`).

- A **correction** (a void or an amendment) must leave the history consistent with these rules, read in the
  order the events were recorded (`correction_problem`): voiding the `cleared` that let a response go out
  without an override is refused with one line naming the later event to correct first; so is voiding a
  flag a `cleared` or `returned` answered, or giving such a flag another team. A clearance alarm a
  correction proves wrong (`contradiction`) is withdrawn, as a statutory one is.

Pure: the case workflow's validators call `problem`, `answer_problem` and `correction_problem`, its loop
`alarms` and `contradiction`; the engine
calls `check_fields`; the statistics call `rounds`; the workbench's record form offers `offered`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from pydantic import BaseModel, ConfigDict, Field

from rules.alarms import Alarm, AlarmKind
from rules.calendar import Calendar
from rules.vocabulary import EventType, Stage

FLAG, CLEARED, RETURNED = EventType.flag_for_clearance, EventType.cleared, EventType.returned
CLEARANCE = frozenset({FLAG, CLEARED, RETURNED})
"""The clearance events: the engine gives them no effect on any statutory date."""

ANSWERS = frozenset({EventType.responded, EventType.review_completed})
"""The events that answer the requester: the response (a refusal is a response with a refusing outcome)
and the internal review's outcome. Each goes out as a letter (`letters.kinds`), so each may need clearing."""

OWING = frozenset(
    {
        Stage.awaiting_response,
        Stage.awaiting_clarification,
        Stage.awaiting_fee,
        Stage.awaiting_identity,
        Stage.in_review,
    }
)
"""The stages in which an answer is still to go out (the response, or the internal review's outcome)."""


class ClearancePolicy(BaseModel):
    """The internal deadlines of clearance (settings `FOI_CLEARANCE__...`). Internal only: never a statutory date."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    clear_within_days: int = Field(
        3, ge=1, description="Working days after the flag within which the approving team clears or returns it."
    )
    resubmit_within_days: int = Field(
        2, ge=1, description="Working days after a return within which the officer resubmits (flags again)."
    )


@dataclass(frozen=True)
class Pending:
    """Clearance not yet given: `team`'s, asked for on `flagged` (the latest flag, entry `number` among the
    events given, from 1); `returned` the day the team sent it back, if it did (the officer's move then)."""

    team: str
    flagged: date
    number: int
    returned: date | None = None


@dataclass(frozen=True)
class Round:
    """One clearance from the first flag to the `cleared` that ended it (`cleared` None: not yet cleared, or,
    with `overridden`, overtaken by an answer sent with a manager's override), with the returns on the way."""

    team: str
    flagged: date
    cleared: date | None
    returns: int
    overridden: bool = False


def check_fields(e) -> str | None:
    """The engine's hook: `team` only on a flag (and needed there), `changes` only on a return (and needed)."""
    if e.type is FLAG and not (e.team or "").strip():
        return f"flag_for_clearance on {e.on}: name the approving team (--team NAME)"
    if e.team is not None and e.type is not FLAG:
        return f"{e.type} on {e.on}: team is only for flag_for_clearance"
    if e.type is RETURNED and not (e.changes or "").strip():
        return f"returned on {e.on}: say what is to change (--changes TEXT)"
    if e.changes is not None and e.type is not RETURNED:
        return f"{e.type} on {e.on}: changes are only for returned"
    return None


def pending(events: list) -> Pending | None:
    """The clearance pending after `events` (the history not voided, in order), or None."""
    state: Pending | None = None
    for number, e in enumerate(events, 1):
        if e.type is FLAG:
            state = Pending(team=e.team, flagged=e.on, number=number)
        elif e.type is RETURNED and state is not None:
            state = Pending(team=state.team, flagged=state.flagged, number=state.number, returned=e.on)
        elif e.type is CLEARED or e.type in ANSWERS:
            state = None
    return state


def problem(events: list, event, stage: Stage, actor: str | None, actor_teams: list[str] | None) -> str | None:
    """Why `event` (a clearance event) cannot follow `events`, the case standing at `stage`, as one line, or
    None. `actor_teams`: the teams of the person recording it (None: not known, before anyone is registered,
    and not judged)."""
    if event.type is FLAG and stage not in OWING:
        return f"flag_for_clearance on {event.on}: no answer is owed while the case is {stage.value}"
    turn = _turn_problem(events, event)
    if turn or event.type not in (CLEARED, RETURNED):
        return turn
    now = pending(events)
    if actor_teams is not None and now.team not in actor_teams:
        return f"{actor} is not a member of '{now.team}', the approving team, so cannot record {event.type}"
    return None


def _turn_problem(events: list, event) -> str | None:
    """Why clearance event `event` is out of turn after `events` (whoever records it, at any stage), or None."""
    now = pending(events)
    if event.type is FLAG:
        if now is not None and now.returned is None:
            return (
                f"flag_for_clearance on {event.on}: already awaiting clearance by '{now.team}' since {now.flagged} "
                f"(event {now.number})"
            )
        return None
    if event.type not in (CLEARED, RETURNED):
        return None
    if now is None:
        return f"{event.type} on {event.on}: no clearance is pending (record flag_for_clearance first)"
    if now.returned is not None:
        return (
            f"{event.type} on {event.on}: clearance by '{now.team}' was returned on {now.returned}; the officer "
            "resubmits it with flag_for_clearance"
        )
    return None


def _first_inconsistency(entries: list) -> tuple[int, str] | None:
    """The first entry (numbered from 1) of `entries` (with `event`, `void` and `clearance_override`, in the
    order recorded) out of turn for clearance, or an answer while clearance was pending with no override:
    (number, why), or None."""
    events: list = []
    for number, entry in enumerate(entries, 1):
        if entry.void is not None:
            continue
        e = entry.event
        why = None
        if e.type in CLEARANCE and (turn := _turn_problem(events, e)):
            why = "out of turn: " + turn.split(": ", 1)[1]
        elif e.type in ANSWERS and entry.clearance_override is None and (now := pending(events)) is not None:
            why = f"an answer while clearance by '{now.team}' was pending, with no manager's override"
        if why:
            return number, why
        events.append(e)
    return None


@dataclass(frozen=True)
class _Corrected:
    """An entry as a correction would leave it (what `_first_inconsistency` reads of one)."""

    event: object
    void: object
    clearance_override: object


def correction_problem(before: list, number: int, replacement=None) -> str | None:
    """Why voiding entry `number` of `before` (the entries, with `event`, `void` and `clearance_override`),
    or amending its event to `replacement`, would leave the history inconsistent with clearance's rules, as
    one line naming the later event to correct first; or None. A history already inconsistent before is
    not held against the correction."""
    if _first_inconsistency(before) is not None:
        return None
    after = [_Corrected(e.event, e.void, e.clearance_override) for e in before]
    old = after[number - 1]
    if replacement is None:
        after[number - 1] = _Corrected(old.event, "voided", old.clearance_override)
    else:
        after[number - 1] = _Corrected(replacement, old.void, old.clearance_override)
    what = "voided" if replacement is None else "amended"
    found = _first_inconsistency(after)
    if found is None:
        was, now = before[number - 1].event, after[number - 1]
        if was.type is not FLAG or now.void is not None or now.event.team == was.team:
            return None
        answered = _answered(after, number)
        if answered is None:
            return None
        later, e = answered
        return (
            f"event {number} cannot be amended to another team: event {later} ({e.type.value} on {e.on.isoformat()}) "
            f"was recorded by '{was.team}'; correct event {later} first"
        )
    later, why = found
    e = after[later - 1].event
    return (
        f"event {number} cannot be {what}: event {later} ({e.type.value} on {e.on.isoformat()}) would then be "
        f"{why}; correct event {later} first"
    )


def _answered(entries: list, number: int) -> tuple[int, object] | None:
    """The `cleared` or `returned` (number, event) that answered the flag at entry `number`, or None."""
    for later, entry in enumerate(entries[number:], number + 1):
        if entry.void is not None:
            continue
        if entry.event.type is FLAG:
            return None
        if entry.event.type in (CLEARED, RETURNED):
            return later, entry.event
    return None


def contradiction(alarm: Alarm, known: list, cal: Calendar, policy: ClearancePolicy, revised: list[str]) -> str | None:
    """Why a clearance `alarm` delivered is now shown wrong by the corrections `revised` since (a void or an
    amendment, as told), or None when it stands: `known` is the history known when it was delivered, as
    corrected since (the entries then, not voided). Only a correction proves a clearance alarm wrong."""
    if not revised:
        return None
    if any(a.kind == alarm.kind and a.deadline == alarm.deadline for a in alarms(known, cal, policy)):
        return None
    return "; ".join(revised)


def offered(events: list, stage: Stage) -> list[EventType]:
    """The clearance events a form offers after `events` (not voided, in order), the case at `stage`: cleared
    or returned while the approving team has the answer, else a flag while an answer is owed. The workflow
    still decides (`problem`: a member of the approving team, for instance)."""
    now = pending(events)
    if now is not None and now.returned is None:
        return [CLEARED, RETURNED]
    return [FLAG] if stage in OWING else []


def answer_problem(events: list, event) -> str | None:
    """Why an answer (`ANSWERS`) cannot be recorded after `events` while clearance is pending, or None."""
    if event.type not in ANSWERS:
        return None
    now = pending(events)
    if now is None:
        return None
    where = f"returned on {now.returned}" if now.returned else f"pending since {now.flagged}"
    return (
        f"{event.type} on {event.on}: clearance by '{now.team}' is {where} (event {now.number}); record cleared "
        "first, or a manager can override with --override-clearance REASON"
    )


@dataclass(frozen=True)
class Step:
    """An internal deadline of clearance: `kind` `clearance` (the approving team's) or `resubmission` (the
    officer's), due by the end of `due`."""

    kind: str
    due: date
    team: str


def next_step(events: list, cal: Calendar, policy: ClearancePolicy) -> Step | None:
    """The internal deadline running now, or None when no clearance is pending."""
    now = pending(events)
    if now is None:
        return None
    if now.returned is not None:
        return Step("resubmission", cal.add_working_days(now.returned, policy.resubmit_within_days), now.team)
    return Step("clearance", cal.add_working_days(now.flagged, policy.clear_within_days), now.team)


def alarms(events: list, cal: Calendar, policy: ClearancePolicy) -> list[Alarm]:
    """The running step's reminder (on its due day) and alarm (the working day after): the approving team's
    while it has the answer, the officer's after a return; the manager hears of either once it is late."""
    step = next_step(events, cal, policy)
    if step is None:
        return []
    late = cal.add_working_days(step.due, 1)
    if step.kind == "clearance":
        return [
            Alarm(kind=AlarmKind.clearance_reminder, on=step.due, to=("approver",), deadline=step.due),
            Alarm(kind=AlarmKind.clearance_overdue, on=late, to=("approver", "manager"), deadline=step.due),
        ]
    return [
        Alarm(kind=AlarmKind.resubmission_reminder, on=step.due, to=("officer",), deadline=step.due),
        Alarm(kind=AlarmKind.resubmission_overdue, on=late, to=("officer", "manager"), deadline=step.due),
    ]


def rounds(events: list) -> list[Round]:
    """Every clearance round in `events` (the history not voided, in order)."""
    out: list[Round] = []
    team, flagged, returns = None, None, 0
    for e in events:
        if e.type is FLAG:
            if flagged is None:
                flagged, returns = e.on, 0
            team = e.team
        elif e.type is RETURNED and flagged is not None:
            returns += 1
        elif (e.type is CLEARED or e.type in ANSWERS) and flagged is not None:
            done = e.on if e.type is CLEARED else None
            out.append(Round(team=team, flagged=flagged, cleared=done, returns=returns, overridden=done is None))
            team, flagged = None, None
    if flagged is not None:
        out.append(Round(team=team, flagged=flagged, cleared=None, returns=returns))
    return out
