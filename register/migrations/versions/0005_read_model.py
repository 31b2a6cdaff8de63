"""The read model (issue 10, merged in dae5cca): the columns of a case's row that the lists query, with
their indexes, filled for the cases already there from the evaluation each row carries and its last
event (what `register/backfill.py` did)."""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"

COLUMNS = [
    ("running_due", sa.Date),
    ("response_owed_by", sa.Date),
    ("review_target", sa.Date),
    ("overdue_after", sa.Date),
    ("next_alarm_on", sa.Date),
    ("next_alarm_kind", sa.String(40)),
    ("last_event_type", sa.String(32)),
    ("last_event_on", sa.Date),
]
INDEXES = [
    ("ix_cases_running_due", ["running_due"]),
    ("ix_cases_overdue_after", ["overdue_after"]),
    ("ix_cases_stage_regime", ["stage", "regime"]),
    ("ix_cases_officer", ["officer"]),
    ("ix_cases_manager", ["manager"]),
]


def present(inspector) -> bool:
    return any(c["name"] == "running_due" for c in inspector.get_columns("cases"))


def upgrade() -> None:
    inspector = sa.inspect(op.get_bind())
    have = {c["name"] for c in inspector.get_columns("cases")}
    indexed = {i["name"] for i in inspector.get_indexes("cases")}
    with op.batch_alter_table("cases") as table:
        for name, kind in COLUMNS:
            if name not in have:
                table.add_column(sa.Column(name, kind))
    for name, columns in INDEXES:
        if name not in indexed:
            op.create_index(name, "cases", columns)
    backfill()


def backfill() -> None:
    """Each case's read-model columns from the evaluation its row carries (the engine's own types read
    it, as the workflow would have written them), and its last event."""
    from pydantic import ValidationError

    from register.read_model import read_model_columns
    from rules import Evaluation

    conn = op.get_bind()
    cases = sa.table("cases", sa.column("ref"), sa.column("evaluation", sa.JSON), *(sa.column(n) for n, _ in COLUMNS))
    events = sa.table("events", sa.column("ref"), sa.column("seq"), sa.column("type"), sa.column("on"))
    rows = conn.execute(sa.select(cases.c.ref, cases.c.evaluation).where(cases.c.evaluation.is_not(None))).all()
    for ref, evaluation in rows:
        try:
            derived = read_model_columns(Evaluation.model_validate(evaluation), None)
            values = {n: derived[n] for n, _ in COLUMNS if n in derived}  # this revision's columns, not later ones
        except ValidationError:
            continue  # an evaluation of an older contract: the workflow rewrites the row when it next acts
        last = conn.execute(
            sa.select(events.c.type, events.c.on).where(events.c.ref == ref).order_by(events.c.seq.desc()).limit(1)
        ).first()
        if last is not None:
            values |= {"last_event_type": last.type, "last_event_on": last.on}
        conn.execute(cases.update().where(cases.c.ref == ref).values(**values))


def downgrade() -> None:
    raise NotImplementedError("the register is upgraded only; to go back, restore a backup")
