"""Security work (2026-11-25, merged in 90e86a4): a notification's status grows to 16 characters
(`undeliverable`), and `worker_keys` holds the fingerprints of the worker's payload keys."""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"


def present(inspector) -> bool:
    status = next(c for c in inspector.get_columns("notifications") if c["name"] == "status")
    return (getattr(status["type"], "length", None) or 0) >= 16


def upgrade() -> None:
    with op.batch_alter_table("notifications") as table:  # SQLite: the table is copied with its rows
        table.alter_column("status", type_=sa.String(16), existing_type=sa.String(8), existing_nullable=False)
    if not sa.inspect(op.get_bind()).has_table("worker_keys"):  # made by a staff command before Alembic
        op.create_table(
            "worker_keys",
            sa.Column("id", sa.Integer, primary_key=True),
            sa.Column("current", sa.String(16), nullable=False),
            sa.Column("all", sa.Text, nullable=False),
            sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        )


def downgrade() -> None:
    raise NotImplementedError("the register is upgraded only; to go back, restore a backup")
