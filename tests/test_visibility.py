"""Overdue cases listed from the register that running workflows keep current (on the real dev server,
as in production): one SQL query, no workflow asked."""

from __future__ import annotations

import asyncio
from datetime import timedelta

from casework import cases
from casework.lists import everything, query_for
from casework.today import today
from messages import CaseInput
from rules import Event
from tests.conftest import running_worker
from tests.helpers import STAFF
from tests.naive_law import naive_calendar


async def test_overdue_lists_every_overdue_case_most_overdue_first(dev_env, settings, register):
    client = dev_env.client
    now = today("Europe/London")
    cal = naive_calendar("foia")  # the tests' own model of the calendar, not the engine's
    async with running_worker(client, settings):
        await cases.start_case(
            client, settings, CaseInput(ref="OLD", regime="foia", received=now - timedelta(days=90)), STAFF
        )
        await cases.start_case(
            client, settings, CaseInput(ref="LATE", regime="foisa", received=now - timedelta(days=40)), STAFF
        )
        await cases.start_case(client, settings, CaseInput(ref="FRESH", regime="foia", received=now), STAFF)
        responded = now - timedelta(days=70)
        review = [
            Event(type="responded", on=responded, outcome="withheld"),
            Event(type="review_requested", on=responded + timedelta(days=1)),
        ]
        await cases.start_case(
            client,
            settings,
            CaseInput(ref="REVIEW", regime="eir", received=now - timedelta(days=75), events=review),
            STAFF,
        )
        overdue = query_for(register, settings, "overdue", sort="overdue")
        for _ in range(100):  # the workflows register their cases as they start
            listed = everything(register, settings, overdue)
            if len(listed) == 3:
                break
            await asyncio.sleep(0.2)
        refs = [c.ref for c in listed]
        assert sorted(refs) == ["LATE", "OLD", "REVIEW"]
        days = [c.working_days_overdue for c in listed]
        assert days == sorted(days, reverse=True)
        old = next(c for c in listed if c.ref == "OLD")
        assert old.working_days_overdue == cal.working_days_in(old.response_due, now)
        review_case = next(c for c in listed if c.ref == "REVIEW")
        assert review_case.review_due is not None and review_case.response_due is None
