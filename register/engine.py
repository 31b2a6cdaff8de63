"""Opening the register: one SQLAlchemy engine per URL, its schema brought to the newest revision.

SQLAlchemy's core only, no ORM models: a staff command that reads one table (the worker's key
fingerprints, runtime/key_check.py) opens the register without loading the store's mapped classes."""

from __future__ import annotations

from functools import lru_cache

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine

from register.migrations import upgrade


@lru_cache(maxsize=8)
def engine_for(url: str) -> Engine:
    """One engine per URL, its schema brought to the newest revision; SQLite gets WAL and a busy timeout for
    two processes."""
    if url.startswith("sqlite:///"):
        from pathlib import Path

        from register.private import private_dir, private_file

        db = Path(url.removeprefix("sqlite:///"))
        private_dir(db.parent)
        private_file(db)  # 0600 before SQLite creates it with the umask's mode (its -wal, -shm follow it)
    engine = create_engine(
        url,
        connect_args={"timeout": 10} if url.startswith("sqlite") else {},
        hide_parameters=True,  # an error's text must never carry a requester's details
    )
    if url.startswith("sqlite"):

        @event.listens_for(engine, "connect")
        def _pragmas(conn, _record):
            cur = conn.cursor()
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA busy_timeout=10000")
            cur.close()

    upgrade(engine)  # register/migrations: Alembic's revisions, from the first release's schema to now
    return engine
