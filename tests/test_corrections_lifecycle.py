"""Every change has an author, and a mistake can be put right: through the case workflow on the
time-skipping server (issue 18). Dates written down by hand (UK calendar, FOIA):

- received Mon 4 Mar 2030: the response was due Tue 2 Apr 2030 (20 working days; no bank holiday falls
  between), the officer's first reminder 5 working days before it, Tue 26 Mar 2030;
- a response sent Wed 3 Apr 2030 was a day late; sent Thu 28 Mar 2030 it was in time;
- a review asked for on Mon 1 Apr 2030 had its 20-working-day target on Wed 1 May 2030 (Good Friday
  19 Apr and Easter Monday 22 Apr skipped): its review_overdue alarm, to the manager, is due from Thu 2 May.
"""

from __future__ import annotations

import asyncio
from datetime import date, timedelta

import pytest
from temporalio.api.enums.v1 import EventType as HistoryEvent
from temporalio.client import WorkflowUpdateFailedError

from casework import cases
from casework.actors import Actor
from messages import AmendAction, AssignAction, RecordAction, VoidAction
from reports.quarterly import Quarter
from reports.statistics import figures
from rules import Event
from runtime.errors import UserError
from tests.conftest import running_worker
from tests.lifecycle import act, freeze_at, record, sent, sleep_until, start, today, view
from tests.naive_law import naive_calendar
from workflows import CaseWorkflow

D = date.fromisoformat
RECEIVED = D("2030-03-04")
ALICE, BOB, MEG = "alice@example.org", "bob@example.org", "meg@example.org"


def immediate(settings):
    return settings.model_copy(update={"alarms": settings.alarms.model_copy(update={"manager_delivery": "immediate"})})


def timeliness(register, as_of: date) -> dict[str, int]:
    rows = figures(register, register_policy(), as_of, Quarter.parse("2030Q1"))
    return {m: v for s, m, v in rows if s == "timeliness" and m in ("answered late",) or "(in time)" in m}


def register_policy():
    from rules import Policy

    return Policy()


async def history_updates(handle) -> int:
    """How many updates the workflow history accepted (a refused one leaves none)."""
    history = await handle.fetch_history()
    return sum(e.event_type == HistoryEvent.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED for e in history.events)


async def test_a_response_recorded_on_the_wrong_day_is_amended_and_the_verdict_lists_and_statistics_follow(
    env, settings, register
):
    async with running_worker(env.client, settings):
        await freeze_at(env, D("2030-04-08"))
        handle = await start(env, settings, received=RECEIVED, actor=ALICE)
        late = Event(type="responded", on=D("2030-04-03"), outcome="granted")
        v = await act(handle, CaseWorkflow.record_event, RecordAction(event=late, actor=ALICE))
        assert v.evaluation.response_timeliness == "late"
        assert timeliness(register, D("2030-04-08"))["answered late"] == 1

        v = await act(
            handle,
            CaseWorkflow.amend_event,
            AmendAction(number=1, event=late.model_copy(update={"on": D("2030-03-28")}), actor=BOB, reason="sent 28th"),
        )
    assert v.evaluation.response_timeliness == "in_time"
    assert v.evaluation.responded_on == D("2030-03-28")
    entry = v.entries[0]
    assert (entry.by, entry.amended.by, entry.amended.reason) == (ALICE, BOB, "sent 28th")
    row = register.events("T1")[0]
    assert (row.on, row.recorded_by, row.amended_by, row.amend_reason) == (D("2030-03-28"), ALICE, BOB, "sent 28th")
    (amend,) = [a for a in register.actions("T1") if a.kind == "amend"]
    assert (amend.actor, amend.detail["was"]["on"], amend.detail["now"]["on"]) == (BOB, "2030-04-03", "2030-03-28")
    assert register.case("T1").last_event_on == D("2030-03-28")
    counts = timeliness(register, D("2030-04-08"))
    assert counts["answered late"] == 0
    assert [v for m, v in counts.items() if "(in time)" in m] == [1]


async def test_a_void_withdraws_the_escalation_it_proves_wrong_and_stays_in_the_history(env, settings, register):
    settings = immediate(settings)
    async with running_worker(env.client, settings):
        await freeze_at(env, D("2030-05-13"))
        history = [
            Event(type="responded", on=D("2030-03-28"), outcome="granted"),
            Event(type="review_requested", on=D("2030-04-01")),  # recorded on the wrong case
        ]
        handle = await start(env, settings, received=RECEIVED, events=history, actor=ALICE)
        await sleep_until(env, D("2030-05-13"), hour=9)
        assert ("review_overdue", D("2030-05-02"), "manager") in sent(register)

        v = await act(handle, CaseWorkflow.void_event, VoidAction(number=2, actor=BOB, reason="another case's review"))
        assert v.evaluation.stage == "review_window"
        assert [e.type for e in v.events] == ["responded"]
        assert v.entries[1].void.by == BOB and v.entries[1].event.type == "review_requested"
        await sleep_until(env, D("2030-05-13"), hour=10)

    rows = register.notifications(ref="T1")
    (escalation,) = [n for n in rows if n.kind == "review_overdue"]
    assert escalation.withdrawn_at is not None
    assert "event 2 (review_requested on 2030-04-01) was voided: another case's review" in escalation.withdrawn_reason
    assert [n.role for n in rows if n.kind == "withdrawn"] == ["manager"]  # one correction, to whoever had it
    voided = register.events("T1")[1]
    assert (voided.voided_by, voided.void_reason) == (BOB, "another case's review")
    assert [e.type for e in register.case_events("T1")] == ["responded"]
    assert register.case("T1").stage == "review_window"


async def test_a_void_the_law_does_not_allow_is_refused_and_changes_nothing(env, settings, register):
    async with running_worker(env.client, settings):
        await freeze_at(env, D("2030-05-13"))
        history = [
            Event(type="responded", on=D("2030-03-28"), outcome="granted"),
            Event(type="review_requested", on=D("2030-04-01")),
        ]
        handle = await start(env, settings, received=RECEIVED, events=history, actor=ALICE)
        before = (await history_updates(handle), [(r.seq, r.voided_at) for r in register.events("T1")])
        with pytest.raises(WorkflowUpdateFailedError) as refused:
            await act(handle, CaseWorkflow.void_event, VoidAction(number=1, actor=BOB, reason="wrong"))
        assert "event 1 cannot be voided" in refused.value.cause.message
        assert "review_requested on 2030-04-01" in refused.value.cause.message
        for number, why in ((3, "no event 3"), (0, "no event 0")):
            with pytest.raises(WorkflowUpdateFailedError) as refused:
                await act(handle, CaseWorkflow.void_event, VoidAction(number=number, actor=BOB, reason="x"))
            assert why in refused.value.cause.message
        same = Event(type="review_requested", on=D("2030-04-01"))
        with pytest.raises(WorkflowUpdateFailedError) as refused:
            await act(handle, CaseWorkflow.amend_event, AmendAction(number=2, event=same, actor=BOB, reason="x"))
        assert "changes nothing" in refused.value.cause.message
        await act(handle, CaseWorkflow.void_event, VoidAction(number=2, actor=BOB, reason="mistake"))
        with pytest.raises(WorkflowUpdateFailedError) as refused:
            await act(handle, CaseWorkflow.void_event, VoidAction(number=2, actor=BOB, reason="again"))
        assert "already voided" in refused.value.cause.message
        after = await history_updates(handle)
    assert after == before[0] + 1  # only the one allowed void reached the history
    assert [(r.seq, r.voided_by) for r in register.events("T1")] == [(0, None), (1, BOB)]
    assert [a.kind for a in register.actions("T1")] == ["void"]


async def test_assign_sends_the_next_alarm_to_the_new_officer_and_the_register_follows_at_once(env, settings, register):
    async with running_worker(env.client, settings):
        await freeze_at(env, RECEIVED)
        handle = await start(env, settings, received=RECEIVED, actor=ALICE)
        v = await act(handle, CaseWorkflow.assign, AssignAction(officer=MEG, actor=BOB, reason="Alice on leave"))
        assert (v.officer, v.manager) == (MEG, "manager@example.org")
        assert register.case("T1").officer == MEG
        with pytest.raises(WorkflowUpdateFailedError) as refused:
            await act(handle, CaseWorkflow.assign, AssignAction(officer=MEG, actor=BOB, reason="again"))
        assert "changes nothing" in refused.value.cause.message
        await sleep_until(env, D("2030-03-27"))
    reminders = [n for n in register.notifications(ref="T1") if n.kind == "response_reminder"]
    assert [(n.alarm_on, n.recipient) for n in reminders] == [(D("2030-03-26"), MEG)]
    (assigned,) = [a for a in register.actions("T1") if a.kind == "assigned"]
    assert (assigned.actor, assigned.reason, assigned.detail["officer"]) == (
        BOB,
        "Alice on leave",
        ["officer@example.org", MEG],
    )


async def test_an_update_from_before_authors_were_kept_still_records_with_an_unknown_author(env, settings, register):
    async with running_worker(env.client, settings):
        await freeze_at(env, D("2030-04-08"))
        handle = await start(env, settings, received=RECEIVED)
        v = await record(handle, "responded", D("2030-03-28"), outcome="granted")
        assert (await view(handle)).evaluation.response_timeliness == "in_time"
    assert v.entries[0].by is None
    assert register.events("T1")[0].recorded_by is None


async def test_a_withdrawal_recorded_by_mistake_on_a_closed_case_is_voided_and_the_case_runs_again(
    env, settings, register
):
    """A closed case's workflow has ended: the void starts a new run with the corrected history. Dates are
    today's (the engine refuses events dated after the real today); the due date is the naive model's."""
    bob = Actor(BOB, "Bob", frozenset({"officer"}), registered=True)
    async with running_worker(env.client, settings):
        received = (await today(env)) - timedelta(days=10)
        handle = await start(env, settings, received=received, actor=ALICE)
        await act(
            handle, CaseWorkflow.record_event, RecordAction(event=Event(type="withdrawn", on=received), actor=ALICE)
        )
        assert (await handle.result()).evaluation.closed_reason == "withdrawn"
        assert register.case("T1").stage == "closed"

        v = await cases.void_event(env.client, settings, "T1", 1, "withdrawn on the wrong case", bob)
        assert v.evaluation.stage == "awaiting_response"
        assert v.evaluation.response_due == naive_calendar("foia").nth_working_day_after(received, 20)
        assert v.entries[0].void.by == BOB and v.events == []
        with pytest.raises(UserError, match="already voided"):
            await cases.void_event(env.client, settings, "T1", 1, "again", bob)
        for _ in range(100):
            if register.case("T1").stage == "awaiting_response":
                break
            await asyncio.sleep(0.05)
    assert register.case("T1").stage == "awaiting_response"
    (void,) = [a for a in register.actions("T1") if a.kind == "void"]
    assert (void.actor, void.reason, void.detail["was"]["type"]) == (BOB, "withdrawn on the wrong case", "withdrawn")
    assert register.events("T1")[0].voided_by == BOB and register.case_events("T1") == []


async def test_voiding_a_response_recorded_by_mistake_sends_the_escalation_now_due_once(env, settings, register):
    """The response recorded on Thu 28 Mar 2030 belonged to another case: voided on Mon 13 May 2030, the
    case is awaiting its response again, overdue since Tue 2 Apr and seriously overdue since Thu 2 May
    2030 (20 working days after it, Good Friday and Easter Monday skipped): that one alarm goes, once."""
    settings = immediate(settings)
    async with running_worker(env.client, settings):
        await freeze_at(env, D("2030-05-13"))
        answered = [Event(type="responded", on=D("2030-03-28"), outcome="granted")]
        handle = await start(env, settings, received=RECEIVED, events=answered, actor=ALICE)
        await sleep_until(env, D("2030-05-13"), hour=9)
        assert sent(register) == []
        v = await act(handle, CaseWorkflow.void_event, VoidAction(number=1, actor=BOB, reason="another case's"))
        assert (v.evaluation.stage, v.evaluation.overdue) == ("awaiting_response", True)
        await sleep_until(env, D("2030-05-13"), hour=10)
        await sleep_until(env, D("2030-05-14"), hour=10)
    assert sent(register) == [("response_seriously_overdue", D("2030-05-02"), "manager")]
