"""Staff actions on retention: erase one case's requester data on request, and set or release a legal hold.

`erase` is an individual erasure request (UK GDPR Art 17): refused, with nothing changed, while the case
is open (not yet closed, or a review, a complaint to the regulator or an appeal still open) or on legal
hold, and for a case erased already. It erases the register's copies at once (register/erasure.py,
the same operation as the daily run's), logs who asked and why, then deletes the case's closed workflow
executions from Temporal; a deletion that fails is retried by the next daily run (the erasure log says
which cases still wait for it).

A reason is kept in the erasure log or the audit trail, which hold no requester data: a reason that
repeats the requester's name, email address or the request's subject is refused.
"""

from __future__ import annotations

from casework.actors import Actor
from runtime.errors import UserError

REASON_LIMIT = 2000


def _case(register, ref: str):
    row = register.case(ref)
    if row is None:
        raise UserError(f"case {ref} is not in the register")
    erased = register.erasure(ref)
    if erased is not None:
        raise UserError(f"case {ref} was erased on {erased.erased_at:%Y-%m-%d} ({erased.rule})")
    return row


def _reason(row, reason: str) -> str:
    reason = " ".join(reason.split())
    if not reason:
        raise UserError("--reason: say why (e.g. the requester's erasure request of 1 May 2026, our ref 123)")
    if len(reason) > REASON_LIMIT:
        raise UserError(f"--reason: {len(reason)} characters; at most {REASON_LIMIT}")
    folded = reason.casefold()
    for value in (row.requester_name, row.requester_email, row.subject):
        if value and " ".join(value.split()).casefold() in folded:
            raise UserError("--reason: it repeats the requester's details; the log keeps none, say it without them")
    return reason


def check_erasable(register, ref: str, reason: str):
    """The case and the reason, or one line saying why the case may not be erased now."""
    row = _case(register, ref)
    if row.stage != "closed":
        raise UserError(f"case {ref} is open ({row.stage.replace('_', ' ')}): a case is erased only once it is closed")
    hold = register.legal_hold(ref)
    if hold is not None:
        raise UserError(f"case {ref} is on legal hold since {hold.held_at:%Y-%m-%d}: release the hold first")
    return row, _reason(row, reason)


async def erase(client, settings, ref: str, reason: str, actor: Actor) -> bool:
    """Erase case `ref` at `actor`'s request; True when its Temporal histories are deleted too."""
    from activities.retention import delete_histories
    from register import Register

    register = Register(settings.register_url)
    row, reason = check_erasable(register, ref, reason)
    closed_on = row.last_event_on or row.received
    from register.erasure import ErasureRefused

    try:
        done = register.erase_case(ref, "erasure request", actor.id, reason, closed_on)
    except ErasureRefused as exc:
        raise UserError(str(exc)) from None
    if not done:
        raise UserError(f"case {ref} was erased already")
    _audit(register, "erased", actor, ref, reason, rule="erasure request")
    register.compact()
    if not await delete_histories(client, row.workflow_id):
        return False
    register.histories_deleted(ref)
    return True


def hold(settings, ref: str, reason: str, actor: Actor) -> None:
    from register import Register

    register = Register(settings.register_url)
    row = _case(register, ref)
    reason = _reason(row, reason)
    held = register.legal_hold(ref)
    if held is not None:
        raise UserError(f"case {ref} is on legal hold already (since {held.held_at:%Y-%m-%d}, by {held.held_by})")
    if register.set_hold(ref, reason, actor.id):
        _audit(register, "held", actor, ref, reason)


def release(settings, ref: str, reason: str, actor: Actor) -> None:
    from register import Register

    register = Register(settings.register_url)
    row = _case(register, ref)
    reason = _reason(row, reason)
    held = register.legal_hold(ref)
    if held is None:
        raise UserError(f"case {ref} is not on legal hold")
    if register.release_hold(ref):
        _audit(register, "released", actor, ref, reason)


def _audit(register, kind: str, actor: Actor, ref: str, reason: str, **detail) -> None:
    """The case's audit trail: who set, released or erased what, when and why."""
    from register.base import now

    at = now()
    register.record_action(f"{ref}:{kind}:{at.isoformat()}", kind, actor.id, ref=ref, reason=reason, at=at, **detail)
