"""The retention schedule's dates, the daily run's choice of cases (at its activity, on SQLite and on
PostgreSQL), and legal holds at the command line. Every date is written down by hand: closure + N years
is the same day N years later, 29 February becoming 28 February; the period has run on that day."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from datetime import UTC, date, datetime

import pytest
from temporalio.testing import ActivityEnvironment

from activities.retention import Retention
from messages import RetentionRun
from register import Register
from register.erasure import ErasureRefused
from rules import Event
from rules.retention import RetentionPolicy, erasable_on
from tests.conftest import running_worker
from tests.postgres import DATABASES, settings_on
from tests.processes import ROOT
from workflows.retention import RetentionWorkflow

settings = pytest.fixture(params=DATABASES)(settings_on)

D = date.fromisoformat


@pytest.mark.parametrize(
    ("regime", "closed", "regulator", "erasable"),
    [
        ("foia", "2021-04-21", False, "2024-04-21"),
        ("eir", "2021-04-20", False, "2024-04-20"),
        ("sar", "2024-02-29", False, "2027-02-28"),  # no 29 February in 2027
        ("foisa", "2021-04-20", True, "2027-04-20"),  # reached the regulator: 6 years
        ("eisr", "2020-12-31", False, "2023-12-31"),
    ],
)
def test_a_closed_case_may_be_erased_from_closure_plus_its_regimes_years(regime, closed, regulator, erasable):
    assert erasable_on(RetentionPolicy(), regime, D(closed), regulator) == D(erasable)


def test_the_longer_of_the_regimes_period_and_the_regulators_applies():
    policy = RetentionPolicy(foia_years=10, regulator_years=6)
    assert erasable_on(policy, "foia", D("2021-04-21"), True) == D("2031-04-21")
    assert erasable_on(policy, "eir", D("2021-04-21"), True) == D("2027-04-21")


def case(register: Register, ref: str, stage: str, last: str, regime: str = "foia") -> None:
    register.upsert_case(
        ref=ref,
        regime=regime,
        received=D("2021-03-01"),
        workflow_id=f"foi-{ref}",
        stage=stage,
        subject=f"subject of {ref}",
        requester_name=f"requester of {ref}",
        requester_email=f"{ref.lower()}@example.org",
        last_event_on=D(last),
    )


@pytest.mark.slow
def test_the_daily_run_erases_closed_unheld_cases_whose_period_has_run_in_the_alarm_time_zone(settings):
    register = Register(settings.register_url)
    case(register, "P", "closed", "2021-04-21")  # erasable from 2024-04-21
    case(register, "Q", "closed", "2021-04-21")  # reached the regulator: from 2027-04-21
    register.record_event("Q", 0, Event(type="complaint_received", on=D("2021-04-21")))
    case(register, "R", "closed", "2021-04-21")  # on legal hold
    register.set_hold("R", "litigation", "manager@example.org")
    case(register, "S", "with_regulator", "2019-01-07")  # open: the regulator has it
    case(register, "T", "closed", "2021-05-02", regime="sar")  # erasable from 2024-05-02
    retention = Retention(register, RetentionPolicy(), "Europe/London")
    run = ActivityEnvironment().run

    first = run(retention.erase_due_cases, RetentionRun(at=datetime(2024, 5, 1, 22, 59, tzinfo=UTC)))  # 23:59 BST
    assert (first.erased, first.histories_pending) == (["P"], ["P"])
    second = run(retention.erase_due_cases, RetentionRun(at=datetime(2024, 5, 1, 23, 0, tzinfo=UTC)))  # 2 May 00:00
    assert (second.erased, second.histories_pending) == (["T"], ["P", "T"])

    assert [(e.ref, e.rule, e.closed_on, e.erased_by) for e in register.erasures()] == [
        ("P", "retention foia: closure + 3 years", D("2021-04-21"), "schedule"),
        ("T", "retention sar: closure + 3 years", D("2021-05-02"), "schedule"),
    ]
    for ref in "PT":
        row = register.case(ref)
        assert (row.subject, row.requester_name, row.requester_email, row.stage) == (None, None, None, "closed")
    for ref in "QRS":
        assert register.case(ref).requester_name == f"requester of {ref}"
    for ref in "RS":  # held, open: refused in the erasing transaction itself, whoever asks
        with pytest.raises(ErasureRefused):
            register.erase_case(ref, "erasure request", "manager@example.org", "request", D("2021-04-21"))
        assert register.case(ref).requester_name == f"requester of {ref}" and register.erasure(ref) is None
    register.release_hold("R")
    third = run(retention.erase_due_cases, RetentionRun(at=datetime(2024, 5, 2, 1, 0, tzinfo=UTC)))
    assert third.erased == ["R"]


def starter(data_dir, *args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TEMPORAL_", "FOI_"))}
    return subprocess.run(
        [sys.executable, str(ROOT / "starter.py"), *args],
        env={**env, "FOI_DATA_DIR": str(data_dir)},
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.mark.slow
def test_a_hold_needs_a_manager_a_reason_without_the_requesters_details_and_is_audited(tmp_path):
    data = tmp_path / "data"
    register = Register(f"sqlite:///{data / 'register.db'}")
    case(register, "H", "closed", "2021-04-21")
    first = starter(data, "people", "add", "admin@example.org", "--name", "Admin", "--role", "admin")
    officer = starter(
        data,
        "people",
        "add",
        "officer@example.org",
        "--name",
        "Officer",
        "--role",
        "officer",
        "--as",
        "admin@example.org",
    )
    assert (first.returncode, officer.returncode) == (0, 0), first.stderr + officer.stderr

    refused = starter(data, "hold", "H", "--reason", "litigation", "--as", "officer@example.org")
    assert (refused.returncode, refused.stderr.strip()) == (
        2,
        "error: officer@example.org may not set or release a legal hold: that needs the role admin or manager",
    )
    refused = starter(data, "hold", "H", "--reason", "claim by Requester of H", "--as", "admin@example.org")
    assert refused.returncode == 2 and "repeats the requester's details" in refused.stderr
    refused = starter(data, "release", "H", "--reason", "claim settled", "--as", "admin@example.org")
    assert (refused.returncode, refused.stderr.strip()) == (2, "error: case H is not on legal hold")
    assert register.legal_hold("H") is None

    held = starter(data, "hold", "H", "--reason", "litigation, legal ref LS/14", "--as", "admin@example.org")
    assert (held.returncode, held.stdout.strip()) == (0, "H: on legal hold: it is not erased until released")
    twice = starter(data, "hold", "H", "--reason", "again", "--as", "admin@example.org")
    assert twice.returncode == 2 and "on legal hold already" in twice.stderr
    released = starter(data, "release", "H", "--reason", "claim settled", "--as", "admin@example.org")
    assert released.returncode == 0
    assert [(a.kind, a.actor, a.reason) for a in register.actions("H")] == [
        ("held", "admin@example.org", "litigation, legal ref LS/14"),
        ("released", "admin@example.org", "claim settled"),
    ]


async def test_the_worker_creates_the_daily_schedule_once_and_brings_it_up_to_the_settings(dev_env, settings):
    from runtime.retention_schedule import ensure_retention_schedule
    from workflows.identity import RETENTION_SCHEDULE

    await ensure_retention_schedule(dev_env.client, settings)
    later = settings.model_copy(update={"retention": RetentionPolicy(hour=5)})
    await ensure_retention_schedule(dev_env.client, later)  # a second worker start, the hour changed: no error

    spec = (await dev_env.client.get_schedule_handle(RETENTION_SCHEDULE).describe()).schedule.spec
    [daily] = spec.calendars
    assert ([r.start for r in daily.hour], [r.start for r in daily.minute]) == ([5], [0])
    assert spec.time_zone_name == "Europe/London"


SECRET = b"sealed-history-of-case-X " * 40


def database_with_deleted_rows(path) -> None:
    """A SQLite file whose deleted rows' bytes linger in its free pages, as the dev server's did."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA secure_delete=OFF")  # as the dev server's SQLite (Debian's builds zero them by default)
    conn.execute("CREATE TABLE history_node (id INTEGER PRIMARY KEY, data BLOB)")
    conn.executemany("INSERT INTO history_node (data) VALUES (?)", [(SECRET,)] * 50)
    conn.execute("DELETE FROM history_node")
    conn.close()


async def test_after_deleting_histories_the_daily_run_waits_then_compacts_the_embedded_servers_file(env, settings):
    register = Register(settings.register_url)
    settings.data_dir.mkdir(mode=0o700, parents=True, exist_ok=True)  # a PostgreSQL register makes none
    database_with_deleted_rows(settings.data_dir / "temporal.db")  # the file the worker's own server uses
    assert SECRET in (settings.data_dir / "temporal.db").read_bytes()
    case(register, "X", "closed", "2021-04-21")
    register.erase_case("X", "erasure request", "manager@example.org", "request of 1 May 2024", D("2021-04-21"))
    register.histories_deleted("X")  # by `starter.py erase`: the file is compacted by the next daily run

    async with running_worker(env.client, settings):
        handle = await env.client.start_workflow(
            RetentionWorkflow.run,
            RetentionRun(at=datetime(2024, 5, 1, 1, 0, tzinfo=UTC), compact_after_seconds=600),
            id="foi:retention:test",
            task_queue=settings.task_queue,
        )
        result = await handle.result()

    assert (result.erased, result.compaction_due, result.compacted) == ([], True, ["X"])
    assert SECRET not in (settings.data_dir / "temporal.db").read_bytes()
    assert register.erasure("X").compacted_at is not None
    timers = [
        e.timer_started_event_attributes.start_to_fire_timeout.ToSeconds()
        async for e in handle.fetch_history_events()
        if e.HasField("timer_started_event_attributes")
    ]
    assert timers == [600]  # it waited the ten minutes (skipped) before compacting
