"""Clearance as a person does it (issue 20, item 3): the worker and starter.py as processes on the embedded
dev server. An officer of the Immigration Enforcement Secretariat flags the response for the Press Office;
the Press Office returns it with what to change, the officer resubmits, the Press Office clears it and the
response goes out. On a second case a manager sends the response while clearance is pending, with a reason.
Every refusal is one line on stderr, exit status 2, and records nothing.

Dates by hand (FOIA, received Mon 23 Nov 2026): flagged Mon 30 Nov, so clearance is due Thu 3 Dec (3
working days: Tue 1, Wed 2, Thu 3); returned Tue 1 Dec; flagged again Wed 2 Dec, due Mon 7 Dec (Thu 3,
Fri 4, Mon 7); cleared Thu 3 Dec; answered Fri 4 Dec. The response is due Tue 22 Dec 2026 throughout (20
working days after Mon 23 Nov; Mon 30 Nov, St Andrew's Day, is a Scottish bank holiday, which FOIA skips),
whatever clearance does."""

from __future__ import annotations

import json

import pytest

from register import Register
from tests.processes import Deployment

IES, PRESS = "Immigration Enforcement Secretariat", "Press Office"
ADMIN, OFFICER = "admin@homeoffice.example", "ies.officer@homeoffice.example"
MANAGER, PAT = "ies.head@homeoffice.example", "press@homeoffice.example"
CHANGES = "name the exemption for the staff names (s40(2))"

pytestmark = pytest.mark.slow  # starts processes or a browser (docs/developer.md#what-slow-means)


def test_clearance_returned_resubmitted_and_cleared_and_a_managers_override(tmp_path):
    d = Deployment(tmp_path)
    register = Register(f"sqlite:///{tmp_path / '.foi' / 'register.db'}")
    d.start_worker()
    try:

        def ok(*args: str) -> str:
            out = d.starter(*args)
            assert out.returncode == 0, (args, out.stdout, out.stderr)
            return out.stdout

        def refused(*args: str) -> str:
            out = d.starter(*args)
            assert out.returncode == 2 and out.stderr.count("\n") == 1, (args, out.stdout, out.stderr)
            assert "Traceback" not in out.stderr
            return out.stderr

        ok("people", "add", ADMIN, "--name", "Ada", "--role", "admin")
        for team in (IES, PRESS):
            ok("teams", "add", team, "--as", ADMIN)
        ok("people", "add", OFFICER, "--name", "Olu", "--role", "officer", "--team", IES, "--as", ADMIN)
        ok("people", "add", MANAGER, "--name", "Mo", "--role", "manager", "--team", IES, "--as", ADMIN)
        ok("people", "add", PAT, "--name", "Pat", "--role", "officer", "--team", PRESS, "--as", ADMIN)
        for ref in ("C1", "C2"):
            ok("new", "--ref", ref, "--regime", "foia", "--received", "2026-11-23", "--officer", OFFICER,
               "--team", IES, "--as", OFFICER)  # fmt: skip

        assert "team 'Nobody' does not exist" in refused(
            "record", "C1", "flag_for_clearance", "--on", "2026-11-30", "--team", "Nobody", "--as", OFFICER
        )
        assert "name the approving team (--team NAME)" in refused(
            "record", "C1", "flag_for_clearance", "--on", "2026-11-30", "--as", OFFICER
        )
        ok("record", "C1", "flag_for_clearance", "--on", "2026-11-30", "--team", PRESS, "--as", OFFICER)
        shown = ok("show", "C1")
        assert "awaiting Press Office since Mon 30 Nov 2026; to clear or return by Thu 3 Dec 2026" in shown
        assert "Tue 22 Dec 2026" in shown  # the statutory date stands beside it

        assert "say what is to change (--changes TEXT)" in refused(
            "record", "C1", "returned", "--on", "2026-12-01", "--as", PAT
        )
        assert f"{OFFICER} is not a member of 'Press Office', the approving team" in refused(
            "record", "C1", "returned", "--on", "2026-12-01", "--changes", CHANGES, "--as", OFFICER
        )
        assert "clearance by 'Press Office' is pending since 2026-11-30 (event 1)" in refused(
            "record", "C1", "responded", "--on", "2026-12-01", "--outcome", "granted", "--as", OFFICER
        )
        assert "may not record an answer while clearance is pending" in refused(
            "record", "C1", "responded", "--on", "2026-12-01", "--outcome", "granted",
            "--override-clearance", "in a hurry", "--as", OFFICER,
        )  # fmt: skip
        assert [r.type for r in register.events("C1")] == ["flag_for_clearance"]  # nothing else was recorded

        ok("record", "C1", "returned", "--on", "2026-12-01", "--changes", CHANGES, "--as", PAT)
        assert "resubmit by Thu 3 Dec 2026" in ok("show", "C1")  # Wed 2, Thu 3
        assert "clearance by 'Press Office' was returned on 2026-12-01" in refused(
            "record", "C1", "cleared", "--on", "2026-12-01", "--as", PAT
        )
        ok("record", "C1", "flag_for_clearance", "--on", "2026-12-02", "--team", PRESS, "--as", OFFICER)
        ok("record", "C1", "cleared", "--on", "2026-12-03", "--as", PAT)
        view = d.json("show", "C1")
        assert view["clearance"] is None and view["response_due"] == "2026-12-22"
        ok("record", "C1", "responded", "--on", "2026-12-04", "--outcome", "granted", "--as", OFFICER)
        ok("amend", "C1", "2", "--changes", "name s40(2) for the staff names", "--reason", "typo", "--as", PAT)

        steps = json.loads(ok("history", "C1", "--json"))
        recorded = [(s["by"], s["what"]) for s in steps if s["action"] == "recorded"]
        assert recorded == [
            (OFFICER, "flag_for_clearance on 2026-11-30, approving team Press Office"),
            (PAT, f"returned on 2026-12-01, changes: {CHANGES}"),
            (OFFICER, "flag_for_clearance on 2026-12-02, approving team Press Office"),
            (PAT, "cleared on 2026-12-03"),
            (OFFICER, "responded on 2026-12-04, outcome granted"),
        ]
        (amended,) = [s for s in steps if s["action"] == "amend"]
        assert amended["what"].endswith("now returned on 2026-12-01, changes: name s40(2) for the staff names")
        assert register.clearances("C1")[1].changes == "name s40(2) for the staff names"

        why = "the minister's office asked for it today; the press office is told"
        ok("record", "C2", "flag_for_clearance", "--on", "2026-11-30", "--team", PRESS, "--as", OFFICER)
        ok("record", "C2", "responded", "--on", "2026-12-01", "--outcome", "granted",
           "--override-clearance", why, "--as", MANAGER)  # fmt: skip
        over = d.json("show", "C2")["events"][1]["clearance_override"]
        assert (over["by"], over["reason"]) == (MANAGER, why)
        (answer,) = [s for s in json.loads(ok("history", "C2", "--json")) if s.get("number") == 2]
        assert (answer["by"], answer["reason"]) == (MANAGER, why)
        assert (
            answer["what"]
            == "responded on 2026-12-01, outcome granted (while clearance was pending: a manager's override)"
        )
        assert register.clearances("C2")[1].override == why
        assert "--override-clearance is only for an answer (responded, review_completed), not cleared" in refused(
            "record", "C2", "cleared", "--on", "2026-12-01", "--override-clearance", why, "--as", MANAGER
        )
        ok("void", "C2", "1", "--reason", "flagged by mistake", "--as", MANAGER)
        assert register.events("C2")[0].voided_by == MANAGER
    finally:
        d.stop_worker()
