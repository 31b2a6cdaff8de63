"""A message as the mailbox's intake records it, written straight to a real register: for the tests of
what staff do with one (triage, the dashboard, follow-ups) without an IMAP server in the way."""

from __future__ import annotations

from datetime import UTC, date, datetime

from register.intake import AWAITING


def take(register, uid: int, received: date, subject: str, status: str = AWAITING, **more) -> int:
    fields = dict(
        mailbox="foi@example.org@127.0.0.1:993",
        folder="INBOX",
        uidvalidity=7,
        uid=uid,
        digest=f"{uid:064d}",
        arrived_at=datetime(received.year, received.month, received.day, 12, tzinfo=UTC),
        received=received,
        sender_name="Jo Bloggs",
        sender_email="jo@example.org",
        subject=subject,
        body="Please send me the figures.",
        attachments=[],
        notes=[],
        message_id=None,
        suggested_regime="eir",
        suggestion_reason="environmental: mentions 'pollution'",
        raw_key="k",
        raw=b"sealed",
        status=status,
    )
    row, _ = register.take_message(**{**fields, **more})
    return row.id
