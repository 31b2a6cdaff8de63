"""The first release's register (2026-11-24, commit 9a62f6c): cases, their events, the notifications
outbox and proclaimed days."""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None


def present(inspector) -> bool:
    return inspector.has_table("cases")


def upgrade() -> None:
    op.create_table(
        "cases",
        sa.Column("ref", sa.String(64), primary_key=True),
        sa.Column("regime", sa.String(8), nullable=False),
        sa.Column("received", sa.Date, nullable=False),
        sa.Column("subject", sa.Text),
        sa.Column("requester_name", sa.Text),
        sa.Column("requester_email", sa.Text),
        sa.Column("officer", sa.String(320)),
        sa.Column("manager", sa.String(320)),
        sa.Column("workflow_id", sa.String(80), nullable=False),
        sa.Column("stage", sa.String(32), nullable=False),
        sa.Column("closed_reason", sa.String(32)),
        sa.Column("evaluation", sa.JSON),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "events",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("ref", sa.String(64), nullable=False),
        sa.Column("seq", sa.Integer, nullable=False),
        sa.Column("type", sa.String(32), nullable=False),
        sa.Column("on", sa.Date, nullable=False),
        sa.Column("outcome", sa.String(32)),
        sa.Column("until", sa.Date),
        sa.Column("exceptional", sa.Boolean, nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("ref", "seq"),
    )
    op.create_index("ix_events_ref", "events", ["ref"])
    op.create_table(
        "notifications",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("key", sa.String(200), nullable=False, unique=True),
        sa.Column("ref", sa.String(64), nullable=False),
        sa.Column("kind", sa.String(40), nullable=False),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("recipient", sa.String(320), nullable=False),
        sa.Column("alarm_on", sa.Date, nullable=False),
        sa.Column("deadline", sa.Date),
        sa.Column("subject", sa.Text, nullable=False),
        sa.Column("body", sa.Text, nullable=False),
        sa.Column("channel", sa.String(8), nullable=False),
        sa.Column("status", sa.String(8), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("sent_at", sa.DateTime(timezone=True)),
    )
    op.create_index("ix_notifications_ref", "notifications", ["ref"])
    op.create_table(
        "proclaimed_days",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("on", sa.Date, nullable=False),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("region", sa.String(4), nullable=False),
        sa.Column("added_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("on", "region"),
    )


def downgrade() -> None:
    raise NotImplementedError("the register is upgraded only; to go back, restore a backup")
