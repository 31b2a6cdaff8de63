"""Alerts a manager can trust (issue 9, 71bdacc): a notification may wait for its recipient's daily
digest (`digest_key`) and be withdrawn when found wrong; `digests` records each digest sent."""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"


def present(inspector) -> bool:
    return inspector.has_table("digests")


def upgrade() -> None:
    inspector = sa.inspect(op.get_bind())
    have = {c["name"] for c in inspector.get_columns("notifications")}
    added = [
        sa.Column("digest_key", sa.String(400)),
        sa.Column("withdrawn_at", sa.DateTime(timezone=True)),
        sa.Column("withdrawn_reason", sa.Text),
    ]
    with op.batch_alter_table("notifications") as table:
        for column in added:
            if column.name not in have:
                table.add_column(column)
    if "ix_notifications_digest_key" not in {i["name"] for i in inspector.get_indexes("notifications")}:
        op.create_index("ix_notifications_digest_key", "notifications", ["digest_key"])
    if inspector.has_table("digests"):
        return
    op.create_table(
        "digests",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("key", sa.String(400), nullable=False, unique=True),
        sa.Column("recipient", sa.String(320), nullable=False),
        sa.Column("day", sa.Date, nullable=False),
        sa.Column("channel", sa.String(8), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("subject", sa.Text),
        sa.Column("body", sa.Text),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("sent_at", sa.DateTime(timezone=True)),
    )


def downgrade() -> None:
    raise NotImplementedError("the register is upgraded only; to go back, restore a backup")
