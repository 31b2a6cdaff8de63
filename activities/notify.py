"""Deliver an alarm to each of its recipients exactly once: through the mail transport when one is
configured, else the outbox.

Each (workflow, alarm kind, alarm date, role) has one row in the register, created before sending
and marked delivered after, so a retried or replayed activity finds the row and does not send again.
Transient transport failures raise (a short `MailFailure` naming the role, never the address), and
Temporal retries with backoff until the server is back; a permanent one for a recipient (refused
address, 5xx, an address no header can carry: the transport raises `Undeliverable`; for SMTP see
activities/smtp_failures.py) marks that recipient's row `undeliverable` and the other recipients are
still served. A failed register write raises a short `RegisterFailure` (activities/failures.py). The
one window left — the server accepted a message but the register could not be told — would resend
once with the same Message-ID, which mail systems recognise as a duplicate.
"""

from __future__ import annotations

import hashlib

from temporalio import activity

from activities.failures import register_failures
from activities.mail import MailTransport, Undeliverable
from activities.smtp_failures import transient
from messages import AlarmDelivery, DeliveryResult
from register import Register
from rules.alarms import AlarmKind
from rules.explain import day

HEADLINES = {
    AlarmKind.response_reminder: "Reminder: response due {deadline}",
    AlarmKind.response_overdue: "OVERDUE: response was due {deadline}",
    AlarmKind.response_seriously_overdue: "SERIOUSLY OVERDUE: response was due {deadline}",
    AlarmKind.review_reminder: "Reminder: internal review due {deadline}",
    AlarmKind.review_overdue: "OVERDUE: internal review target was {deadline}",
    AlarmKind.review_limit_exceeded: "LIMIT EXCEEDED: internal review was due at the latest {deadline}",
    AlarmKind.lapsed: "Lapsed: nothing arrived by {deadline}; the case is closed",
    AlarmKind.needs_attention: "NEEDS ATTENTION: its recorded history no longer fits the calendar or policy",
}


def message_for(req: AlarmDelivery) -> tuple[str, str]:
    """Subject and body: the case reference and its dates, never the requester's details."""
    a, ev = req.alarm, req.evaluation
    deadline = day(a.deadline) if a.deadline else "-"
    subject = f"[{req.ref}] " + HEADLINES[a.kind].format(deadline=deadline)
    lines = [
        f"Case {req.ref} ({req.regime.upper()}), received {day(ev.received)}.",
        f"Stage: {ev.stage.value.replace('_', ' ')}.",
    ]
    if req.reason:
        lines.append(f"Why: {req.reason}. The dates below are the last ones that could be worked out.")
    if ev.response_due:
        lines.append(f"Response due: {day(ev.response_due)}.")
    if ev.working_days_overdue:
        lines.append(f"Overdue by {ev.working_days_overdue} working days.")
    if ev.review_due:
        lines.append(f"Internal review due: {day(ev.review_due)} (at the latest {day(ev.review_latest_due)}).")
    if ev.review_working_days_overdue:
        lines.append(f"Review overdue by {ev.review_working_days_overdue} working days.")
    lines.append(f"See: python starter.py show {req.ref}")
    return subject, "\n".join(lines)


def message_id(key: str) -> str:
    """The same Message-ID for every attempt at one notification, so a resend is seen as a duplicate."""
    return f"<{hashlib.sha256(key.encode()).hexdigest()[:32]}@foi-deadlines>"


class Notifications:
    """Built once by the worker with the register (the outbox), the mail transport (None: outbox only)
    and the recipients for cases that name no officer or manager."""

    def __init__(
        self,
        register: Register,
        transport: MailTransport | None,
        default_officer: str | None = None,
        default_manager: str | None = None,
    ):
        self.register = register
        self.transport = transport
        self.defaults = {"officer": default_officer, "manager": default_manager}

    def _recipient(self, req: AlarmDelivery, role: str) -> str:
        named = req.officer if role == "officer" else req.manager
        return named or self.defaults.get(role) or role

    @activity.defn(name="deliver_alarm")
    def deliver_alarm(self, req: AlarmDelivery) -> DeliveryResult:
        with register_failures(f"record the {req.alarm.kind.value} alarm of case {req.ref}"):
            return self._deliver(req)

    def _deliver(self, req: AlarmDelivery) -> DeliveryResult:
        subject, body = message_for(req)
        delivered, already, undeliverable = [], [], []
        for role in req.alarm.to:
            key = f"{req.workflow_id}:{req.alarm.kind}:{req.alarm.on.isoformat()}:{role}"
            recipient = self._recipient(req, role)
            channel = self.transport.channel if self.transport and "@" in recipient else "outbox"
            row = self.register.claim_notification(
                key=key,
                ref=req.ref,
                kind=req.alarm.kind.value,
                role=role,
                recipient=recipient,
                alarm_on=req.alarm.on,
                deadline=req.alarm.deadline,
                subject=subject,
                body=body,
                channel=channel,
            )
            if row.status in ("sent", "undeliverable"):
                already.append(key)
                continue
            if row.channel != "outbox":
                if self.transport is None or self.transport.channel != row.channel:
                    raise RuntimeError(f"notification {key} goes by {row.channel}, which is not configured")
                try:
                    self.transport.send(recipient, subject, body, message_id(key))
                except Undeliverable as exc:
                    self.register.mark_sent(key, status="undeliverable")
                    undeliverable.append(key)
                    activity.logger.warning(
                        "alarm %s for case %s is undeliverable to the %s: %s", req.alarm.kind, req.ref, role, exc
                    )
                    continue
                except Exception as exc:  # transient: Temporal retries the activity
                    raise transient(exc, role, req.ref) from None
            self.register.mark_sent(key)
            delivered.append(key)
            activity.logger.info(
                "alarm %s for case %s delivered to %s via %s", req.alarm.kind, req.ref, role, row.channel
            )
        return DeliveryResult(delivered=delivered, already=already, undeliverable=undeliverable)
