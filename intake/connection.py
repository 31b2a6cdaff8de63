"""Opening the FOI mailbox with imap-tools: TLS, STARTTLS or (to a loopback address only, checked in
settings.py) plain IMAP; the certificate is verified against the system's CAs or
`FOI_INTAKE__CA_FILE`. The done folder is created when missing; the watched folder is selected."""

from __future__ import annotations

import ssl
from contextlib import suppress

from imap_tools import BaseMailBox, MailBox, MailBoxStartTls, MailBoxUnencrypted

from settings import IntakeSettings

TIMEOUT = 60.0
"""Seconds any one exchange with the server may take before the connection is given up and retried."""


def mailbox_name(s: IntakeSettings) -> str:
    """The mailbox as the register and the log name it: login at host:port (no password, no requester)."""
    return f"{s.user}@{s.imap_host}:{s.port}"


def open_mailbox(s: IntakeSettings) -> BaseMailBox:
    tls = ssl.create_default_context(cafile=str(s.ca_file) if s.ca_file else None)
    if s.tls == "tls":
        box = MailBox(s.imap_host, s.port, timeout=TIMEOUT, ssl_context=tls)
    elif s.tls == "starttls":
        box = MailBoxStartTls(s.imap_host, s.port, timeout=TIMEOUT, ssl_context=tls)
    else:
        box = MailBoxUnencrypted(s.imap_host, s.port, timeout=TIMEOUT)
    try:
        box.login(s.user or "", s.secret(), initial_folder=None)
        refresh_capabilities(box)
        if not box.folder.exists(s.done_folder):
            box.folder.create(s.done_folder)
        box.folder.set(s.folder)
    except BaseException:
        _close(box)
        raise
    return box


def refresh_capabilities(box: BaseMailBox) -> None:
    """What the server offers once logged in (many add MOVE, IDLE only then): imaplib keeps the list it
    was given before login, and without MOVE a move is a copy and an EXPUNGE of the whole folder's
    deleted messages."""
    typ, data = box.client.capability()
    if typ == "OK" and data and data[0]:
        box.client.capabilities = tuple(data[0].decode().upper().split())


def uidvalidity(box: BaseMailBox, folder: str) -> int:
    return box.folder.status(folder, ["UIDVALIDITY"])["UIDVALIDITY"]


def idle_offered(box: BaseMailBox) -> bool:
    return "IDLE" in box.client.capabilities


def _close(box: BaseMailBox) -> None:
    with suppress(Exception):  # closing a connection that already failed
        box.client.shutdown()


def close(box: BaseMailBox) -> None:
    """Log out, or just drop the connection when the server no longer answers."""
    try:
        box.logout()
    except Exception:
        _close(box)
