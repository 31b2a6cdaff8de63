"""That a staff command and the worker can read each other's payloads, checked before anything is sent.

The worker records its keys' fingerprints in the register when it starts (`worker_keys` table: a
SHA-256 of a label and the key, 16 hex digits, which reveals nothing of the key). A command then
refuses, in one line, when the key it encrypts with is not one the worker holds (the worker could
never decode the case it would start), or when it lacks the key the worker encrypts with (it could
not read the answers). With no fingerprints recorded (no worker has run against this register yet)
there is nothing to compare and nothing is refused.
"""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from register.engine import engine_for
from register.worker_keys import WORKER_KEYS
from runtime.codec import Keyring
from runtime.errors import UserError

WHERE = "FOI_ENCRYPTION_KEYS or the key file in the data dir"


def fingerprint(key: bytes) -> str:
    return hashlib.sha256(b"foi-deadlines payload key\0" + key).hexdigest()[:16]


def _engine(settings):
    return engine_for(settings.register_url)  # its `worker_keys` table made by the register's migrations


def record_worker_keys(settings, keyring: Keyring) -> None:
    """The worker's keys, as fingerprints: the one it encrypts with, and all it can decrypt."""
    row = {
        "id": 1,
        "current": fingerprint(keyring.keys[keyring.current]),
        "all": ",".join(sorted(fingerprint(k) for k in keyring.keys.values())),
        "recorded_at": datetime.now(UTC),
    }
    engine = _engine(settings)
    for attempt in range(3):  # several workers starting at once on one register: the last one's row stays
        try:
            with engine.begin() as conn:
                conn.execute(WORKER_KEYS.delete())
                conn.execute(WORKER_KEYS.insert().values(**row))
            return
        except IntegrityError:
            if attempt == 2:
                raise


def check_against_worker(settings, keyring: Keyring) -> None:
    """Refuse in one line when this command's keys and the worker's cannot read each other."""
    with _engine(settings).connect() as conn:
        row = conn.execute(select(WORKER_KEYS.c.current, WORKER_KEYS.c.all)).first()
    if row is None:
        return
    mine = {fingerprint(k) for k in keyring.keys.values()}
    if fingerprint(keyring.keys[keyring.current]) not in row.all.split(","):
        raise UserError(
            f"this command's encryption key is not one the worker holds ({WHERE} must match the worker's): "
            "nothing was sent"
        )
    if row.current not in mine:
        raise UserError(
            f"the worker encrypts with a key this command does not hold ({WHERE} must include it): nothing was sent"
        )
