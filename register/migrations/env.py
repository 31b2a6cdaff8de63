"""Alembic's environment for the register: online migrations only, on the connection the application
passes in (`register.migrations.upgrade`), or, from the `alembic` command line, on the register named by
`-x url=...` (e.g. `alembic -x url=sqlite:///.foi/register.db revision --autogenerate -m "..."`)."""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine

from register.store import Base

target_metadata = Base.metadata


def run(connection) -> None:
    context.configure(connection=connection, target_metadata=target_metadata, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()


connection = context.config.attributes.get("connection")
if connection is not None:
    run(connection)
else:
    url = context.get_x_argument(as_dictionary=True).get("url")
    if not url:
        raise SystemExit("name the register: alembic -x url=sqlite:///.foi/register.db ...")
    with create_engine(url).begin() as conn:
        run(conn)
