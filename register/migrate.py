"""Bring an existing register up to the current schema, additively and idempotently.

`create_all` makes missing tables but never adds a column to a table that exists. This adds each
column the models declare and the database lacks (every such column is nullable), then each missing
index; running it again changes nothing. Rows written before the read-model columns existed are
filled from the evaluation JSON they carry (`backfill_read_model`).
"""

from __future__ import annotations

from sqlalchemy import MetaData, inspect, text
from sqlalchemy.engine import Engine


def add_missing_columns(engine: Engine, metadata: MetaData) -> list[str]:
    """Add the declared columns and indexes a database lacks; return the columns added ("table.column")."""
    added = []
    inspector = inspect(engine)
    for table in metadata.sorted_tables:
        present = {c["name"] for c in inspector.get_columns(table.name)}
        missing = [c for c in table.columns if c.name not in present]
        with engine.begin() as conn:
            for column in missing:
                if not column.nullable:
                    raise RuntimeError(f"register: cannot add non-nullable column {table.name}.{column.name}")
                kind = column.type.compile(dialect=engine.dialect)
                conn.execute(text(f'ALTER TABLE {table.name} ADD COLUMN "{column.name}" {kind}'))
                added.append(f"{table.name}.{column.name}")
            for index in table.indexes:
                index.create(conn, checkfirst=True)
    if added:
        from register.backfill import backfill_read_model

        backfill_read_model(engine)
    return added
