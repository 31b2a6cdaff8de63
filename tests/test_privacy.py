"""Personal data stays out of Temporal's plain sight: every payload is encrypted, keys rotate, logs are clean."""

from __future__ import annotations

import asyncio
import logging
import stat

import pytest
from temporalio.api.common.v1 import Payload, WorkflowExecution
from temporalio.api.workflowservice.v1 import GetWorkflowExecutionHistoryRequest

from runtime.codec import EncryptionCodec, Keyring, load_keyring
from runtime.errors import Unavailable
from tests.conftest import running_worker
from tests.lifecycle import record, start, today, view
from workflows import workflow_id

PERSONAL = {
    "requester_name": "Edin Omanovic",
    "requester_email": "edin.omanovic@example.org",
    "subject": "Data extraction policies of Immigration Enforcement",
}


async def test_no_personal_value_appears_in_the_raw_history(env, settings, caplog):
    caplog.set_level(logging.DEBUG)
    async with running_worker(env.client, settings):
        handle = await start(env, settings, ref="P1", **PERSONAL)
        received = await today(env)
        await record(handle, "responded", received, outcome="granted")
        shown = await view(handle)
        assert shown.subject == PERSONAL["subject"]  # readable through the codec
        await asyncio.sleep(0.2)
        raw = await env.client.workflow_service.get_workflow_execution_history(
            GetWorkflowExecutionHistoryRequest(
                namespace=env.client.namespace, execution=WorkflowExecution(workflow_id=workflow_id("P1"))
            )
        )
    data = raw.SerializeToString()
    assert len(raw.history.events) > 5
    for value in PERSONAL.values():
        assert value.encode() not in data
        assert value not in caplog.text
    assert b"binary/encrypted" in data


async def test_rotated_keys_decrypt_old_payloads_and_encrypt_with_the_new_one():
    old, new = Keyring.generate(), Keyring.generate()
    sealed = await EncryptionCodec(old).encode([Payload(metadata={"encoding": b"json/plain"}, data=b'"secret"')])
    rotated = Keyring(keys={**new.keys, **old.keys}, current=new.current)
    [plain] = await EncryptionCodec(rotated).decode(sealed)
    assert plain.data == b'"secret"'
    [resealed] = await EncryptionCodec(rotated).encode([plain])
    assert resealed.metadata["encryption-key-id"] == new.current.encode()
    with pytest.raises(ValueError, match="unknown key"):
        await EncryptionCodec(new).decode(sealed)


def test_the_key_file_is_created_once_with_owner_only_permissions(settings):
    with pytest.raises(Unavailable, match="no payload key"):
        load_keyring(settings)  # the starter never invents a key
    first = load_keyring(settings, create=True)
    mode = stat.S_IMODE(settings.key_file.stat().st_mode)
    assert mode == 0o600
    assert load_keyring(settings) == first == load_keyring(settings, create=True)


def test_keys_from_the_setting_take_precedence_and_the_first_encrypts(settings):
    a, b = Keyring.generate(), Keyring.generate()
    line = ",".join(f"{k}:{v}" for k, v in (pair.split() for ring in (a, b) for pair in ring.lines().splitlines()))
    ring = load_keyring(settings.model_copy(update={"encryption_keys": line}))
    assert ring.current == a.current and set(ring.keys) == {a.current, b.current}
    with pytest.raises(Unavailable):
        load_keyring(settings.model_copy(update={"encryption_keys": "nonsense"}))
