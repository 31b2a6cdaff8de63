"""Listing overdue cases through visibility: needs the real dev server (the time-skipping one cannot list)."""

from __future__ import annotations

import asyncio
from datetime import timedelta

from casework import cases, lists
from casework.today import today
from messages import CaseInput
from rules import Event
from tests.conftest import running_worker
from tests.naive_law import naive_calendar


async def test_overdue_lists_every_overdue_case_most_overdue_first(dev_env, settings):
    client = dev_env.client
    now = today("Europe/London")
    cal = naive_calendar("foia")  # the tests' own model of the calendar, not the engine's
    async with running_worker(client, settings):
        await cases.start_case(client, settings, CaseInput(ref="OLD", regime="foia", received=now - timedelta(days=90)))
        await cases.start_case(
            client, settings, CaseInput(ref="LATE", regime="foisa", received=now - timedelta(days=40))
        )
        await cases.start_case(client, settings, CaseInput(ref="FRESH", regime="foia", received=now))
        responded = now - timedelta(days=70)
        review = [
            Event(type="responded", on=responded, outcome="withheld"),
            Event(type="review_requested", on=responded + timedelta(days=1)),
        ]
        await cases.start_case(
            client, settings, CaseInput(ref="REVIEW", regime="eir", received=now - timedelta(days=75), events=review)
        )
        for _ in range(100):  # visibility is eventually consistent
            listed = await lists.overdue(client, settings)
            if len(listed) == 3:
                break
            await asyncio.sleep(0.2)
        refs = [v.ref for v in listed]
        assert sorted(refs) == ["LATE", "OLD", "REVIEW"]
        days = [lists.days_overdue(v.evaluation) for v in listed]
        assert days == sorted(days, reverse=True)
        old = next(v for v in listed if v.ref == "OLD").evaluation
        assert old.working_days_overdue == cal.working_days_in(old.response_due, now)
        review_case = next(v for v in listed if v.ref == "REVIEW").evaluation
        assert review_case.review_overdue and not review_case.overdue
