"""An internal review completed only by someone with no part in the original handling, unless a manager
overrides it with a reason — through the case workflow on the time-skipping server (issue 20). Dates by
hand (UK calendar, FOIA): received Mon 4 Mar 2030, answered Thu 28 Mar 2030 (in time), review asked for
Mon 1 Apr 2030 and completed Wed 17 Apr 2030 (within its 20-working-day target, Wed 1 May 2030)."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from temporalio.client import WorkflowUpdateFailedError

from messages import AssignAction, Change, Entry, RecordAction
from rules import Event
from tests.conftest import running_worker
from tests.lifecycle import act, freeze_at, start
from workflows import CaseWorkflow
from workflows.independence import involvement

D = date.fromisoformat
OLU, MEG, RAE, MO = "olu@example.org", "meg@example.org", "rae@example.org", "mo@example.org"
ANSWERED = Event(type="responded", on=D("2030-03-28"), outcome="granted")
ASKED = Event(type="review_requested", on=D("2030-04-01"))
DONE = Event(type="review_completed", on=D("2030-04-17"), outcome="upheld")


def test_a_part_in_the_original_handling_is_an_event_recorded_or_having_been_the_officer():
    entries = [Entry(event=ANSWERED, by=OLU), Entry(event=ASKED, by=MEG)]
    assert involvement(OLU, entries, set()) == "recorded responded on 2030-03-28 (event 1)"
    assert involvement(MEG, entries, set()) is None  # logging the review request is not the original handling
    assert involvement(RAE, entries, {RAE}) == "was the case's officer"
    assert involvement("os:root", entries, set()) is None and involvement(None, entries, set()) is None
    mistake = Change(by=MO, at=datetime(2030, 4, 2, tzinfo=UTC), reason="recorded on the wrong case")
    voided = [Entry(event=ANSWERED, by=OLU), Entry(event=ANSWERED, by=RAE, void=mistake), entries[1]]
    assert involvement(RAE, voided, set()) is None  # a voided entry was never part of the handling


async def test_the_officer_cannot_complete_the_review_but_a_managers_override_is_recorded(env, settings, register):
    async with running_worker(env.client, settings):
        await freeze_at(env, D("2030-04-18"))
        handle = await start(env, settings, received=D("2030-03-04"), events=[ANSWERED], actor=OLU)
        await act(handle, CaseWorkflow.assign, AssignAction(officer=MEG, actor=MO, reason="Olu on leave"))
        await act(handle, CaseWorkflow.record_event, RecordAction(event=ASKED, actor=MEG))
        for who, part in ((OLU, "recorded responded on 2030-03-28 (event 1)"), (MEG, "was the case's officer")):
            with pytest.raises(WorkflowUpdateFailedError) as refused:
                await act(handle, CaseWorkflow.record_event, RecordAction(event=DONE, actor=who))
            assert f"{who} {part} in the original handling" in refused.value.cause.message
        assert len(register.events("T1")) == 2
        why = "no one else in the team; the head of unit checked it"
        v = await act(handle, CaseWorkflow.record_event, RecordAction(event=DONE, actor=MEG, override=why))
    assert v.evaluation.review_outcome == "upheld"
    assert (v.entries[2].by, v.entries[2].override.by, v.entries[2].override.reason) == (MEG, MEG, why)
    assert register.events("T1")[2].review_independence == "overridden"


async def test_a_reviewer_of_another_team_completes_it_independently(env, settings, register):
    async with running_worker(env.client, settings):
        await freeze_at(env, D("2030-04-18"))
        handle = await start(env, settings, received=D("2030-03-04"), events=[ANSWERED, ASKED], actor=OLU)
        await act(handle, CaseWorkflow.assign, AssignAction(reviewer=RAE, actor=MO, reason="central team"))
        v = await act(handle, CaseWorkflow.record_event, RecordAction(event=DONE, actor=RAE))
    assert v.reviewer == RAE and v.evaluation.closed_reason == "review_completed"
    assert register.events("T1")[2].review_independence == "independent"
    assert register.case("T1").reviewer == RAE
