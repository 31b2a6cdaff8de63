"""Taking one message from the mailbox: fetched without marking it seen, recorded in the register under
its UIDVALIDITY and UID (with the raw message encrypted, runtime/codec.py), and only then moved to the
done folder. A crash before the record leaves it in the folder to be taken next time; a crash after
it finds it recorded and only moves it: nothing is taken twice, nothing is lost."""

from __future__ import annotations

import hashlib
import logging
from datetime import UTC, datetime

from imap_tools import BaseMailBox

from intake.parse import Parsed, parse
from intake.receipt import day_of_receipt, internaldate
from intake.suggest import suggest
from intake.threads import case_named
from register import Register
from register.intake import AWAITING, FILED, THREADED, IntakeRow
from runtime.codec import Keyring, seal
from settings import IntakeSettings

log = logging.getLogger("foi.intake")


def fetch(box: BaseMailBox, uid: int) -> tuple[bytes, datetime | None] | None:
    """The raw message and its INTERNALDATE, or None when it is no longer there (expunged meanwhile)."""
    typ, data = box.client.uid("fetch", str(uid), "(UID INTERNALDATE BODY.PEEK[])")
    if typ != "OK":
        raise OSError(f"the server refused to fetch message UID {uid}")
    for item in data:
        if isinstance(item, tuple):
            return item[1], internaldate(item[0])
    return None


class Taker:
    """Records the messages of one mailbox folder, built once with its dependencies."""

    def __init__(self, register: Register, keyring: Keyring, intake: IntakeSettings, mailbox: str, timezone: str):
        self.register, self.keyring, self.intake = register, keyring, intake
        self.mailbox, self.timezone = mailbox, timezone

    def take_all(self, box: BaseMailBox, validity: int) -> int:
        """Record and move every message in the folder; the number newly recorded."""
        taken = 0
        for uid in sorted(int(u) for u in box.uids("ALL")):
            row = self.register.intake_taken(self.mailbox, self.intake.folder, validity, uid)
            if row is None:
                fetched = fetch(box, uid)
                if fetched is None:
                    continue
                row, new = self.record(validity, uid, *fetched)
                taken += new
            box.move([str(uid)], self.intake.done_folder)
            self.register.intake_moved([row.id])
        return taken

    def record(self, validity: int, uid: int, raw: bytes, arrived: datetime | None) -> tuple[IntakeRow, bool]:
        notes = []
        if arrived is None:  # every IMAP server sends it; recorded, never guessed silently
            arrived = datetime.now(UTC)
            notes.append("the server gave no arrival time: the day it was taken is used; check the day of receipt")
        digest = hashlib.sha256(raw).hexdigest()
        copy = self.register.intake_unmoved_copy(self.mailbox, self.intake.folder, digest, arrived)
        if copy is not None:
            return copy, False
        p = parse(raw)
        status, ref, reason = self.classify(p)
        regime, why = suggest(p.subject, p.body)
        key_id, sealed = seal(self.keyring, raw)
        row, new = self.register.take_message(
            mailbox=self.mailbox,
            folder=self.intake.folder,
            uidvalidity=validity,
            uid=uid,
            digest=digest,
            arrived_at=arrived,
            received=day_of_receipt(arrived, self.timezone),
            sender_name=p.sender_name,
            sender_email=p.sender_email,
            subject=p.subject,
            body=p.body,
            attachments=p.attachments,
            notes=[*notes, *p.notes],
            message_id=p.message_id,
            suggested_regime=regime,
            suggestion_reason=why,
            raw_key=key_id,
            raw=sealed,
            status=status,
            ref=ref,
            reason=reason,
        )
        if new:
            log.info("intake: message %s recorded (%s), %d bytes", row.id, status, len(raw))
        return row, new

    def classify(self, p: Parsed) -> tuple[str, str | None, str | None]:
        """(status, the case it belongs to, why): filed, threaded to a case, or awaiting triage."""
        if p.automatic:
            return FILED, None, p.automatic
        ref = case_named(self.register, p.subject, p.replies_to)
        if ref is not None:
            return THREADED, ref, "a reply naming the case"
        return AWAITING, None, None
