"""Internal (draft) deadlines (issue 20): the case row's draft date, while the draft is owed (empty on rows
written before it; the workflow fills it at the case's next change)."""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"


def present(inspector) -> bool:
    return "draft_due" in {c["name"] for c in inspector.get_columns("cases")}


def upgrade() -> None:
    if present(sa.inspect(op.get_bind())):
        return
    with op.batch_alter_table("cases") as table:
        table.add_column(sa.Column("draft_due", sa.Date))


def downgrade() -> None:
    raise NotImplementedError("the register is upgraded only; to go back, restore a backup")
