"""A real SMTP server on loopback (aiosmtpd) that keeps every message it accepts."""

from __future__ import annotations

import asyncio
import socket
import threading
from contextlib import contextmanager
from email import message_from_bytes

from aiosmtpd.controller import Controller


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Inbox:
    """Every message the server accepted, except to the addresses in `refuse` (550 at RCPT, as a real
    server does for an unknown mailbox). With `answer_after`, the server keeps the message (it is
    delivered) and then waits that many seconds before telling the client: the window in which a sender
    killed mid-send has delivered a message it does not know about. `receiving` is set when one arrives."""

    def __init__(self, refuse: frozenset[str] = frozenset(), answer_after: float = 0):
        self.messages = []
        self.refuse = refuse
        self.answer_after = answer_after
        self.receiving = threading.Event()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):  # noqa: N802 - aiosmtpd's hook
        if address in self.refuse:
            return f"550 5.1.1 <{address}>: Recipient address rejected: User unknown"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's hook name
        self.messages.append((envelope.rcpt_tos, message_from_bytes(envelope.content)))
        self.receiving.set()
        if self.answer_after:
            await asyncio.sleep(self.answer_after)
        return "250 OK"


@contextmanager
def smtp_server(port: int, refuse: frozenset[str] = frozenset(), answer_after: float = 0):
    inbox = Inbox(refuse, answer_after)
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield inbox
    finally:
        controller.stop()
