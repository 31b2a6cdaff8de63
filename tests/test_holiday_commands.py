"""`starter.py holiday add | remove | list` as a person runs them, against a worker on its embedded server:
idempotent, resumable (a re-run re-signals every running case), and every running case re-evaluated.
Expected due dates come from the tests' own naive calendar, never the engine's."""

from __future__ import annotations

import time
from datetime import timedelta

import pytest

from casework.today import today
from tests.naive_law import naive_calendar
from tests.processes import Deployment


@pytest.fixture
def deployment(tmp_path):
    d = Deployment(tmp_path)
    d.start_worker()
    yield d
    if d.worker.poll() is None:
        d.stop_worker()


def due_when_shown(d: Deployment, ref: str, expected: str) -> str:
    for _ in range(50):  # the signal is acted on in the case's next workflow task
        got = d.json("show", ref)["response_due"]
        if got == expected:
            return got
        time.sleep(0.2)
    return got


@pytest.mark.slow
def test_holiday_add_is_idempotent_and_remove_undoes_it(deployment):
    d = deployment
    received = today("Europe/London") - timedelta(days=10)
    assert d.starter("new", "--ref", "H1", "--regime", "foia", "--received", received.isoformat()).returncode == 0
    calendar = naive_calendar("foia")
    day = calendar.nth_working_day_after(received, 12)  # a working day inside the 20
    plain = calendar.nth_working_day_after(received, 20).isoformat()
    moved = naive_calendar("foia", proclaimed=[(day, "SCT")]).nth_working_day_after(received, 20).isoformat()
    assert plain != moved
    assert d.json("show", "H1")["response_due"] == plain

    added = d.starter("holiday", "add", day.isoformat(), "Test day", "--region", "SCT")
    assert added.returncode == 0 and "recorded; 1 running cases re-evaluated" in added.stdout, added
    assert due_when_shown(d, "H1", moved) == moved
    again = d.starter("holiday", "add", day.isoformat(), "Test day", "--region", "SCT")
    assert again.returncode == 0 and "was already recorded; 1 running cases re-evaluated" in again.stdout, again
    listed = d.starter("holiday", "list")
    assert f"{day.isoformat()}  SCT  Test day" in listed.stdout

    removed = d.starter("holiday", "remove", day.isoformat(), "--region", "SCT")
    assert removed.returncode == 0 and "removed; 1 running cases re-evaluated" in removed.stdout, removed
    assert due_when_shown(d, "H1", plain) == plain
    twice = d.starter("holiday", "remove", day.isoformat(), "--region", "SCT")
    assert twice.returncode == 2 and "is not a recorded proclaimed day" in twice.stderr
    assert d.starter("holiday", "list").stdout.strip() == ""
    bad = d.starter("holiday", "remove", "2026-02-30")
    assert bad.returncode == 2 and len(bad.stderr.strip().splitlines()) == 1
