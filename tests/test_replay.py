"""Every recorded history replays against today's workflow code: a change that would break running
cases fails here. The shapes kept are those a supported upgrade can leave running (docs/administrator.md,
"Upgrading the workflow"); record new ones with `python -m tests.record_histories` (docs/developer.md)."""

from __future__ import annotations

import base64
import json

import pytest
from temporalio.client import WorkflowHistory
from temporalio.worker import Replayer, UnsandboxedWorkflowRunner

import workflows.case
from runtime.connection import data_converter
from tests.record_histories import HERE, KEYS, SCENARIOS
from workflows import CaseWorkflow, workflow_id

HISTORIES = sorted(HERE.glob("*.json"))

SHAPES = {
    "patched": False,  # started before the versioning policy: the three patches' markers, not deprecated
    "deprecated": True,  # started on this release: the same markers, deprecated
}
"""Each kept shape, and whether its patch markers are deprecated. A new shape is listed here and in
docs/administrator.md; a shape no supported upgrade leaves running is deleted from tests/histories."""

PATCHES = {"read-model", "digests-and-corrections", "calendar-and-register-as-local-activities"}


def shape(path) -> str:
    return path.stem.split(".", 1)[1]


def patch_markers(path) -> dict[str, bool]:
    """The patch markers a recorded history carries: patch id -> deprecated."""
    markers = {}
    for event in json.loads(path.read_text())["events"]:
        attributes = event.get("markerRecordedEventAttributes")
        if attributes and attributes["markerName"] == "core_patch":
            [payload] = attributes["details"]["patch-data"]["payloads"]
            data = json.loads(base64.b64decode(payload["data"]))
            markers[data["id"]] = data["deprecated"]
    return markers


async def replay(paths, runner=None) -> dict[str, str]:
    """Replay `paths` against today's CaseWorkflow; the failures, by history file name."""
    kwargs = {"workflow_runner": runner} if runner else {}
    replayer = Replayer(workflows=[CaseWorkflow], data_converter=data_converter(KEYS), **kwargs)
    failures = {}
    for p in paths:
        history = WorkflowHistory.from_json(workflow_id(p.stem), p.read_text())
        result = await replayer.replay_workflow(history, raise_on_replay_failure=False)
        if result.replay_failure is not None:
            failures[p.name] = str(result.replay_failure)
    return failures


def test_every_kept_shape_has_every_lifecycle_and_no_other_shape_is_kept():
    names = {p.stem for p in HISTORIES}
    assert {shape(p) for p in HISTORIES} == set(SHAPES), "list a new shape in SHAPES and docs/administrator.md"
    for kept in SHAPES:
        assert {f"{s.__name__}.{kept}" for s in SCENARIOS} <= names
    # in_time, escalated, clocks_stopped, back_dated; every staff action with its author (record_event,
    # amend_event, void_event, assign); a Time for Compliance category with days that are not school days;
    # the internal draft deadline's alarms (patch `internal-draft-deadlines`)
    assert {s.__name__ for s in SCENARIOS} == {
        "in_time",
        "escalated",
        "clocks_stopped",
        "back_dated",
        "corrected",
        "school",
        "drafted",
    }


@pytest.mark.parametrize("path", HISTORIES, ids=lambda p: p.stem)
def test_each_history_carries_its_shapes_patch_markers(path):
    markers = {k: v for k, v in patch_markers(path).items() if k in PATCHES}  # later patches have their own
    assert markers == dict.fromkeys(PATCHES, SHAPES[shape(path)])


async def test_all_recorded_histories_replay():
    assert await replay(HISTORIES) == {}


async def test_the_next_release_may_remove_the_deprecated_patches_once_no_patched_case_runs(monkeypatch):
    """The third step of the procedure, tried now: without the `deprecate_patch` calls the cases started
    on this release still replay, and those started before it do not (so they must have closed first)."""
    monkeypatch.setattr(workflows.case, "DEPRECATED_PATCHES", ())
    runner = UnsandboxedWorkflowRunner()  # the sandbox would import its own copy of the module
    failures = await replay(HISTORIES, runner)
    assert set(failures) == {p.name for p in HISTORIES if shape(p) == "patched"}
    # each fails at the first removed patch's marker (where a later patch is checked first, as a mismatch)
    assert all("Nondeterminism" in f and "change read-model" in f or "id read-model" in f for f in failures.values())


def test_a_lifecycle_history_stays_small():
    sizes = {p.stem: len(json.loads(p.read_text())["events"]) for p in HISTORIES}
    assert all(n < 200 for n in sizes.values()), sizes
