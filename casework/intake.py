"""The staff actions on the mailbox's messages, each taking the actor: start a case from a request
awaiting triage (back-dated to its day of receipt, the requester's details from the message, the regime
the officer chose), mark one not a request with a reason, and record the event a threaded reply
answers (a clarification, a fee, identity) dated by that reply's day of receipt.

A message is claimed in the register before its case starts, so two officers cannot start two cases
from one message; a start that is refused puts it back, awaiting triage."""

from __future__ import annotations

from temporalio.client import Client

from casework.actors import Actor
from casework.cases import record_event, start_case
from messages import CaseInput, CaseView
from register import Register
from register.intake import AWAITING, NOT_REQUEST, STARTED, THREADED, IntakeRow, release_triage
from rules import Evaluation, Event, EventType
from runtime.errors import UserError
from settings import Settings

REPLY_EVENTS = (EventType.clarification_received, EventType.fee_paid, EventType.identity_received)


def intake_message(register: Register, intake_id: int) -> IntakeRow:
    row = register.intake_message(intake_id)
    if row is None:
        raise UserError(f"no message {intake_id} in the mailbox's intake (see starter.py triage)")
    return row


def triaged(row: IntakeRow) -> str:
    """What became of a message no longer awaiting triage, as one clause."""
    by = f" by {row.triaged_by}" if row.triaged_by else ""
    if row.status == STARTED:
        return f"case {row.ref} was started from it{by}"
    if row.status == NOT_REQUEST:
        return f"it was marked not a request{by} ({row.reason})"
    if row.status == THREADED:
        return f"it is a reply on case {row.ref}"
    return f"it was filed: {row.reason}"


def startable(row: IntakeRow) -> bool:
    """Awaiting triage, or taken for a reply to a case but not recorded on it (a new request whose
    subject happened to name a case is still a request)."""
    return row.status == AWAITING or (row.status == THREADED and row.used_for is None)


def case_input(row: IntakeRow, case: CaseInput) -> CaseInput:
    """`case` (ref, regime, officer...) completed from the message: received on its day of receipt, the
    requester and subject from the message unless the officer gave them."""
    if not startable(row):
        raise UserError(f"message {row.id} is not awaiting triage: {triaged(row)}")
    return case.model_copy(
        update={
            "received": row.received,
            "subject": case.subject or row.subject,
            "requester_name": case.requester_name or row.sender_name,
            "requester_email": case.requester_email or row.sender_email,
        }
    )


async def start_from_intake(
    client: Client, settings: Settings, intake_id: int, case: CaseInput, actor: Actor
) -> Evaluation:
    register = Register(settings.register_url)
    row = intake_message(register, intake_id)
    case = case_input(row, case)
    if not register.triage_message(intake_id, row.status, STARTED, actor.id, ref=case.ref, reason=None):
        raise UserError(f"message {intake_id} is not awaiting triage: {triaged(intake_message(register, intake_id))}")
    try:
        ev = await start_case(client, settings, case, actor)
    except BaseException:
        release_triage(register, intake_id, STARTED, before=row)
        raise
    register.record_action(
        f"intake:{intake_id}:start", "started_from_mailbox", actor.id, ref=case.ref, intake=intake_id
    )
    return ev


def mark_not_request(settings: Settings, intake_id: int, reason: str, actor: Actor) -> IntakeRow:
    reason = " ".join(reason.split())
    if not reason:
        raise UserError("--reason: say why it is not a request (spam, a duplicate of ..., a reply to ...)")
    if len(reason) > 2000:
        raise UserError(f"--reason: {len(reason)} characters; at most 2000")
    register = Register(settings.register_url)
    intake_message(register, intake_id)
    if not register.triage_message(intake_id, AWAITING, NOT_REQUEST, actor.id, reason=reason):
        raise UserError(f"message {intake_id} is not awaiting triage: {triaged(intake_message(register, intake_id))}")
    register.record_action(
        f"intake:{intake_id}:not_request", "not_a_request", actor.id, ref=f"intake-{intake_id}", reason=reason
    )
    return intake_message(register, intake_id)


ANSWERS = {
    "awaiting_clarification": EventType.clarification_received,
    "awaiting_fee": EventType.fee_paid,
    "awaiting_identity": EventType.identity_received,
}
"""The event a reply may be, by the stage of the case it replies to."""


def offered(stage: str) -> EventType | None:
    """The event to offer for a reply on a case at `stage` (None: the case awaits nothing from the requester)."""
    return ANSWERS.get(stage)


def check_reply(register: Register, ref: str, event: EventType, intake_id: int) -> IntakeRow:
    """The reply `intake_id`, if it can be recorded as `event` on case `ref`; else one line."""
    if event not in REPLY_EVENTS:
        raise UserError(f"--from-intake: a reply can be recorded as {', '.join(e.value for e in REPLY_EVENTS)}")
    row = intake_message(register, intake_id)
    if register.case(ref) is None:
        raise UserError(f"no case {ref}")
    if row.status not in (AWAITING, THREADED) or (row.status == THREADED and row.ref != ref):
        raise UserError(f"message {intake_id} is not a reply on case {ref}: {triaged(row)}")
    if row.used_for:
        raise UserError(f"message {intake_id} was already recorded on case {ref} as {row.used_for}")
    return row


async def record_from_reply(
    client: Client, settings: Settings, ref: str, event: EventType, intake_id: int, actor: Actor
) -> CaseView:
    """Record `event` on case `ref` dated by the day reply `intake_id` was received."""
    register = Register(settings.register_url)
    row = check_reply(register, ref, event, intake_id)
    claimed = row.status == AWAITING  # a reply the threading did not recognise: the officer says whose
    if claimed:
        if not register.triage_message(intake_id, AWAITING, THREADED, actor.id, ref=ref, reason="a reply"):
            raise UserError(
                f"message {intake_id} is not awaiting triage: {triaged(intake_message(register, intake_id))}"
            )
        row = intake_message(register, intake_id)
    if row.status != THREADED or row.ref != ref:
        raise UserError(f"message {intake_id} is not a reply on case {ref}: {triaged(row)}")
    if not register.use_reply(intake_id, event.value, actor.id):
        raise UserError(f"message {intake_id} was already recorded on case {ref} as {row.used_for}")
    try:
        view = await record_event(client, settings, ref, Event(type=event, on=row.received), actor)
    except BaseException:
        register.release_reply(intake_id)
        if claimed:
            release_triage(register, intake_id, THREADED)
        raise
    return view
