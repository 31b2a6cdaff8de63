"""The quick commands load only what they use (their speed is measured in bench/, not here), and the
command line prints every value whole when its output is not a terminal."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest

from casework.today import today
from cli.plain import plain_table
from register import Register
from tests.caseload_seed import seed

ROOT = Path(__file__).resolve().parent.parent
HEAVY = ("sqlalchemy", "temporalio", "rich", "fastapi", "workflows.case", "activities")
PROBE = """
import sys, starter
code = starter.main(sys.argv[1:])
loaded = sorted(m for m in {heavy} if m in sys.modules)
print("LOADED", *loaded, file=sys.stderr)
"""


def loaded_by(
    *argv: str, env: dict[str, str] | None = None, stdin: str | None = None, probe: tuple[str, ...] = HEAVY
) -> list[str]:
    out = subprocess.run(
        [sys.executable, "-c", PROBE.format(heavy=probe), *argv],
        cwd=ROOT,
        capture_output=True,
        text=True,
        input=stdin,
        timeout=60,
        env={**os.environ, **(env or {})},
    )
    line = next(ln for ln in out.stderr.splitlines() if ln.startswith("LOADED"))
    return line.split()[1:]


HELP_PROBE = """
import sys, starter
try:
    starter.main(sys.argv[1:])
except SystemExit:
    pass
loaded = sorted(m for m in {heavy} if m in sys.modules)
print("LOADED", *loaded, file=sys.stderr)
"""
COMMANDS = ("calc", "new", "record", "show", "overdue", "alerts", "digest", "holiday", "report", "import")
COMMANDS += ("dashboard", "letter", "publish", "unpublish", "disclosure-log", "erase", "hold", "release", "erasures")


@pytest.mark.slow
@pytest.mark.parametrize("command", ["", *COMMANDS])
def test_help_loads_neither_pydantic_nor_the_engine_nor_the_settings(command):
    heavy = ("pydantic", "holidays", "settings", "rules.models", "rules.engine", *HEAVY)
    out = subprocess.run(
        [sys.executable, "-c", HELP_PROBE.format(heavy=heavy), *command.split(), "--help"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert out.stdout.startswith("usage: starter.py"), out.stdout[:200]
    line = next(ln for ln in out.stderr.splitlines() if ln.startswith("LOADED"))
    assert line.split()[1:] == []


@pytest.mark.slow
def test_calc_loads_no_database_server_or_table_library():
    assert loaded_by("calc", "-", stdin=json.dumps({"regime": "foia", "received": "2021-03-31"})) == []


CACHED_PROBE = """
import sys, starter
from cli.holiday_cache import install
install()
code = starter.main(sys.argv[1:])
print("LOADED", *sorted(m for m in sys.modules if m.split(".")[0] == "holidays"), file=sys.stderr)
"""


def test_calc_reads_the_holidays_package_once_then_its_cache(tmp_path):
    # The first calc fills the cache from the package (cli/holiday_cache.py); the next imports no part of it.
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path)}
    case = json.dumps({"regime": "foisa", "received": "2021-07-20"})
    loaded = []
    for _ in range(2):
        out = subprocess.run(
            [sys.executable, "-c", CACHED_PROBE, "calc", "-"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            input=case,
            timeout=60,
            env=env,
        )
        # FOISA: 20 working days from Tue 20 Jul 2021, skipping Scotland's summer bank holiday, Mon 2 Aug
        assert json.loads(out.stdout)["response_due"] == "2021-08-18"
        loaded.append(next(ln for ln in out.stderr.splitlines() if ln.startswith("LOADED")).split()[1:])
    assert "holidays" in loaded[0]
    assert not any(m.startswith("holidays") for m in loaded[1])


@pytest.mark.slow
def test_show_loads_the_temporal_client_and_the_key_check_but_not_the_workflow(tmp_path):
    # No server listens on the port: the command fails in one line, having loaded only what it needed —
    # the Temporal client, and the register where the worker left its key fingerprints (runtime/key_check.py),
    # but not Temporal's worker package (runtime/late_updates.py is the worker's) nor the email address
    # checker (settings.py loads it only for a default recipient that is set).
    env = {"FOI_DATA_DIR": str(tmp_path), "TEMPORAL_ADDRESS": "127.0.0.1:1", "FOI_DEV_SERVER_PORT": "1"}
    assert loaded_by("show", "X", env=env) == ["sqlalchemy", "temporalio"]
    assert loaded_by("show", "X", env=env, probe=("temporalio.worker", "email_validator")) == []


@pytest.mark.slow  # a starter.py process beside calc
def test_record_reads_only_the_registers_people_before_it_sends(tmp_path):
    # Who is acting comes from the register's people (register.people.PeopleRegister); the rest of the
    # store (cases, outbox, intake, publications) is the worker's business, not loaded by `record`.
    Register(f"sqlite:///{(tmp_path / 'register.db').as_posix()}")  # at the newest revision: nothing to migrate
    env = {"FOI_DATA_DIR": str(tmp_path), "TEMPORAL_ADDRESS": "127.0.0.1:1", "FOI_DEV_SERVER_PORT": "1"}
    probe = ("register.people", "register.store", "register.outbox", "holidays")
    assert loaded_by("record", "X", "clarification_requested", env=env, probe=probe) == ["register.people"]


@pytest.mark.slow
def test_overdue_loads_the_database_but_not_temporal(tmp_path):
    assert loaded_by("overdue", "--json", env={"FOI_DATA_DIR": str(tmp_path)}) == ["sqlalchemy"]


@pytest.mark.slow
def test_overdue_off_a_terminal_prints_every_value_whole(tmp_path):
    data = tmp_path / "data"
    register = Register(f"sqlite:///{(data / 'register.db').as_posix()}")
    now = today("Europe/London")
    officer = "a.very.long.officer.name@department.example.gov.uk"
    subject = "Costs of the new headquarters building, its contracts and every consultant's report"
    seed(
        register,
        "HO-2026-101",
        due=now - timedelta(days=30),
        received=now - timedelta(days=70),
        officer=officer,
        subject=subject,
    )
    out = subprocess.run(
        [sys.executable, "starter.py", "overdue"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "FOI_DATA_DIR": str(data), "COLUMNS": "80"},
    )
    assert out.returncode == 0, out.stderr
    lines = out.stdout.splitlines()
    assert lines[0].startswith("Overdue cases (1;")
    assert lines[1].split() == ["ref", "regime", "stage", "missed", "over", "draft", "due", "officer", "subject"]
    assert lines[3].startswith("HO-2026-101  foia    response  ")
    assert lines[3].endswith(f"  {officer}  {subject}")  # whole, however narrow the terminal would be
    assert "…" not in out.stdout
    assert (now - timedelta(days=30)).isoformat() in lines[3]


def test_a_plain_table_aligns_its_columns_and_cuts_nothing():
    rows = [("R-1", "2021-04-30", "x" * 120, 3), ("R-22", "2021-05-04", "short", 10)]
    text = plain_table("T", ("ref", "due", "subject", "n"), rows, right=("n",))
    gap = "  "
    assert text.splitlines() == [
        "T",
        "ref " + gap + "due       " + gap + "subject" + " " * 113 + gap + " n",
        "----" + gap + "----------" + gap + "-" * 120 + gap + "--",
        "R-1 " + gap + "2021-04-30" + gap + "x" * 120 + gap + " 3",
        "R-22" + gap + "2021-05-04" + gap + "short" + " " * 115 + gap + "10",
    ]


def test_the_names_staff_commands_send_are_the_case_workflows_own():
    # `new` starts, and `record` and the corrections update, the case workflow by name (workflows/identity.py),
    # so that they need not import the workflow's module, its activities and the register's store.
    from temporalio.workflow import _Definition

    from workflows import identity
    from workflows.case import CaseWorkflow

    definition = _Definition.from_class(CaseWorkflow)
    assert definition.name == identity.CASE_WORKFLOW == "Case"
    names = (identity.RECORD_EVENT_UPDATE, identity.VOID_EVENT_UPDATE, identity.AMEND_EVENT_UPDATE)
    assert set(names) | {identity.ASSIGN_UPDATE} <= set(definition.updates)
    assert definition.updates[identity.RECORD_EVENT_UPDATE].fn is CaseWorkflow.record_event
    assert definition.updates[identity.ASSIGN_UPDATE].fn is CaseWorkflow.assign
