"""Deliver an alarm to each of its recipients exactly once: by SMTP when configured, else the outbox.

Each (workflow, alarm kind, alarm date, role) has one row in the register, created before sending
and marked delivered after, so a retried or replayed activity finds the row and does not send again.
Transient SMTP failures raise, and Temporal retries with backoff until the server is back; a permanent
one for a recipient (refused address, 5xx, an address no header can carry; activities/smtp_failures.py)
marks that recipient's row `undeliverable` and the other recipients are still served. The one window left —
the server accepted a message but the register could not be told — would resend once with the same
Message-ID, which mail systems recognise as a duplicate.
"""

from __future__ import annotations

import hashlib
import smtplib
from email.message import EmailMessage

from temporalio import activity

from activities.failures import register_failures
from activities.smtp_failures import permanent_reason, transient
from foi.messages import AlarmDelivery, DeliveryResult
from foi.register import Register
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


class NotifyActivities:
    def __init__(self, settings):
        self.settings = settings

    def functions(self) -> list:
        return [self.deliver_alarm]

    def _recipient(self, req: AlarmDelivery, role: str) -> str:
        named = req.officer if role == "officer" else req.manager
        default = self.settings.default_officer if role == "officer" else self.settings.default_manager
        return named or default or role

    @activity.defn(name="deliver_alarm")
    def deliver_alarm(self, req: AlarmDelivery) -> DeliveryResult:
        with register_failures(f"record the {req.alarm.kind.value} alarm of case {req.ref}"):
            return self._deliver(req)

    def _deliver(self, req: AlarmDelivery) -> DeliveryResult:
        register = Register(self.settings.register_url)
        subject, body = message_for(req)
        smtp = self.settings.smtp_host is not None
        delivered, already, undeliverable = [], [], []
        for role in req.alarm.to:
            key = f"{req.workflow_id}:{req.alarm.kind}:{req.alarm.on.isoformat()}:{role}"
            recipient = self._recipient(req, role)
            channel = "smtp" if smtp and "@" in recipient else "outbox"
            row = register.claim_notification(
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
            if row.channel == "smtp":
                try:
                    self._send(key, recipient, subject, body)
                except Exception as exc:
                    reason = permanent_reason(exc)
                    if reason is None:  # transient: Temporal retries the activity
                        raise transient(exc, role, req.ref) from None
                    register.mark_sent(key, status="undeliverable")
                    undeliverable.append(key)
                    activity.logger.warning(
                        "alarm %s for case %s is undeliverable to the %s: %s", req.alarm.kind, req.ref, role, reason
                    )
                    continue
            register.mark_sent(key)
            delivered.append(key)
            activity.logger.info(
                "alarm %s for case %s delivered to %s via %s", req.alarm.kind, req.ref, role, row.channel
            )
        return DeliveryResult(delivered=delivered, already=already, undeliverable=undeliverable)

    def _send(self, key: str, recipient: str, subject: str, body: str) -> None:
        s = self.settings
        msg = EmailMessage()
        msg["From"], msg["To"], msg["Subject"] = s.smtp_sender, recipient, subject
        msg["Message-ID"] = f"<{hashlib.sha256(key.encode()).hexdigest()[:32]}@foi-deadlines>"
        msg.set_content(body)
        cls = smtplib.SMTP_SSL if s.smtp_security == "ssl" else smtplib.SMTP
        with cls(s.smtp_host, s.smtp_port, timeout=15) as server:
            if s.smtp_security == "starttls":
                server.starttls()
            if s.smtp_user:
                server.login(s.smtp_user, s.smtp_password or "")
            server.send_message(msg)
