"""Retention and erasure (issue 23): the erasure log (`erasures`: which case, when, under which rule, by
whom; never a requester's value) and legal holds (`legal_holds`: a case held from erasure, why, by whom)."""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0014"
down_revision = "0013"


def present(inspector) -> bool:
    return inspector.has_table("erasures") and inspector.has_table("legal_holds")


def upgrade() -> None:
    inspector = sa.inspect(op.get_bind())
    if not inspector.has_table("erasures"):
        op.create_table(
            "erasures",
            sa.Column("id", sa.Integer, primary_key=True),
            sa.Column("ref", sa.String(64), nullable=False),
            sa.Column("erased_at", sa.DateTime(timezone=True), nullable=False),
            sa.Column("rule", sa.String(200), nullable=False),
            sa.Column("closed_on", sa.Date),
            sa.Column("erased_by", sa.String(340), nullable=False),
            sa.Column("reason", sa.Text),
            sa.Column("histories_deleted_at", sa.DateTime(timezone=True)),
            sa.Column("compacted_at", sa.DateTime(timezone=True)),
            sa.UniqueConstraint("ref"),
        )
    if not inspector.has_table("legal_holds"):
        op.create_table(
            "legal_holds",
            sa.Column("ref", sa.String(64), primary_key=True),
            sa.Column("reason", sa.Text, nullable=False),
            sa.Column("held_by", sa.String(340), nullable=False),
            sa.Column("held_at", sa.DateTime(timezone=True), nullable=False),
        )


def downgrade() -> None:
    raise NotImplementedError("the register is upgraded only; to go back, restore a backup")
