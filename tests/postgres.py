"""A throwaway PostgreSQL cluster for the register's tests, from Debian's `postgresql` binaries.

`postgres_server` (session scope) runs `initdb` and `pg_ctl` in a temporary directory on a free loopback
port and stops the cluster at the end; `postgres_database` gives each test a database of its own. As root
(CI), the server runs as the `postgres` user the Debian package creates, since PostgreSQL refuses root.
Where the binaries are absent the tests that need them are skipped with the reason printed (`-ra`).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.smtp import free_port

SUPERUSER = "foi"


def binaries() -> Path | None:
    """The newest installed PostgreSQL's bin directory, or None."""
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/pg_ctl"), key=lambda p: int(p.parent.parent.name))
    return found[-1].parent if found else None


def _as_server_user(argv: list[str]) -> list[str]:
    return ["runuser", "-u", "postgres", "--", *argv] if os.geteuid() == 0 else argv


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[str]:
    """The URL prefix of a running cluster: `postgresql+psycopg://foi@127.0.0.1:PORT/`."""
    bin_dir = binaries()
    if bin_dir is None:
        pytest.skip("PostgreSQL binaries not installed (Debian package postgresql): register tests ran on SQLite only")
    home = Path(tempfile.mkdtemp(prefix="foi-postgres-"))  # not under pytest's root-only tmp: the server reads it
    if os.geteuid() == 0:
        shutil.chown(home, "postgres", "postgres")
    data, port = home / "data", free_port()
    run = lambda *argv: subprocess.run(_as_server_user([str(a) for a in argv]), check=True, capture_output=True)  # noqa: E731
    run(bin_dir / "initdb", "-D", data, "-U", SUPERUSER, "--auth=trust", "--encoding=UTF8", "--no-sync")
    options = f"-p {port} -k {home} -c listen_addresses=127.0.0.1 -c fsync=off"
    run(bin_dir / "pg_ctl", "-D", data, "-o", options, "-l", home / "log", "-w", "start")
    try:
        yield f"postgresql+psycopg://{SUPERUSER}@127.0.0.1:{port}/"
    finally:
        run(bin_dir / "pg_ctl", "-D", data, "-m", "immediate", "-w", "stop")
        shutil.rmtree(home, ignore_errors=True)


@pytest.fixture
def postgres_database(postgres_server) -> str:
    """The URL of a new, empty database on the throwaway cluster."""
    from sqlalchemy import create_engine, text

    name = f"register_{uuid.uuid4().hex[:12]}"
    admin = create_engine(postgres_server + "postgres", isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return postgres_server + name


DATABASES = ["sqlite", pytest.param("postgresql", marks=pytest.mark.slow)]
"""The databases a register test runs on; on PostgreSQL it needs the cluster, so it is `slow` (the fast lane
keeps the SQLite half)."""


def settings_on(request, tmp_path):
    """Settings whose register is on `request.param` (a module overrides its `settings` fixture with this,
    parametrized over `DATABASES`, to run every test of the module on each database)."""
    from settings import Settings

    s = Settings(data_dir=tmp_path / "data", task_queue=f"q-{uuid.uuid4().hex[:8]}")
    if request.param == "postgresql":
        s = s.model_copy(update={"database_url": request.getfixturevalue("postgres_database")})
    return s
