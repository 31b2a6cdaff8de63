"""Exemptions (issue 13, merged in 16b1436): the exemptions an event cited and whether a public interest
test was applied, in a table of their own."""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"


def present(inspector) -> bool:
    return inspector.has_table("event_exemptions")


def upgrade() -> None:
    if present(sa.inspect(op.get_bind())):
        return
    op.create_table(
        "event_exemptions",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("ref", sa.String(64), nullable=False),
        sa.Column("seq", sa.Integer, nullable=False),
        sa.Column("exemptions", sa.JSON, nullable=False),
        sa.Column("public_interest_test", sa.Boolean, nullable=False),
        sa.UniqueConstraint("ref", "seq"),
    )
    op.create_index("ix_event_exemptions_ref", "event_exemptions", ["ref"])


def downgrade() -> None:
    raise NotImplementedError("the register is upgraded only; to go back, restore a backup")
