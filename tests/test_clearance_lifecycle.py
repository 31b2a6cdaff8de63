"""Clearance through the case workflow on the time-skipping server (issue 20, item 3). Dates by hand (FOIA,
UK calendar 2030: Good Friday 19 April, Easter Monday 22 April): received Mon 25 Mar 2030, so the response
is due Wed 24 Apr 2030 (20 working days, Easter skipped) and its first reminder falls on Mon 15 Apr (5
working days before). Flagged for the Press Office on Thu 4 Apr: clearance is due Tue 9 Apr (3 working
days: Fri 5, Mon 8, Tue 9), late from Wed 10 Apr. Returned on Wed 10 Apr: resubmission is due Fri 12 Apr
(2 working days: Thu 11, Fri 12), late from Mon 15 Apr — the same morning as the statutory reminder."""

from __future__ import annotations

from datetime import date

import pytest
from temporalio.api.enums.v1 import EventType as HistoryEvent
from temporalio.client import WorkflowUpdateFailedError

from messages import RecordAction
from rules import Event
from tests.conftest import running_worker
from tests.lifecycle import act, freeze_at, sent, sleep_until, start
from workflows import CaseWorkflow

D = date.fromisoformat
OLU, PAT, MO = "olu@example.org", "pat@example.org", "manager@example.org"
PRESS = "Press Office"
RECEIVED = D("2030-03-25")
FLAG = Event(type="flag_for_clearance", on=D("2030-04-04"), team=PRESS)
ANSWER = Event(type="responded", on=D("2030-04-10"), outcome="granted")


def accepted_updates(history) -> int:
    return sum(1 for e in history.events if e.event_type == HistoryEvent.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED)


async def test_a_response_is_refused_while_clearance_is_pending_and_accepted_with_a_managers_override(
    env, settings, register
):
    async with running_worker(env.client, settings):
        await freeze_at(env, D("2030-04-10"))
        handle = await start(env, settings, received=RECEIVED, actor=OLU)
        await act(handle, CaseWorkflow.record_event, RecordAction(event=FLAG, actor=OLU))
        before = accepted_updates(await handle.fetch_history())
        with pytest.raises(WorkflowUpdateFailedError) as refused:
            await act(handle, CaseWorkflow.record_event, RecordAction(event=ANSWER, actor=OLU))
        assert refused.value.cause.message == (
            "responded on 2030-04-10: clearance by 'Press Office' is pending since 2030-04-04 (event 1); "
            "record cleared first, or a manager can override with --override-clearance REASON"
        )
        assert accepted_updates(await handle.fetch_history()) == before  # nothing reached the history
        assert [r.type for r in register.events("T1")] == ["flag_for_clearance"]
        why = "the press office is closed this week; the head of unit approved the text"
        v = await act(handle, CaseWorkflow.record_event, RecordAction(event=ANSWER, actor=MO, override_clearance=why))
    assert v.evaluation.responded_on == D("2030-04-10") and v.evaluation.response_due == D("2030-04-24")
    assert (v.entries[1].by, v.entries[1].clearance_override.by, v.entries[1].clearance_override.reason) == (
        MO,
        MO,
        why,
    )
    assert v.clearance is None  # the answer went out: nothing is pending any more
    assert [(r.type, r.recorded_by) for r in register.events("T1")] == [
        ("flag_for_clearance", OLU),
        ("responded", MO),
    ]
    rows = register.clearances("T1")
    assert (rows[0].team, rows[0].override) == (PRESS, None)
    assert (rows[1].team, rows[1].override) == (None, why)


async def test_only_the_approving_team_clears_and_each_step_has_its_own_alarm(env, settings, register):
    register.add_person(PAT, "Pat", ["officer"], by="test")
    register.add_person(OLU, "Olu", ["officer"], by="test")
    register.add_team(PRESS, by="test")
    register.join_team(PRESS, PAT)
    async with running_worker(env.client, settings):
        await freeze_at(env, D("2030-04-04"))
        handle = await start(env, settings, received=RECEIVED, actor=OLU)
        v = await act(handle, CaseWorkflow.record_event, RecordAction(event=FLAG, actor=OLU))
        assert (v.clearance.team, v.clearance.step, v.clearance.due) == (PRESS, "clearance", D("2030-04-09"))
        assert v.evaluation.response_due == D("2030-04-24")  # the statutory date does not move
        await sleep_until(env, D("2030-04-10"))
        returned = Event(type="returned", on=D("2030-04-10"), changes="cite section 40(2) for the names")
        with pytest.raises(WorkflowUpdateFailedError) as refused:
            await act(handle, CaseWorkflow.record_event, RecordAction(event=returned, actor=OLU, teams=["Secretariat"]))
        assert refused.value.cause.message == (
            "olu@example.org is not a member of 'Press Office', the approving team, so cannot record returned"
        )
        assert len(register.events("T1")) == 1
        v = await act(handle, CaseWorkflow.record_event, RecordAction(event=returned, actor=PAT, teams=[PRESS]))
        assert (v.clearance.step, v.clearance.due) == ("resubmission", D("2030-04-12"))
        await sleep_until(env, D("2030-04-15"))
        v = await act(
            handle,
            CaseWorkflow.record_event,
            RecordAction(event=FLAG.model_copy(update={"on": D("2030-04-15")}), actor=OLU),
        )
        assert (v.clearance.step, v.clearance.due) == ("clearance", D("2030-04-18"))  # Tue 16, Wed 17, Thu 18
        cleared = Event(type="cleared", on=D("2030-04-16"))
        await sleep_until(env, D("2030-04-16"))
        v = await act(handle, CaseWorkflow.record_event, RecordAction(event=cleared, actor=PAT, teams=[PRESS]))
        assert v.clearance is None
        answer = Event(type="responded", on=D("2030-04-16"), outcome="granted")
        v = await act(handle, CaseWorkflow.record_event, RecordAction(event=answer, actor=MO, override_clearance="x"))
        assert v.entries[-1].clearance_override is None  # nothing was pending: no override is kept
        assert register.clearances("T1").get(len(v.entries) - 1) is None
    assert sent(register) == [
        ("clearance_reminder", D("2030-04-09"), "approver"),
        ("clearance_overdue", D("2030-04-10"), "approver"),
        ("clearance_overdue", D("2030-04-10"), "manager"),
        ("resubmission_reminder", D("2030-04-12"), "officer"),
        ("response_reminder", D("2030-04-15"), "officer"),  # the statutory reminder, on the same morning
        ("resubmission_overdue", D("2030-04-15"), "manager"),
        ("resubmission_overdue", D("2030-04-15"), "officer"),
    ]
    approver = [n.recipient for n in register.notifications(ref="T1") if n.role == "approver"]
    assert approver == [PAT, PAT]
