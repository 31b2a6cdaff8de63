"""Encryption of every payload this project sends to Temporal (AES-256-GCM), so a requester's name,
email and request text never sit in plain text in the server's history or UI.

Keys: `FOI_ENCRYPTION_KEYS` ("id:base64key,id2:base64key", the first encrypts), or else the key file
in the data dir (`payload.keys`: one "id base64key" per line, the first encrypts), generated with
owner-only permissions the first time the worker runs. Rotation: put a new key first; older keys
stay below it to decrypt what they encrypted.

Strict: a payload that is not encrypted, or is encrypted with a key the ring does not hold, is refused
with a clear error (a deployment moving from unencrypted payloads sets `FOI_ACCEPT_PLAIN_PAYLOADS=true`
once, while its old cases finish); keys are checked when loaded (base64 of 32 bytes, each id once).
"""

from __future__ import annotations

import base64
import binascii
import dataclasses
import os
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from temporalio.api.common.v1 import Payload
from temporalio.converter import PayloadCodec

from register.private import private_dir, shared_mode
from runtime.errors import Unavailable

ENCODING = b"binary/encrypted"
KEY_ID = "encryption-key-id"


@dataclass(frozen=True)
class Keyring:
    keys: dict[str, bytes]
    current: str
    accept_plain: bool = False
    """Decode unencrypted payloads too (setting `accept_plain_payloads`, for a migration only)."""

    @classmethod
    def parse(cls, pairs: Sequence[tuple[str, str]]) -> Keyring:
        keys = {}
        for key_id, b64 in pairs:
            if key_id in keys:
                raise Unavailable(f"encryption key id {key_id!r} is given twice: each key needs its own id")
            try:
                raw = base64.b64decode(b64, validate=True)
            except binascii.Error:
                raw = b""
            if len(raw) != 32:
                raise Unavailable(f"encryption key {key_id!r} is not 32 bytes of base64")
            keys[key_id] = raw
        if not keys:
            raise Unavailable("no encryption key given")
        return cls(keys=keys, current=pairs[0][0])

    @classmethod
    def generate(cls) -> Keyring:
        key_id = f"k{datetime.now(UTC):%Y%m%d}{secrets.token_hex(3)}"
        return cls(keys={key_id: AESGCM.generate_key(bit_length=256)}, current=key_id)

    def lines(self) -> str:
        order = [self.current, *(k for k in self.keys if k != self.current)]
        return "".join(f"{k} {base64.b64encode(self.keys[k]).decode()}\n" for k in order)


def read_key_file(path: Path) -> Keyring:
    pairs = [
        tuple(line.split()[:2]) for line in path.read_text().splitlines() if line.strip() and not line.startswith("#")
    ]
    return Keyring.parse(pairs)


def check_owner_only(path: Path) -> None:
    """Refuse a key file that other users can read."""
    mode = shared_mode(path)
    if mode is not None:
        raise Unavailable(f"the key file {path} is readable by other users (mode {mode:04o}): chmod 600 {path}")


def load_keyring(settings, create: bool = False) -> Keyring:
    """The keys from the setting, else the key file (the worker creates it when there is none), with the
    setting on unencrypted payloads."""
    return dataclasses.replace(_load_keys(settings, create), accept_plain=settings.accept_plain_payloads)


def _load_keys(settings, create: bool) -> Keyring:
    if settings.encryption_keys:
        pairs = [tuple(item.strip().split(":", 1)) for item in settings.encryption_keys.split(",") if item.strip()]
        if any(len(p) != 2 for p in pairs):
            raise Unavailable("FOI_ENCRYPTION_KEYS must be 'id:base64key[,id:base64key...]'")
        return Keyring.parse(pairs)
    path = settings.key_file
    if path.exists():
        check_owner_only(path)
        return read_key_file(path)
    if not create:
        raise Unavailable(
            f"no payload key at {path}: start the worker once (it creates one) or set FOI_ENCRYPTION_KEYS"
        )
    private_dir(path.parent)
    ring = Keyring.generate()
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as f:
        f.write("# payload encryption keys: the first encrypts, all decrypt. Keep this file secret.\n")
        f.write(ring.lines())
    return ring


class PayloadRefused(ValueError):
    """A payload this deployment must not read: unencrypted, or encrypted with a key it does not hold."""


def seal(keyring: Keyring, plain: bytes) -> tuple[str, bytes]:
    """`plain` encrypted with the ring's current key: (that key's id, nonce + ciphertext). The payloads
    use it, and so does anything else kept encrypted at rest (a raw message the mailbox took)."""
    key_id = keyring.current
    nonce = os.urandom(12)
    return key_id, nonce + AESGCM(keyring.keys[key_id]).encrypt(nonce, plain, key_id.encode())


def unseal(keyring: Keyring, key_id: str, sealed: bytes) -> bytes:
    """What `seal` encrypted with key `key_id`; refused when the ring does not hold that key."""
    key = keyring.keys.get(key_id)
    if key is None:
        raise PayloadRefused(f"payload encrypted with unknown key {key_id!r}: add it to the keyring")
    return AESGCM(key).decrypt(sealed[:12], sealed[12:], key_id.encode())


class EncryptionCodec(PayloadCodec):
    def __init__(self, keyring: Keyring):
        self.keyring = keyring

    async def encode(self, payloads: Sequence[Payload]) -> list[Payload]:
        out = []
        for p in payloads:
            key_id, sealed = seal(self.keyring, p.SerializeToString())
            out.append(Payload(metadata={"encoding": ENCODING, KEY_ID: key_id.encode()}, data=sealed))
        return out

    async def decode(self, payloads: Sequence[Payload]) -> list[Payload]:
        out = []
        for p in payloads:
            if p.metadata.get("encoding") != ENCODING:
                if not self.keyring.accept_plain:
                    raise PayloadRefused(
                        "refused an unencrypted payload: every payload must be encrypted "
                        "(FOI_ACCEPT_PLAIN_PAYLOADS=true reads old unencrypted ones during a migration)"
                    )
                out.append(p)
                continue
            out.append(Payload.FromString(unseal(self.keyring, p.metadata[KEY_ID].decode(), p.data)))
        return out
