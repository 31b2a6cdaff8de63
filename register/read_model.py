"""The columns of a case's register row that the lists query, derived from its evaluation.

`running_due` is the deadline the running clock heads for; `response_owed_by` and `review_target` are
the deadlines whose passing makes the case overdue, and `overdue_after` the earlier of them, so "overdue
today" is `overdue_after < today` and the working days overdue are counted at read time for today on the
regime's calendar (`rules.standing`). A closed case has none of them. `next_alarm_*` is the workflow's
own next alarm.
"""

from __future__ import annotations

from rules import Evaluation
from rules.alarms import Alarm
from rules.standing import overdue_after


def read_model_columns(ev: Evaluation, next_alarm: Alarm | None) -> dict:
    return {
        "running_due": ev.running_due,
        "response_owed_by": ev.response_owed_by,
        "review_target": ev.review_target,
        "draft_due": ev.draft_owed_by,
        "overdue_after": overdue_after(ev.response_owed_by, ev.review_target),
        "next_alarm_on": next_alarm.on if next_alarm else None,
        "next_alarm_kind": next_alarm.kind.value if next_alarm else None,
    }
