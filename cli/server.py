"""Running a command against the Temporal server: connect, run, and turn a server that goes away
mid-command into one line (`Unavailable`), never a traceback."""

from __future__ import annotations

import asyncio

from temporalio.service import RPCError

from runtime.connection import connect
from runtime.errors import Unavailable


def run_async(coro_fn):
    """Run `coro_fn(client)` on a fresh connection and return its result."""

    async def wrapped():
        client = await connect()
        return await coro_fn(client)

    try:
        return asyncio.run(wrapped())
    except RPCError as exc:
        raise Unavailable(
            f"Temporal refused the request: {exc.message.splitlines()[0] if exc.message else exc}"
        ) from None
