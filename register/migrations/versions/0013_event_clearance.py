"""Clearance (issue 20, item 3): the approving team of a flag, what a return asks to change, and a manager's
reason for an answer recorded while clearance was pending, in a table of their own (register/clearance.py)."""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"


def present(inspector) -> bool:
    return inspector.has_table("event_clearance")


def upgrade() -> None:
    if present(sa.inspect(op.get_bind())):
        return
    op.create_table(
        "event_clearance",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("ref", sa.String(64), nullable=False),
        sa.Column("seq", sa.Integer, nullable=False),
        sa.Column("team", sa.String(100)),
        sa.Column("changes", sa.Text),
        sa.Column("override", sa.Text),
        sa.UniqueConstraint("ref", "seq"),
    )
    op.create_index("ix_event_clearance_ref", "event_clearance", ["ref"])


def downgrade() -> None:
    raise NotImplementedError("the register is upgraded only; to go back, restore a backup")
