"""Every change has an author (issue 18) and teams with an independent reviewer (issue 20): the people
who act and the teams they belong to; who started each case, its responding team and reviewer; who
recorded each event, and its voiding or latest amendment, and a completed review's independence; the
audit trail of staff actions (`actions`)."""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"


def present(inspector) -> bool:
    return inspector.has_table("people")


def _add(inspector, table: str, columns: list[sa.Column]) -> None:
    have = {c["name"] for c in inspector.get_columns(table)}
    with op.batch_alter_table(table) as t:
        for column in columns:
            if column.name not in have:
                t.add_column(column)


def upgrade() -> None:
    inspector = sa.inspect(op.get_bind())
    _add(
        inspector,
        "cases",
        [
            sa.Column("started_by", sa.String(340)),
            sa.Column("team", sa.String(100)),
            sa.Column("reviewer", sa.String(320)),
        ],
    )
    if "ix_cases_team" not in {i["name"] for i in inspector.get_indexes("cases")}:
        op.create_index("ix_cases_team", "cases", ["team"])
    _add(
        inspector,
        "events",
        [
            sa.Column("recorded_by", sa.String(340)),
            sa.Column("voided_at", sa.DateTime(timezone=True)),
            sa.Column("voided_by", sa.String(340)),
            sa.Column("void_reason", sa.Text),
            sa.Column("amended_at", sa.DateTime(timezone=True)),
            sa.Column("amended_by", sa.String(340)),
            sa.Column("amend_reason", sa.Text),
            sa.Column("review_independence", sa.String(16)),
        ],
    )
    if not inspector.has_table("people"):
        op.create_table(
            "people",
            sa.Column("email", sa.String(320), primary_key=True),
            sa.Column("name", sa.Text, nullable=False),
            sa.Column("roles", sa.JSON, nullable=False),
            sa.Column("active", sa.Boolean, nullable=False),
            sa.Column("added_at", sa.DateTime(timezone=True), nullable=False),
            sa.Column("added_by", sa.String(340)),
            sa.Column("deactivated_at", sa.DateTime(timezone=True)),
            sa.Column("deactivated_by", sa.String(340)),
        )
    if not inspector.has_table("teams"):
        op.create_table(
            "teams",
            sa.Column("name", sa.String(100), primary_key=True),
            sa.Column("added_at", sa.DateTime(timezone=True), nullable=False),
            sa.Column("added_by", sa.String(340)),
        )
    if not inspector.has_table("team_members"):
        op.create_table(
            "team_members",
            sa.Column("id", sa.Integer, primary_key=True),
            sa.Column("team", sa.String(100), nullable=False),
            sa.Column("email", sa.String(320), nullable=False),
            sa.UniqueConstraint("team", "email"),
        )
        op.create_index("ix_team_members_team", "team_members", ["team"])
        op.create_index("ix_team_members_email", "team_members", ["email"])
    if not inspector.has_table("actions"):
        op.create_table(
            "actions",
            sa.Column("id", sa.Integer, primary_key=True),
            sa.Column("key", sa.String(200), nullable=False),
            sa.Column("ref", sa.String(64)),
            sa.Column("kind", sa.String(32), nullable=False),
            sa.Column("at", sa.DateTime(timezone=True), nullable=False),
            sa.Column("actor", sa.String(340)),
            sa.Column("reason", sa.Text),
            sa.Column("detail", sa.JSON, nullable=False),
            sa.UniqueConstraint("key"),
        )
        op.create_index("ix_actions_ref", "actions", ["ref"])


def downgrade() -> None:
    raise NotImplementedError("the register is upgraded only; to go back, restore a backup")
