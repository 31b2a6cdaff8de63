"""The disclosure log (issue 23): `publications`, one row per published response holding only what the
public may see (register/publications.py)."""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"


def present(inspector) -> bool:
    return inspector.has_table("publications")


def upgrade() -> None:
    if present(sa.inspect(op.get_bind())):
        return
    op.create_table(
        "publications",
        sa.Column("ref", sa.String(64), primary_key=True),
        sa.Column("title", sa.String(300), nullable=False),
        sa.Column("regime", sa.String(8), nullable=False),
        sa.Column("received", sa.Date, nullable=False),
        sa.Column("answered", sa.Date, nullable=False),
        sa.Column("outcome", sa.String(32)),
        sa.Column("exemptions", sa.JSON, nullable=False),
        sa.Column("document", sa.String(80)),
        sa.Column("document_kind", sa.String(8)),
        sa.Column("document_bytes", sa.Integer),
        sa.Column("published_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_publications_published_at", "publications", ["published_at"])


def downgrade() -> None:
    raise NotImplementedError("the register is upgraded only; to go back, restore a backup")
