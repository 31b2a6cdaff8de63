"""Issue 21 on the time-skipping server: an EISR case taken to the Scottish Information Commissioner, each
new event recorded through the workflow's update (its validator calls `rules/`), and the decision's steps
reminded and escalated like any deadline.

Scottish calendar (EISR reg 2(1), FOISA s73), 2030: Good Friday 19 Apr, May Day 6 May and the spring
holiday 27 May do not count; Easter Monday 22 Apr does.
"""

from __future__ import annotations

from datetime import date

import pytest
from temporalio.client import WorkflowUpdateFailedError

from tests.conftest import running_worker
from tests.lifecycle import freeze_at, record, sent, sleep_until, start

D = date.fromisoformat
RECEIVED = D("2030-03-04")  # a Monday
ASKED = D("2030-03-05")
# EISR reg 16(4): 20 working days after Tue 5 Mar: Mar 6-8 (3), 11-15 (8), 18-22 (13), 25-29 (18), Apr 1-2 (20)
REVIEW_LIMIT = D("2030-04-02")
NOTICE = D("2030-05-01")
STEPS_DUE = D("2030-06-15")  # 45 days after Wed 1 May (policy sic_steps_days): Sat 15 Jun 2030
APPEAL_BY = D("2030-06-12")  # FOISA s56: 42 days after Wed 1 May


async def test_an_eisr_case_goes_to_the_commissioner_and_its_steps_are_escalated(env, settings, register):
    async with running_worker(env.client, settings):
        handle = await start(env, settings, ref="T1", regime="eisr", received=await freeze_at(env, RECEIVED))
        await record(handle, "responded", RECEIVED, outcome="withheld", exemptions=["reg10(5)(f)"])
        await sleep_until(env, ASKED)
        ev = (await record(handle, "review_requested", ASKED)).evaluation
        assert (ev.review_due, ev.review_latest_due) == (REVIEW_LIMIT, REVIEW_LIMIT)

        await sleep_until(env, D("2030-04-03"))
        with pytest.raises(WorkflowUpdateFailedError) as refused:  # the review may still be answered that day
            await record(handle, "complaint_received", REVIEW_LIMIT)
        assert "may still be answered until 2030-04-02" in str(refused.value.cause)
        ev = (await record(handle, "complaint_received", D("2030-04-03"))).evaluation
        assert ev.stage == "with_regulator"
        assert ev.complaint_deadline == D("2030-10-02")  # FOISA s47(4)(b): six months after Tue 2 Apr

        await sleep_until(env, NOTICE)
        ev = (await record(handle, "decision_notice", NOTICE, outcome="upheld")).evaluation
        assert (ev.stage, ev.steps_due, ev.appeal_deadline) == ("steps_required", STEPS_DUE, APPEAL_BY)
        assert register.case("T1").stage == "steps_required"

        await sleep_until(env, D("2030-06-18"))
        steps = [s for s in sent(register) if s[0].startswith("steps")]
        assert steps == [
            ("steps_reminder", D("2030-06-07"), "officer"),  # five working days before Fri 14 Jun
            ("steps_reminder", D("2030-06-14"), "officer"),  # the last working day on or before Sat 15 Jun
            ("steps_overdue", D("2030-06-17"), "manager"),  # the next working day after it
            ("steps_overdue", D("2030-06-17"), "officer"),
        ]
        ev = (await record(handle, "complied", D("2030-06-18"))).evaluation
        assert (ev.complied_in_time, ev.closed_reason) == (False, "complied")
        result = await handle.result()
        assert result.evaluation.closed_reason == "complied"
        assert register.case("T1").closed_reason == "complied"
