"""The Time for Compliance Regulations (issue 21): a case's category (`standard`, `school`, `archives`;
empty on cases started before it, which are standard)."""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"


def present(inspector) -> bool:
    return "category" in {c["name"] for c in inspector.get_columns("cases")}


def upgrade() -> None:
    if present(sa.inspect(op.get_bind())):
        return
    with op.batch_alter_table("cases") as table:
        table.add_column(sa.Column("category", sa.String(16)))


def downgrade() -> None:
    raise NotImplementedError("the register is upgraded only; to go back, restore a backup")
