"""Nothing read or written silently: the codec refuses what it must not read, keys are checked when
loaded, and the register refuses an update to a case it does not have or a different event under a
number already used."""

from __future__ import annotations

import base64
from datetime import date

import pytest
from temporalio.api.common.v1 import Payload

from rules import Event
from runtime.codec import EncryptionCodec, Keyring, PayloadRefused, load_keyring
from runtime.errors import Unavailable
from settings import Settings

KEY = base64.b64encode(bytes(range(32))).decode()
PLAIN = Payload(metadata={"encoding": b"json/plain"}, data=b'{"requester": "A Person"}')


async def test_an_unencrypted_payload_is_refused_unless_a_migration_allows_it(tmp_path):
    ring = load_keyring(Settings(data_dir=tmp_path, encryption_keys=f"k1:{KEY}"))
    with pytest.raises(PayloadRefused, match="refused an unencrypted payload"):
        await EncryptionCodec(ring).decode([PLAIN])
    migrating = load_keyring(Settings(data_dir=tmp_path, encryption_keys=f"k1:{KEY}", accept_plain_payloads=True))
    assert await EncryptionCodec(migrating).decode([PLAIN]) == [PLAIN]


async def test_a_payload_under_an_unknown_key_is_refused():
    sealed = await EncryptionCodec(Keyring.generate()).encode([PLAIN])
    with pytest.raises(PayloadRefused, match="unknown key"):
        await EncryptionCodec(Keyring.parse([("k1", KEY)])).decode(sealed)


@pytest.mark.parametrize(
    "setting, says",
    [
        ("k1:not-base64!", "'k1' is not 32 bytes of base64"),
        (f"k1:{base64.b64encode(b'short').decode()}", "'k1' is not 32 bytes of base64"),
        (f"k1:{KEY},k1:{KEY}", "'k1' is given twice"),
        ("k1", "must be 'id:base64key"),
    ],
)
def test_bad_keys_are_one_clear_line_when_loaded(tmp_path, setting, says):
    with pytest.raises(Unavailable, match=says):
        load_keyring(Settings(data_dir=tmp_path, encryption_keys=setting))


def test_updating_a_case_the_register_does_not_have_is_an_error(register):
    with pytest.raises(LookupError, match="case NOPE is not in the register"):
        register.update_case("NOPE", "closed", "withdrawn", {})


def test_a_retried_event_must_be_the_same_event(register):
    responded = Event(type="responded", on=date(2021, 4, 21), outcome="granted")
    assert register.record_event("R1", 0, responded) is True
    assert register.record_event("R1", 0, responded) is False  # a retry: recorded once
    with pytest.raises(ValueError, match="event 0 of case R1 is already recorded as responded on 2021-04-21"):
        register.record_event("R1", 0, Event(type="withdrawn", on=date(2021, 4, 22)))
