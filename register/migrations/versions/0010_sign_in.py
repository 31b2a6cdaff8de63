"""Staff sign in to the dashboard (issue 19): each person's password, as its Argon2 hash only; the count
of failed sign-ins in a row and when a lock-out after too many ends; and when their sessions last ended
(signing out, or a new password, ends every session begun before)."""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"


def present(inspector) -> bool:
    return inspector.has_table("people") and "password_hash" in {c["name"] for c in inspector.get_columns("people")}


def upgrade() -> None:
    have = {c["name"] for c in sa.inspect(op.get_bind()).get_columns("people")}
    columns = [
        sa.Column("password_hash", sa.Text),
        sa.Column("failed_sign_ins", sa.Integer),
        sa.Column("locked_until", sa.DateTime(timezone=True)),
        sa.Column("sessions_after", sa.DateTime(timezone=True)),
    ]
    with op.batch_alter_table("people") as t:
        for column in columns:
            if column.name not in have:
                t.add_column(column)


def downgrade() -> None:
    raise NotImplementedError("the register is upgraded only; to go back, restore a backup")
