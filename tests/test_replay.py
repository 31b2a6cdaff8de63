"""Every recorded history replays against today's workflow code: a change that would break running
cases fails here. Record new ones with `python -m tests.record_histories` (see README, Upgrades)."""

from __future__ import annotations

import json

from temporalio.client import WorkflowHistory
from temporalio.worker import Replayer

from runtime.connection import data_converter
from tests.record_histories import HERE, KEYS
from workflows import CaseWorkflow, workflow_id

HISTORIES = sorted(HERE.glob("*.json"))


def test_there_are_histories_of_each_kind_of_lifecycle_in_each_shape():
    names = {p.stem for p in HISTORIES}
    for shape in ("", ".local_activities"):  # before and after the local-activities patch
        assert {f"{n}{shape}" for n in ("in_time", "escalated", "clocks_stopped", "back_dated")} <= names
    assert "corrected.authors" in names  # record_event, amend_event, void_event and assign, with their actors
    assert "school.category" in names  # a Time for Compliance category, days that are not school days
    assert "drafted.drafts" in names  # the internal draft deadline's alarms


async def test_all_recorded_histories_replay():
    async def histories():
        for p in HISTORIES:
            yield WorkflowHistory.from_json(workflow_id(p.stem), p.read_text())

    result = await Replayer(workflows=[CaseWorkflow], data_converter=data_converter(KEYS)).replay_workflows(
        histories(), raise_on_replay_failure=False
    )
    failures = {h: str(f) for h, f in result.replay_failures.items()}
    assert failures == {}


def test_a_lifecycle_history_stays_small():
    sizes = {p.stem: len(json.loads(p.read_text())["events"]) for p in HISTORIES}
    assert all(n < 200 for n in sizes.values()), sizes
