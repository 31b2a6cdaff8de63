"""Lists filtered by responding team (issue 20, item 1), on SQLite and PostgreSQL: the overdue, due-soon and
open lists and their counts by officer through `register/caseload.FILTERS`, and `starter.py overdue --team`
as a process reading the same register. Dates and counts by hand, as of Wed 7 Apr 2021 (Good Friday 2 Apr
and Easter Monday 5 Apr are bank holidays): due Wed 31 Mar is 3 working days overdue (Thu 1, Tue 6, Wed 7),
due Fri 26 Mar is 6 (Mon 29, Tue 30, Wed 31, Thu 1, Tue 6, Wed 7)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import replace
from datetime import date

import pytest

from casework.lists import listing, query_for
from tests.caseload_seed import seed
from tests.postgres import DATABASES, settings_on
from tests.processes import ROOT

settings = pytest.fixture(params=DATABASES)(settings_on)

IES, IRT = "Immigration Enforcement Secretariat", "Information Rights Team"
ANN, BOB, CY = "ann@example.org", "bob@example.org", "cy@example.org"
WEDNESDAY = date(2021, 4, 7)


def cases(register) -> None:
    for team in (IES, IRT):
        register.add_team(team, by="test")
    seed(register, "IES-1", due=date(2021, 3, 31), officer=ANN)  # 3 working days overdue
    seed(register, "IES-2", due=date(2021, 3, 26), officer=BOB)  # 6
    seed(register, "IES-3", due=date(2021, 4, 20), officer=BOB)  # not yet due
    seed(register, "IRT-1", due=date(2021, 3, 26), officer=CY)  # 6, the other team's
    seed(register, "IRT-2", due=date(2021, 4, 8), officer=CY)  # due tomorrow
    seed(register, "NONE-1", due=date(2021, 3, 31), officer=ANN)  # no team
    for ref in ("IES-1", "IES-2", "IES-3"):
        register.assign(ref, team=IES)
    for ref in ("IRT-1", "IRT-2"):
        register.assign(ref, team=IRT)


def refs(found) -> list[str]:
    return [c.ref for c in found.cases]


def test_each_list_and_its_counts_by_officer_filter_by_team(settings, register):
    cases(register)
    overdue = query_for(register, settings, "overdue", now=WEDNESDAY, sort="overdue")
    ies = listing(register, settings, replace(overdue, team=IES))
    assert [(c.ref, c.working_days_overdue) for c in ies.cases] == [("IES-2", 6), ("IES-1", 3)]
    assert ies.by_officer == [(ANN, 1), (BOB, 1)] and ies.total == 2
    irt = listing(register, settings, replace(overdue, team=IRT))
    assert [(c.ref, c.working_days_overdue) for c in irt.cases] == [("IRT-1", 6)]
    assert irt.by_officer == [(CY, 1)]
    everyone = listing(register, settings, overdue)
    assert sorted(refs(everyone)) == ["IES-1", "IES-2", "IRT-1", "NONE-1"]
    assert everyone.by_officer == [(ANN, 2), (BOB, 1), (CY, 1)]

    soon = query_for(register, settings, "due_soon", now=WEDNESDAY)
    assert refs(listing(register, settings, replace(soon, team=IRT))) == ["IRT-2"]
    assert refs(listing(register, settings, replace(soon, team=IES))) == []
    open_ = query_for(register, settings, "open", now=WEDNESDAY, sort="ref")
    assert refs(listing(register, settings, replace(open_, team=IES))) == ["IES-1", "IES-2", "IES-3"]
    assert refs(listing(register, settings, replace(open_, team="No such team"))) == []


@pytest.mark.slow
def test_overdue_team_on_the_command_line(settings, register):
    cases(register)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TEMPORAL_", "FOI_"))}
    env |= {"FOI_DATA_DIR": str(settings.data_dir), "FOI_DATABASE_URL": settings.register_url}

    def run(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, str(ROOT / "starter.py"), "overdue", "--json", *args],
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
        )

    def overdue(*args: str) -> list[str]:
        out = run(*args)
        assert out.returncode == 0, out.stderr
        return [row["ref"] for row in json.loads(out.stdout)]

    assert overdue("--team", IES) == ["IES-2", "IES-1", "IES-3"]  # most overdue first (today, all three are)
    assert overdue("--team", f"  {IRT} ") == ["IRT-1", "IRT-2"]  # the spaces of a typed name do not count
    assert sorted(overdue()) == ["IES-1", "IES-2", "IES-3", "IRT-1", "IRT-2", "NONE-1"]
    # a mistyped team is one line and exit status 2, not an empty list that reads as "nothing overdue"
    for flag in ("--team", "--awaiting-clearance"):
        typo = run(flag, "Information Rights Tem")
        assert (typo.returncode, typo.stdout) == (2, "")
        assert typo.stderr == (
            "error: team 'Information Rights Tem' does not exist (starter.py teams add, teams list)\n"
        )
