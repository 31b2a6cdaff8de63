"""The register's schema, by Alembic: every change since the first release is a revision in `versions/`,
applied in order on start (the worker, each staff command and the dashboard open the register through
`register.engine_for`, which calls `upgrade`). A register made before Alembic (by `create_all`, with no
`alembic_version` table) is recognised by its shape and stamped with the last revision it already has,
then upgraded like any other.

How to add a revision (the chain stays linear: one head, each revision's `down_revision` the previous):

1. Change the models (`register/store.py`, `register/outbox.py`, or a table of `runtime/key_check.py`).
2. `alembic -x url=sqlite:///.foi/register.db revision --rev-id NNNN -m "what changes"` from the
   project's root (its `alembic.ini` points here; NNNN the next number), or copy the latest file in
   `versions/` as `NNNN_what_changes.py` with `revision = "NNNN"` and `down_revision` the current head.
   With `--autogenerate`, against a register at the head, Alembic drafts the operations: read them,
   they are a draft.
3. Write `upgrade()` with `op` and explicit columns: never import the ORM models (they describe the
   head, not the schema at this revision). A data step (a backfill) reads and writes with `sa.table()`.
4. Write `present(inspector)`: True when a register made before Alembic already has this change. It is
   only consulted for such registers; a revision made after Alembic was adopted returns False.
5. Set `HEAD` below to the new revision (`tests/test_migrations.py` checks it is the scripts' head) and
   add the new shape to that test: a register at the previous head, with rows, upgraded with nothing
   lost, on SQLite and PostgreSQL.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import inspect, text
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import DBAPIError

HEAD = "0014"
"""The newest revision: a register already there is opened with one query and no Alembic import."""

HERE = Path(__file__).resolve().parent


def _config(connection: Connection):
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(HERE))
    config.attributes["connection"] = connection
    return config


def current_revision(engine: Engine) -> str | None:
    """The revision the register is at, or None when it has no `alembic_version` table (or no row)."""
    with engine.connect() as conn:
        if not inspect(conn).has_table("alembic_version"):
            return None
        return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


def adopted_revision(connection: Connection) -> str | None:
    """For a register made before Alembic: the last revision whose change it already has, each earlier
    one included (None for an empty database)."""
    from alembic.script import ScriptDirectory

    inspector = inspect(connection)
    if not inspector.has_table("cases"):
        return None
    scripts = ScriptDirectory.from_config(_config(connection))
    found = None
    for script in reversed(list(scripts.walk_revisions())):  # base first
        if not script.module.present(inspector):
            break
        found = script.revision
    return found


def upgrade(engine: Engine) -> None:
    """Bring the register to `HEAD`: stamp a register made before Alembic, then apply what it lacks. One
    process at a time: the worker, a command and the dashboard may all start on a new register at once."""
    try:
        if current_revision(engine) == HEAD:
            return
    except DBAPIError:
        pass  # the slow path below reports what is wrong
    logging.getLogger("alembic").setLevel(logging.WARNING)  # before the import: its plugins log as they load
    from alembic import command

    with _one_at_a_time(engine), engine.begin() as conn:
        if conn.dialect.name == "postgresql":
            conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": LOCK_KEY})
        config = _config(conn)
        if not inspect(conn).has_table("alembic_version"):
            adopted = adopted_revision(conn)
            if adopted is not None:
                command.stamp(config, adopted)
        command.upgrade(config, "head")  # nothing to do if another process got there first


LOCK_KEY = 0x464F49  # "FOI": PostgreSQL's advisory lock held while the register is migrated


@contextmanager
def _one_at_a_time(engine: Engine) -> Iterator[None]:
    """An exclusive lock for a SQLite file's migration (a file beside it); PostgreSQL's is in the
    transaction (`pg_advisory_xact_lock`)."""
    path = engine.url.database if engine.dialect.name == "sqlite" else None
    if not path or path == ":memory:":
        yield
        return
    import fcntl

    with open(f"{path}.migrating", "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)
