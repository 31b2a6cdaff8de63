"""Deliver an alarm to each of its recipients exactly once, and correct one found wrong later.

Each (workflow, alarm kind, alarm date, role) has one row in the register, created before sending and
marked after, so a retried or replayed activity finds the row and does not send again. Each role's
alarms go at once or wait for the recipient's daily digest (`FOI_ALARMS__OFFICER_DELIVERY`,
`__MANAGER_DELIVERY`; activities/digest.py sends digests): queueing is a register write only, so the
workflow runs an alarm that every recipient takes in a digest as a local activity. A role with no
address (the case names none and no default is set) is recorded `undeliverable`, never `sent`.

Sending goes through the mail transport when one is configured, else into the outbox. Transient failures
raise (a short `MailFailure` naming the role, never the address) and Temporal retries with backoff; a
permanent one (refused address, 5xx: the transport raises `Undeliverable`) marks that recipient's row
`undeliverable` and the other recipients are still served. A failed register write raises a short
`RegisterFailure` (activities/failures.py). The one window left — the server accepted a message but the
register could not be told — would resend once with the same Message-ID, which mail systems recognise as
a duplicate.
"""

from __future__ import annotations

import hashlib

from temporalio import activity

from activities.emails import Mail, alarm_mail, correction_mail
from activities.failures import register_failures
from activities.mail import MailTransport, Undeliverable, channel_of, transport_for
from activities.smtp_failures import transient
from messages import AlarmDelivery, AlarmWithdrawal, DeliveryResult
from register import Register
from register.outbox import QUEUED
from rules.alarms import Alarm, AlarmPolicy

NO_ADDRESS = "none"
"""The channel of a row that had no address to go to."""


def message_id(key: str) -> str:
    """The same Message-ID for every attempt at one notification, so a resend is seen as a duplicate."""
    return f"<{hashlib.sha256(key.encode()).hexdigest()[:32]}@foi-deadlines>"


def alarm_key(workflow_id: str, alarm: Alarm, role: str) -> str:
    return f"{workflow_id}:{alarm.kind}:{alarm.on.isoformat()}:{role}"


class Notifications:
    """Built once by the worker with the register (the outbox), the mail transport (None: outbox only),
    the alarm policy (who takes a digest), the recipients for cases that name none and the dashboard's
    address for links."""

    def __init__(
        self,
        register: Register,
        transport: MailTransport | None,
        alarms: AlarmPolicy | None = None,
        default_officer: str | None = None,
        default_manager: str | None = None,
        dashboard_url: str | None = None,
    ):
        self.register = register
        self.transport = transport
        self.alarms = alarms or AlarmPolicy()
        self.defaults = {"officer": default_officer, "manager": default_manager}
        self.dashboard_url = dashboard_url

    @classmethod
    def for_settings(cls, register: Register, settings) -> Notifications:
        s = settings
        return cls(register, transport_for(s), s.alarms, s.default_officer, s.default_manager, s.dashboard_url)

    def _recipient(
        self, officer: str | None, manager: str | None, role: str, team: str | None = None, approving: str | None = None
    ) -> str | None:
        """The case's own holder of `role`; for a manager's alarm on a case that names none, its responding
        team's managers (one message to them all); else the default for the role. An approver's alarm goes
        to the approving team's active members (one message to them all), and has no default."""
        if role == "approver":
            members = self.register.members(approving) if approving else []
            return ", ".join(p.email for p in members if p.active) or None
        own = officer if role == "officer" else manager
        if own is None and role == "manager" and team:
            own = ", ".join(self.register.team_managers(team)) or None
        return own or self.defaults.get(role)

    @activity.defn(name="deliver_alarm")
    def deliver_alarm(self, req: AlarmDelivery) -> DeliveryResult:
        with register_failures(f"record the {req.alarm.kind.value} alarm of case {req.ref}"):
            mail = alarm_mail(req, self.dashboard_url)
            out = DeliveryResult(delivered=[], already=[])
            for role in req.alarm.to:
                key = alarm_key(req.workflow_id, req.alarm, role)
                recipient = self._recipient(req.officer, req.manager, role, req.team, req.approving_team)
                fields = dict(kind=req.alarm.kind.value, alarm_on=req.alarm.on, deadline=req.alarm.deadline)
                outcome = self._dispatch(key, req.ref, role, recipient, mail, fields)
                getattr(out, outcome).append(key)
            return out

    @activity.defn(name="withdraw_alarm")
    def withdraw_alarm(self, req: AlarmWithdrawal) -> DeliveryResult:
        """Mark the alarm withdrawn and send each recipient it reached one correction (by the same
        delivery: at once, or in their next digest); a queued one is just never sent."""
        with register_failures(f"withdraw the {req.alarm.kind.value} alarm of case {req.ref}"):
            out = DeliveryResult(delivered=[], already=[])
            for role in req.alarm.to:
                key = alarm_key(req.workflow_id, req.alarm, role)
                original = self.register.notification(key)
                if original is None or not self.register.withdraw(key, req.reason):
                    continue
                mail = correction_mail(req.ref, original.subject, req.reason, self.dashboard_url)
                fields = dict(
                    kind="withdrawn", alarm_on=req.alarm.on, deadline=req.alarm.deadline, withdrawn_reason=req.reason
                )
                recipient = original.recipient or None
                outcome = self._dispatch(f"{key}:withdrawn", req.ref, role, recipient, mail, fields, req.alarm.kind)
                getattr(out, outcome).append(f"{key}:withdrawn")
            return out

    def _dispatch(
        self, key: str, ref: str, role: str, recipient: str | None, mail: Mail, fields: dict, alarm_kind: str = ""
    ) -> str:
        """Claim the row `key` and deliver it to `recipient`: the `DeliveryResult` list it belongs in. The
        alarm's kind decides the delivery with the role (a late draft goes to a digest: `AlarmPolicy`)."""
        common = dict(key=key, ref=ref, role=role, subject=mail.subject, body=mail.text, **fields)
        if recipient is None:
            row = self.register.claim_notification(status="undeliverable", recipient="", channel=NO_ADDRESS, **common)
            if row.channel == NO_ADDRESS:
                activity.logger.warning("alarm %s of case %s: no address for the %s", fields["kind"], ref, role)
            return "undeliverable"
        digest = self.alarms.delivery(role, alarm_kind or fields["kind"]) == "digest"
        status = QUEUED if digest else "pending"
        row = self.register.claim_notification(
            status=status, recipient=recipient, channel=channel_of(self.transport), **common
        )
        if row.status != "pending":  # queued for a digest now, or delivered by an earlier attempt
            return "queued" if row.status == QUEUED else "already"
        if row.channel != "outbox":
            if self.transport is None or self.transport.channel != row.channel:
                raise RuntimeError(f"notification {key} goes by {row.channel}, which is not configured")
            try:
                self.transport.send(recipient, mail, message_id(key))
            except Undeliverable as exc:
                self.register.mark_sent(key, status="undeliverable")
                activity.logger.warning(
                    "alarm %s of case %s is undeliverable to the %s: %s", fields["kind"], ref, role, exc
                )
                return "undeliverable"
            except Exception as exc:  # transient: Temporal retries the activity
                raise transient(exc, role, ref) from None
        self.register.mark_sent(key)
        activity.logger.info("alarm %s of case %s delivered to the %s via %s", fields["kind"], ref, role, row.channel)
        return "delivered"
