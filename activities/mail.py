"""The mail transport: how a notification leaves the building. SMTP when `FOI_SMTP_HOST` is set; with no
transport every notification stays in the register's outbox (`starter.py alerts`, the dashboard).

A new transport is a class here with a `channel` name (at most 8 characters: the register's column) and
a `send`, chosen in `transport_for`. `send` raises `Undeliverable` when a recipient can never be served
(the alarm is then recorded `undeliverable` for that recipient and not retried); anything else it
raises is transient and retried.
"""

from __future__ import annotations

import smtplib
import ssl
import threading
from dataclasses import dataclass
from typing import Protocol

from activities.emails import Mail
from activities.smtp_failures import permanent_reason
from settings import Settings

SENDING = threading.Lock()
"""One SMTP conversation at a time per worker process: a worker killed mid-send can have interrupted at
most one message, so a kill sends at most one duplicate (the retry of a message the server had already
accepted), never more."""


class Undeliverable(Exception):
    """This recipient can never be served (its reason names no address): recorded, not retried."""


class MailTransport(Protocol):
    channel: str

    def send(self, recipient: str, mail: Mail, message_id: str) -> None:
        """Deliver one message, or raise: `Undeliverable` for good, anything else to be retried with backoff."""


@dataclass(frozen=True)
class Smtp:
    host: str
    port: int
    security: str
    user: str | None
    password: str | None
    sender: str
    ca_file: str | None = None
    """A CA bundle to verify the server's certificate with (default: the system's trusted CAs)."""
    channel: str = "smtp"

    def send(self, recipient: str, mail: Mail, message_id: str) -> None:
        try:
            with SENDING:
                self._send(recipient, mail, message_id)
        except Exception as exc:
            reason = permanent_reason(exc)
            if reason is None:
                raise
            raise Undeliverable(reason) from None

    def _send(self, recipient: str, mail: Mail, message_id: str) -> None:
        msg = mail.message(self.sender, recipient, message_id)
        tls = ssl.create_default_context(cafile=self.ca_file)  # verifies the certificate and the host name
        if self.security == "ssl":
            server = smtplib.SMTP_SSL(self.host, self.port, timeout=15, context=tls)
        else:
            server = smtplib.SMTP(self.host, self.port, timeout=15)
        with server:
            if self.security == "starttls":
                server.starttls(context=tls)
            if self.user:
                server.login(self.user, self.password or "")
            server.send_message(msg)


def channel_of(transport: MailTransport | None) -> str:
    """The channel a notification leaves by: the transport's, or the outbox."""
    return transport.channel if transport else "outbox"


def transport_for(settings: Settings) -> MailTransport | None:
    """The transport the settings configure, or None: the outbox only."""
    if settings.smtp_host is None:
        return None
    s = settings
    ca_file = str(s.smtp_ca_file) if s.smtp_ca_file else None
    return Smtp(s.smtp_host, s.smtp_port, s.smtp_security, s.smtp_user, s.smtp_password, s.smtp_sender, ca_file)
