"""The intake's settings (`FOI_INTAKE__...`), part of settings.py's `Settings`: where the mailbox is, how
to reach it, where processed messages go, and whether a case started from the mailbox is acknowledged."""

from __future__ import annotations

import ipaddress
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, Field, model_validator

LOOPBACK_NAMES = {"localhost", "localhost.localdomain"}


def is_loopback(host: str) -> bool:
    if host.lower() in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


class IntakeSettings(BaseModel):
    imap_host: str | None = Field(
        None, description="The IMAP server of the FOI mailbox; the worker watches it when set."
    )
    imap_port: int | None = Field(None, description="Default: 993 with tls, 143 otherwise.")
    user: str | None = Field(None, description="The mailbox's login.")
    password: str | None = None
    password_file: Path | None = Field(None, description="A file holding the password (instead of PASSWORD).")
    folder: str = Field("INBOX", description="The folder requests arrive in.")
    done_folder: str = Field(
        "FOI-processed", description="Where a message goes once it is recorded (created if missing)."
    )
    tls: Literal["tls", "starttls", "none"] = Field("tls", description="`none` is allowed only to a loopback address.")
    ca_file: Path | None = Field(
        None, description="CA bundle to verify the server's certificate; default: the system's."
    )
    poll_seconds: float = Field(
        60, gt=0, description="How often to look when the server offers no IDLE (and the longest IDLE wait)."
    )
    retry_max_seconds: float = Field(300, gt=0, description="The longest wait between attempts to reach the server.")
    address: str | None = Field(
        None,
        description="The authority's FOI address, the From: of acknowledgements; default: the login when it is "
        "an email address, else FOI_SMTP_SENDER.",
    )
    acknowledge: bool = Field(
        True, description="Email the requester the acknowledgement when a case starts from the mailbox."
    )
    untriaged_alarm_days: int = Field(
        1, ge=0, description="A request left untriaged this many calendar days after receipt is an alarm."
    )

    @model_validator(mode="after")
    def _plain_only_on_loopback(self) -> IntakeSettings:
        if self.imap_host and self.tls == "none" and not is_loopback(self.imap_host):
            raise ValueError(f"tls none is allowed only to a loopback address, not {self.imap_host}")
        return self

    @property
    def port(self) -> int:
        return self.imap_port or (993 if self.tls == "tls" else 143)

    def secret(self) -> str:
        if self.password_file is not None:
            return self.password_file.read_text().strip()
        return self.password or ""
