"""Correcting clearance on the time-skipping server (issue 20, item 3): a void or an amendment must leave the
history consistent with clearance's rules (rules/clearance.py `correction_problem`), read in the order the
events were recorded, and a clearance alarm a correction proves wrong is withdrawn, as a statutory one is.

Dates by hand (FOIA, UK calendar 2030): received Mon 25 Mar 2030. Flagged for the Press Office on Thu 4 Apr:
clearance is due Tue 9 Apr (3 working days: Fri 5, Mon 8, Tue 9), so the approver's reminder goes on Tue 9 Apr
and the alarm to the approver and the manager on Wed 10 Apr."""

from __future__ import annotations

from datetime import date

import pytest
from temporalio.client import WorkflowUpdateFailedError

from messages import AmendAction, RecordAction, VoidAction
from rules import Event
from tests.conftest import running_worker
from tests.lifecycle import act, freeze_at, sent, sleep_until, start
from tests.test_clearance_lifecycle import accepted_updates
from workflows import CaseWorkflow

D = date.fromisoformat
OLU, PAT, MO = "olu@example.org", "pat@example.org", "manager@example.org"
PRESS = "Press Office"
RECEIVED = D("2030-03-25")
FLAG = Event(type="flag_for_clearance", on=D("2030-04-04"), team=PRESS)
CLEARED = Event(type="cleared", on=D("2030-04-05"))
ANSWER = Event(type="responded", on=D("2030-04-08"), outcome="granted")


async def refused(handle, update, action) -> str:
    """The one line an update is refused with; and nothing reached the workflow's history."""
    before = accepted_updates(await handle.fetch_history())
    with pytest.raises(WorkflowUpdateFailedError) as caught:
        await act(handle, update, action)
    assert accepted_updates(await handle.fetch_history()) == before
    return caught.value.cause.message


async def test_a_correction_that_would_leave_clearance_out_of_order_is_refused_naming_the_event_to_correct_first(
    env, settings, register
):
    async with running_worker(env.client, settings):
        await freeze_at(env, D("2030-04-16"))
        handle = await start(env, settings, received=RECEIVED, actor=OLU)
        for event, actor in ((FLAG, OLU), (CLEARED, PAT), (ANSWER, OLU)):
            await act(handle, CaseWorkflow.record_event, RecordAction(event=event, actor=actor))

        # Voiding the `cleared` that let the response go out: the response would have gone out uncleared.
        message = await refused(handle, CaseWorkflow.void_event, VoidAction(number=2, actor=MO, reason="not cleared"))
        assert message == (
            "event 2 cannot be voided: event 3 (responded on 2030-04-08) would then be an answer while clearance "
            "by 'Press Office' was pending, with no manager's override; correct event 3 first"
        )
        # Voiding the flag: the `cleared` would clear nothing.
        message = await refused(handle, CaseWorkflow.void_event, VoidAction(number=1, actor=MO, reason="no flag"))
        assert message == (
            "event 1 cannot be voided: event 2 (cleared on 2030-04-05) would then be out of turn: no clearance is "
            "pending (record flag_for_clearance first); correct event 2 first"
        )
        # Another approving team for a flag the Press Office already cleared.
        other = FLAG.model_copy(update={"team": "Private Office"})
        message = await refused(
            handle, CaseWorkflow.amend_event, AmendAction(number=1, event=other, actor=MO, reason="the minister's")
        )
        assert message == (
            "event 1 cannot be amended to another team: event 2 (cleared on 2030-04-05) was recorded by "
            "'Press Office'; correct event 2 first"
        )
        assert [r.voided_at for r in register.events("T1")] == [None, None, None]
        assert register.clearances("T1")[0].team == PRESS

        # A date is no part of clearance's order: amending the flag's date is accepted.
        moved = FLAG.model_copy(update={"on": D("2030-04-03")})
        await act(handle, CaseWorkflow.amend_event, AmendAction(number=1, event=moved, actor=MO, reason="the 3rd"))
        # Corrected in order, from the latest: the response, then the clearance, then the flag.
        await act(handle, CaseWorkflow.void_event, VoidAction(number=3, actor=MO, reason="sent to the wrong person"))
        v = await act(handle, CaseWorkflow.void_event, VoidAction(number=2, actor=MO, reason="not cleared"))
        assert (v.clearance.team, v.clearance.flagged) == (PRESS, D("2030-04-03"))  # pending again
        v = await act(handle, CaseWorkflow.void_event, VoidAction(number=1, actor=MO, reason="no clearance needed"))
    assert v.clearance is None
    assert [r.void_reason for r in register.events("T1")] == [
        "no clearance needed",
        "not cleared",
        "sent to the wrong person",
    ]


async def test_an_answer_over_pending_clearance_keeps_its_override_through_corrections(env, settings, register):
    async with running_worker(env.client, settings):
        await freeze_at(env, D("2030-04-16"))
        handle = await start(env, settings, received=RECEIVED, actor=OLU)
        await act(handle, CaseWorkflow.record_event, RecordAction(event=FLAG, actor=OLU))
        why = "the head of unit approved the text"
        await act(handle, CaseWorkflow.record_event, RecordAction(event=ANSWER, actor=MO, override_clearance=why))
        # The answer's date amended: the override stays with it, so the history still fits.
        later = ANSWER.model_copy(update={"on": D("2030-04-09")})
        v = await act(handle, CaseWorkflow.amend_event, AmendAction(number=2, event=later, actor=MO, reason="9th"))
        assert v.entries[1].clearance_override.reason == why
        # Voiding the answer leaves clearance pending again, which fits.
        v = await act(handle, CaseWorkflow.void_event, VoidAction(number=2, actor=MO, reason="not sent after all"))
    assert (v.clearance.team, v.clearance.flagged) == (PRESS, D("2030-04-04"))
    assert v.evaluation.responded_on is None


async def test_a_void_withdraws_the_clearance_alarms_it_proves_wrong_and_only_those(env, settings, register):
    register.add_person(PAT, "Pat", ["officer"], by="test")
    register.add_team(PRESS, by="test")
    register.join_team(PRESS, PAT)
    async with running_worker(env.client, settings):
        await freeze_at(env, D("2030-04-04"))
        handle = await start(env, settings, received=RECEIVED, actor=OLU)
        await act(handle, CaseWorkflow.record_event, RecordAction(event=FLAG, actor=OLU))
        await sleep_until(env, D("2030-04-10"))
        assert sent(register) == [
            ("clearance_reminder", D("2030-04-09"), "approver"),
            ("clearance_overdue", D("2030-04-10"), "approver"),
            ("clearance_overdue", D("2030-04-10"), "manager"),
        ]
        # A `cleared` recorded and then voided: the alarms were right (the flag stood when they went).
        cleared = Event(type="cleared", on=D("2030-04-10"))
        await act(handle, CaseWorkflow.record_event, RecordAction(event=cleared, actor=PAT, teams=[PRESS]))
        await act(handle, CaseWorkflow.void_event, VoidAction(number=2, actor=PAT, reason="the text is not final"))
        await sleep_until(env, D("2030-04-10"), hour=11)
        assert [n.withdrawn_at for n in register.notifications(ref="T1")] == [None, None, None]
        # The flag was recorded on the wrong case: both alarms were wrong, and are withdrawn.
        await act(handle, CaseWorkflow.void_event, VoidAction(number=1, actor=MO, reason="recorded on the wrong case"))
        await sleep_until(env, D("2030-04-10"), hour=12)
        await sleep_until(env, D("2030-04-17"))  # no clearance alarm after the void
    rows = register.notifications(ref="T1")
    alarms = sorted((n for n in rows if n.kind != "withdrawn"), key=lambda n: (n.alarm_on, n.kind, n.role))
    assert [(n.kind, n.role) for n in alarms] == [
        ("clearance_reminder", "approver"),
        ("clearance_overdue", "approver"),
        ("clearance_overdue", "manager"),
        ("response_reminder", "officer"),  # the statutory reminder (Mon 15 Apr) stands
    ]
    for n in alarms[:3]:
        assert n.withdrawn_at is not None
        assert "event 1 (flag_for_clearance on 2030-04-04) was voided: recorded on the wrong case" in n.withdrawn_reason
    assert alarms[3].withdrawn_at is None
    # The approver had both by email: one correction each. The manager's was still queued for the digest:
    # it is never sent, so there is nothing to correct.
    assert alarms[2].status == "withdrawn"
    corrections = [(n.role, n.recipient) for n in rows if n.kind == "withdrawn"]
    assert corrections == [("approver", PAT), ("approver", PAT)]
