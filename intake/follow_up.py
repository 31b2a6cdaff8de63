"""What the mailbox's watch does after each pass: the acknowledgement to each requester whose case was
started from the mailbox (once, from the authority's address, the case's ref in its subject; switched off
by `FOI_INTAKE__ACKNOWLEDGE=false`), and an alarm for each request left untriaged
`FOI_INTAKE__UNTRIAGED_ALARM_DAYS` after its day of receipt — its statutory clock is already running.

Both are rows of the outbox keyed by case or message (`ack:<ref>`, `untriaged:<id>`), created before
sending and marked after, exactly as alarms are (activities/notify.py): a retry never sends twice."""

from __future__ import annotations

import dataclasses
import hashlib
import logging
from datetime import timedelta

from activities.emails import Mail
from activities.mail import MailTransport, Undeliverable, channel_of, transport_for
from casework.today import today
from intake.acknowledgement import acknowledgement_mail, untriaged_mail
from intake.threads import acknowledgement_id
from register import Register
from register.intake import AWAITING, STARTED
from settings import Settings

log = logging.getLogger("foi.intake")


class FollowUp:
    def __init__(self, register: Register, transport: MailTransport | None, settings: Settings):
        self.register, self.transport, self.settings = register, transport, settings

    @classmethod
    def for_settings(cls, register: Register, settings: Settings) -> FollowUp:
        transport = transport_for(settings)
        sender = settings.intake.address or (settings.intake.user if "@" in (settings.intake.user or "") else None)
        if transport is not None and sender and hasattr(transport, "sender"):
            transport = dataclasses.replace(transport, sender=sender)
        return cls(register, transport, settings)

    def run(self) -> None:
        if self.settings.intake.acknowledge:
            self.acknowledge()
        self.raise_untriaged()

    def acknowledge(self) -> None:
        for row in self.register.intake_messages(status=STARTED):
            if row.acknowledged_at is not None or not row.sender_email:
                continue
            case = self.register.case(row.ref)
            if case is None:  # the worker has not registered the new case yet: next pass
                continue
            mail = acknowledgement_mail(self.settings, case, self.register.proclaimed())
            key = f"ack:{row.ref}"
            if self.send(key, row.ref, "acknowledgement", "requester", row.sender_email, case.received, mail):
                self.register.intake_acknowledged(row.id)

    def raise_untriaged(self) -> None:
        now = today(self.settings.alarms.timezone)
        late = now - timedelta(days=self.settings.intake.untriaged_alarm_days)
        for row in self.register.intake_messages(status=AWAITING):
            if row.received > late:
                continue
            to = self.settings.default_officer or self.settings.default_manager or ""
            role = "officer" if self.settings.default_officer else "manager"
            self.send(
                f"untriaged:{row.id}", f"intake-{row.id}", "untriaged_request", role, to, None, untriaged_mail(row)
            )

    def send(self, key, ref, kind, role, recipient, deadline, mail: Mail) -> bool:
        """One message through the outbox, once; True when it is done with (sent, or never deliverable)."""
        today_ = today(self.settings.alarms.timezone)
        row = self.register.claim_notification(
            key=key,
            ref=ref,
            kind=kind,
            role=role,
            recipient=recipient,
            alarm_on=today_,
            deadline=deadline,
            subject=mail.subject,
            body=mail.text,
            channel=channel_of(self.transport) if recipient else "none",
        )
        if row.status != "pending":
            return True
        if not recipient:
            self.register.mark_sent(key, "undeliverable")
            return True
        if self.transport is not None:
            message_id = acknowledgement_id(ref, hashlib.sha256(key.encode()).hexdigest())
            try:
                self.transport.send(recipient, mail, message_id)
            except Undeliverable:
                self.register.mark_sent(key, "undeliverable")
                return True
            except Exception as exc:  # transient: the next pass tries again
                log.warning("intake: the %s of %s could not be sent yet (%s)", kind, ref, type(exc).__name__)
                return False
        self.register.mark_sent(key)
        return True
