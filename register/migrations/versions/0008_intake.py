"""Requests arrive by email (issue 22): each message the mailbox took (`intake`, keyed by mailbox, folder,
UIDVALIDITY and UID so that none is taken twice; the raw message sealed with the payload keys), and the
mailbox's health (`intake_health`)."""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"


def present(inspector) -> bool:
    return inspector.has_table("intake")


def upgrade() -> None:
    inspector = sa.inspect(op.get_bind())
    if not inspector.has_table("intake"):
        op.create_table(
            "intake",
            sa.Column("id", sa.Integer, primary_key=True),
            sa.Column("mailbox", sa.String(400), nullable=False),
            sa.Column("folder", sa.String(400), nullable=False),
            sa.Column("uidvalidity", sa.BigInteger, nullable=False),
            sa.Column("uid", sa.BigInteger, nullable=False),
            sa.Column("digest", sa.String(64), nullable=False),
            sa.Column("arrived_at", sa.DateTime(timezone=True), nullable=False),
            sa.Column("received", sa.Date, nullable=False),
            sa.Column("sender_name", sa.Text),
            sa.Column("sender_email", sa.Text),
            sa.Column("subject", sa.Text),
            sa.Column("body", sa.Text, nullable=False),
            sa.Column("attachments", sa.JSON, nullable=False),
            sa.Column("notes", sa.JSON, nullable=False),
            sa.Column("message_id", sa.Text),
            sa.Column("suggested_regime", sa.String(8), nullable=False),
            sa.Column("suggestion_reason", sa.Text, nullable=False),
            sa.Column("raw_key", sa.String(64), nullable=False),
            sa.Column("raw", sa.LargeBinary, nullable=False),
            sa.Column("status", sa.String(16), nullable=False),
            sa.Column("ref", sa.String(64)),
            sa.Column("reason", sa.Text),
            sa.Column("taken_at", sa.DateTime(timezone=True), nullable=False),
            sa.Column("moved_at", sa.DateTime(timezone=True)),
            sa.Column("triaged_at", sa.DateTime(timezone=True)),
            sa.Column("triaged_by", sa.String(340)),
            sa.Column("used_for", sa.String(32)),
            sa.Column("acknowledged_at", sa.DateTime(timezone=True)),
            sa.UniqueConstraint("mailbox", "folder", "uidvalidity", "uid"),
        )
        for column in ("digest", "received", "status", "ref"):
            op.create_index(f"ix_intake_{column}", "intake", [column])
    if not inspector.has_table("intake_health"):
        op.create_table(
            "intake_health",
            sa.Column("mailbox", sa.String(400), primary_key=True),
            sa.Column("ok", sa.Boolean, nullable=False),
            sa.Column("message", sa.Text, nullable=False),
            sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        )


def downgrade() -> None:
    raise NotImplementedError("the register is upgraded only; to go back, restore a backup")
