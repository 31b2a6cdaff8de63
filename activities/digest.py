"""Send each recipient's daily digest: every alarm queued for them since their last one, in one message.

A scheduled run (workflows/digest.py, on the worker's schedule) sends on working days of the authority's
own nation (`FOI_POLICY__NATION`, with proclaimed days); a run asked for by hand sends on any day. Each
recipient gets at most one digest a day: the digest is claimed with its rows before it is sent
(register/outbox.py), so a retry sends the same rows under the same Message-ID, and rows queued after
it wait for the next day's. How far each escalation is overdue is counted for the digest's day on its
case's own calendar.
"""

from __future__ import annotations

from datetime import date
from zoneinfo import ZoneInfo

from temporalio import activity

from activities.emails import DigestLine, digest_mail
from activities.failures import register_failures
from activities.mail import MailTransport, Undeliverable, channel_of, transport_for
from activities.notify import message_id
from activities.smtp_failures import transient
from messages import DigestResult, DigestRun
from register import Register
from rules import ProclaimedDay, Regime
from rules.alarms import AlarmPolicy
from rules.bank_holidays import calendar_covering
from rules.policy import Policy


class Digests:
    """Built once by the worker with the register, the mail transport (None: the outbox) and the policies."""

    def __init__(
        self,
        register: Register,
        transport: MailTransport | None,
        policy: Policy,
        alarms: AlarmPolicy,
        dashboard_url: str | None = None,
    ):
        self.register = register
        self.transport = transport
        self.policy = policy
        self.alarms = alarms
        self.dashboard_url = dashboard_url

    @classmethod
    def for_settings(cls, register: Register, settings) -> Digests:
        return cls(register, transport_for(settings), settings.policy, settings.alarms, settings.dashboard_url)

    def _calendar(self, regime: Regime, proclaimed: list[ProclaimedDay], *days: date):
        return calendar_covering(regime, *days, proclaimed=proclaimed, nation=self.policy.nation)

    @activity.defn(name="send_digests")
    def send_digests(self, req: DigestRun) -> DigestResult:
        on = req.at.astimezone(ZoneInfo(self.alarms.timezone)).date()
        proclaimed = self.register.proclaimed()
        if req.scheduled and not self._calendar(Regime.sar, proclaimed, on).is_working_day(on):  # the nation's days
            return DigestResult(skipped=f"{on} is not a working day")
        sent = []
        for recipient in self.register.queued_recipients():
            with register_failures(f"claim the digest of {on}"):
                digest, rows = self.register.claim_digest(recipient, on, channel_of(self.transport))
            if digest.status == "sent" or not rows:
                continue
            mail = digest_mail(on, self._lines(rows, on, proclaimed), self.dashboard_url)
            with register_failures(f"keep the digest of {on}"):
                self.register.write_digest(digest.key, mail.subject, mail.text)
            status = "sent"
            if digest.channel != "outbox":
                try:
                    self.transport.send(recipient, mail, message_id(digest.key))
                except Undeliverable as exc:
                    status = "undeliverable"
                    activity.logger.warning("the digest of %s is undeliverable to its recipient: %s", on, exc)
                except Exception as exc:  # transient: Temporal retries the activity
                    raise transient(exc, "recipient", f"digest {on}") from None
            with register_failures(f"record the digest of {on}"):
                self.register.digest_sent(digest.key, status)
            activity.logger.info("digest of %s with %d alerts delivered via %s", on, len(rows), digest.channel)
            sent.append(digest.key)
        return DigestResult(sent=sent)

    def _lines(self, rows, on: date, proclaimed: list[ProclaimedDay]) -> list[DigestLine]:
        regimes = self.register.regimes_of({r.ref for r in rows})
        out = []
        for r in rows:
            regime = regimes.get(r.ref, Regime.foia)
            over = None
            if r.deadline and r.kind != "withdrawn" and r.deadline < on:
                over = self._calendar(regime, proclaimed, r.deadline, on).working_days_between(r.deadline, on)
            reason = r.withdrawn_reason if r.kind == "withdrawn" else None
            out.append(DigestLine(r.ref, regime.value, r.kind, r.deadline, over, r.subject, reason))
        return out
