"""The staff actions of the disclosure log: publish a response (with a reviewed public title and, if
any, its document) and withdraw it. Called alike by the command line and the dashboard, with the actor,
after the roles check (`casework.permissions`, action `publish`).

Only a case that has been answered can be published: one with a response recorded and not voided (the
latest, if there were several). What the public sees is copied from it then: the dates received and
answered, the outcome and the exemptions cited; never the requester, the subject line or a member of
staff. A subject access request is never published: its response is the requester's own personal
data. Every refusal is one line (`UserError`) and leaves the register and the data dir as they were.
Each action is kept in the case's audit trail (`published`, `unpublished`, with its author; a
withdrawal's reason too) in the same transaction as the change.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from casework import documents
from casework.actors import Actor
from casework.permissions import require
from register.audit import ActionRow
from register.base import now
from register.publications import TITLE_LIMIT, PublicationRow
from rules.plain_text import control_character
from rules.vocabulary import EventType
from runtime.errors import UserError

REASON_LIMIT = 2000
UNPUBLISHABLE = ("sar",)
"""Regimes whose responses are never published: a subject access response is the requester's own personal data."""


@dataclass(frozen=True)
class Document:
    """A document as given: the name it was given under (for its extension only) and its bytes."""

    name: str
    content: bytes


def public_title(title: str) -> str:
    """The title as published: one line of plain text, 1-300 characters once trimmed; else one line."""
    title = title.strip()
    if not title:
        raise UserError("--title: the public title is empty; write the title the public will see")
    bad = control_character(title)
    if bad:
        raise UserError(f"--title: contains the control character {bad}, which is not allowed")
    if len(title) > TITLE_LIMIT:
        raise UserError(f"--title: the public title is {len(title)} characters; at most {TITLE_LIMIT} are allowed")
    return title


def _answered(register, ref: str):
    case = register.case(ref)
    if case is None:
        raise UserError(f"no case {ref} in the register")
    if case.regime in UNPUBLISHABLE:
        raise UserError(
            f"case {ref} is a subject access request: its response is the requester's own data, never published"
        )
    responses = [e for e in register.case_events(ref) if e.type == EventType.responded]
    if not responses:
        raise UserError(f"case {ref} has not been answered: only a response can be published")
    return case, max(responses, key=lambda e: e.on)


def publish(register, settings, actor: Actor, ref: str, title: str, document: Document | None = None) -> PublicationRow:
    """Publish case `ref`'s response under `title`, with `document` if given (replacing what was published)."""
    require(actor, "publish")
    title = public_title(title)
    case, response = _answered(register, ref)
    kind = None
    if document is not None:
        kind = documents.checked(document.name, document.content, settings.disclosure.document_limit_bytes)
    at = now()
    before = register.publication(ref)
    stored = documents.store(settings.data_dir, document.content, kind) if document is not None else None
    row = PublicationRow(
        ref=ref,
        title=title,
        regime=case.regime,
        received=case.received,
        answered=response.on,
        outcome=response.outcome,
        exemptions=list(response.exemptions),
        document=stored,
        document_kind=kind,
        document_bytes=len(document.content) if document is not None else None,
        published_at=at,
    )
    detail = {"title": title, "document": stored, "republished": before is not None}
    action = ActionRow(
        key=f"{ref}:published:{at.isoformat()}", ref=ref, kind="published", actor=actor.id, at=at, detail=detail
    )
    try:
        register.publish(row, action)
    except Exception:
        if stored and register.documents_in_use(stored) == 0:
            documents.discard(settings.data_dir, stored)
        raise
    if before is not None and before.document and before.document != stored:
        _forget(register, settings, before.document)
    return row


def unpublish(register, settings, actor: Actor, ref: str, reason: str) -> PublicationRow:
    """Withdraw case `ref`'s response from the disclosure log, with the reason, kept in its audit trail."""
    require(actor, "publish")
    reason = reason.strip()
    if not reason:
        raise UserError("--reason: say why the response is withdrawn")
    bad = control_character(reason, multiline=True)
    if bad:
        raise UserError(f"--reason: contains the control character {bad}, which is not allowed")
    if len(reason) > REASON_LIMIT:
        raise UserError(f"--reason: {len(reason)} characters; at most {REASON_LIMIT} are allowed")
    if register.case(ref) is None:
        raise UserError(f"no case {ref} in the register")
    at = now()
    action = ActionRow(
        key=f"{ref}:unpublished:{at.isoformat()}", ref=ref, kind="unpublished", actor=actor.id, at=at, reason=reason
    )
    row = register.unpublish(ref, action)
    if row is None:
        raise UserError(f"case {ref} is not published in the disclosure log: there is nothing to withdraw")
    if row.document:
        _forget(register, settings, row.document)
    return row


def _forget(register, settings, name: str) -> None:
    """Remove a stored document no published response uses any more."""
    if register.documents_in_use(name) == 0:
        documents.discard(Path(settings.data_dir), name)
