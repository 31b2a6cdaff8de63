"""Fill the read-model columns of cases recorded before they existed, from each row's evaluation JSON
and its events (run once, by `register.migrate`, when the columns are added)."""

from __future__ import annotations

from pydantic import ValidationError
from sqlalchemy import select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from register.read_model import read_model_columns
from rules import Evaluation


def backfill_read_model(engine: Engine) -> int:
    from register.store import CaseRow, EventRow

    filled = 0
    with Session(engine) as s, s.begin():
        for row in s.scalars(select(CaseRow).where(CaseRow.evaluation.is_not(None))):
            try:
                ev = Evaluation.model_validate(row.evaluation)
            except ValidationError:
                continue
            for k, v in read_model_columns(ev, None).items():
                setattr(row, k, v)
            last = s.scalars(select(EventRow).where(EventRow.ref == row.ref).order_by(EventRow.seq.desc())).first()
            if last is not None:
                row.last_event_type, row.last_event_on = last.type, last.on
            filled += 1
    return filled
