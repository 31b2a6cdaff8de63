"""The worker's watch on the FOI mailbox (when `FOI_INTAKE__IMAP_HOST` is set): take every message in
the folder, then wait for more — IDLE where the server offers it, polling otherwise — and after each
pass send the acknowledgements due and raise the untriaged-request alarms (intake/follow_up.py).

It runs in a thread of its own beside the worker. A server that cannot be reached or refuses the login is
one line in the worker's log and on the dashboard's health page, retried with a doubling wait up to
`FOI_INTAKE__RETRY_MAX_SECONDS`; nothing else in the worker stops."""

from __future__ import annotations

import asyncio
import logging
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager, suppress

from imap_tools import BaseMailBox

from intake.connection import close, idle_offered, mailbox_name, open_mailbox, uidvalidity
from intake.follow_up import FollowUp
from intake.taking import Taker
from register import Register
from runtime.codec import Keyring
from runtime.errors import one_line
from settings import Settings

log = logging.getLogger("foi.intake")
IDLE_SLICE = 25 * 60
"""RFC 2177: re-issue IDLE at least every 29 minutes."""


class Watch:
    def __init__(self, settings: Settings, register: Register, keyring: Keyring):
        self.settings, self.register = settings, register
        self.intake = settings.intake
        self.mailbox = mailbox_name(self.intake)
        self.taker = Taker(register, keyring, self.intake, self.mailbox, settings.alarms.timezone)
        self.follow_up = FollowUp.for_settings(register, settings)
        self.stop = threading.Event()
        self.box: BaseMailBox | None = None

    def run(self) -> None:
        wait = 1.0
        while not self.stop.is_set():
            try:
                self.session()
                wait = 1.0
            except Exception as exc:
                if self.stop.is_set():
                    break
                self.unhealthy(exc, wait)
                self.stop.wait(wait)
                wait = min(wait * 2, self.intake.retry_max_seconds)

    def session(self) -> None:
        self.box = box = open_mailbox(self.intake)
        try:
            idle = idle_offered(box)
            self.register.intake_health(
                self.mailbox, True, f"watching {self.intake.folder} ({'IDLE' if idle else 'polling'})"
            )
            log.info(
                "intake: watching %s folder %s (%s)", self.mailbox, self.intake.folder, "IDLE" if idle else "polling"
            )
            while not self.stop.is_set():
                self.taker.take_all(box, uidvalidity(box, self.intake.folder))
                self.follow_up.run()
                timeout = min(self.intake.poll_seconds, IDLE_SLICE)
                if idle:
                    box.idle.wait(timeout=timeout)
                else:
                    self.stop.wait(timeout)
        finally:
            self.box = None
            close(box)

    def unhealthy(self, exc: Exception, wait: float) -> None:
        reason = one_line(str(exc) or type(exc).__name__)[:300]
        line = f"cannot read the mailbox {self.mailbox}: {type(exc).__name__}: {reason}; retrying in {wait:g} s"
        log.warning("intake: %s", line)
        with suppress(Exception):
            self.register.intake_health(self.mailbox, False, line)

    def interrupt(self) -> None:
        """Stop: wake a waiting IDLE by closing the connection under it."""
        self.stop.set()
        box = self.box
        if box is not None:
            with suppress(Exception):
                box.client.shutdown()


@asynccontextmanager
async def watching_mailbox(settings: Settings, keyring: Keyring) -> AsyncIterator[Watch | None]:
    """The mailbox watched in a thread for as long as the block runs (nothing when no IMAP host is set)."""
    if not settings.intake.imap_host:
        yield None
        return
    watch = Watch(settings, Register(settings.register_url), keyring)
    thread = threading.Thread(target=watch.run, name="foi-intake", daemon=True)
    thread.start()
    try:
        yield watch
    finally:
        watch.interrupt()
        await asyncio.to_thread(thread.join, 30)
