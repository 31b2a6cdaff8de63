"""Needs attention (issue 14, merged in ee86bd6): a running case whose history no longer fits the law
as now known, and why."""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"


def present(inspector) -> bool:
    return inspector.has_table("case_attention")


def upgrade() -> None:
    if present(sa.inspect(op.get_bind())):
        return
    op.create_table(
        "case_attention",
        sa.Column("ref", sa.String(64), primary_key=True),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("since", sa.DateTime(timezone=True), nullable=False),
    )


def downgrade() -> None:
    raise NotImplementedError("the register is upgraded only; to go back, restore a backup")
