"""The seed's case (Home Office request 63509) replayed with teams, as a person does it: the worker and the
starter as processes on the embedded dev server (issue 20). The response came from a business unit, the
Immigration Enforcement Secretariat; the internal review from a central team, the Information Rights Team,
whose reviewer writes "I can confirm that I was not involved in the initial handling of your request".

Dates from the seed: received Wed 31 Mar 2021, answered Wed 21 Apr 2021 (s31(1)(a), s31(3) with a public
interest test), review asked for Tue 22 Jun 2021 (after the window of two months ending Mon 21 Jun 2021:
late, accepted), review completed Thu 26 Aug 2021, upheld; its 40-working-day limit was Thu 19 Aug 2021."""

from __future__ import annotations

import io
import json

import docx
import pytest

from register import Register
from tests.processes import Deployment
from tests.test_faults import wait_for

IES, IRT = "Immigration Enforcement Secretariat", "Information Rights Team"
ADMIN = "admin@homeoffice.example"
OFFICER, MANAGER, REVIEWER = "ies.officer@homeoffice.example", "ies.head@homeoffice.example", "irt@homeoffice.example"
OTHER = "other.officer@homeoffice.example"
SENTENCE = "I can confirm that I was not involved in the initial handling of your request."


@pytest.mark.slow
def test_the_seed_case_with_teams_an_independent_reviewer_and_the_letter_that_says_so(tmp_path):
    d = Deployment(tmp_path, FOI_ALARMS__MANAGER_DELIVERY="immediate")
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
            return out.stderr

        ok("people", "add", ADMIN, "--name", "Ada", "--role", "admin")
        for team in (IES, IRT):
            ok("teams", "add", team, "--as", ADMIN)
        ok("people", "add", OFFICER, "--name", "Olu", "--role", "officer", "--team", IES, "--as", ADMIN)
        ok("people", "add", MANAGER, "--name", "Mo", "--role", "manager", "--team", IES, "--as", ADMIN)
        ok("people", "add", REVIEWER, "--name", "Rae", "--role", "reviewer", "--team", IRT, "--as", ADMIN)
        ok("people", "add", OTHER, "--name", "Oz", "--role", "officer", "--team", IRT, "--as", ADMIN)
        teams = {t["team"]: t for t in json.loads(ok("teams", "list", "--json"))}
        assert teams[IES]["managers"] == [MANAGER] and teams[IES]["members"] == [MANAGER, OFFICER]
        assert teams[IRT]["managers"] == [] and teams[IRT]["members"] == [REVIEWER, OTHER]
        assert "not a member of team" in refused(
            "new", "--ref", "X", "--regime", "foia", "--received", "2021-03-31", "--officer", OTHER, "--team", IES,
            "--as", OFFICER,
        )  # fmt: skip
        assert "does not exist" in refused(
            "new", "--ref", "X", "--regime", "foia", "--received", "2021-03-31", "--team", "Nobody", "--as", OFFICER
        )

        ok("new", "--ref", "63509", "--regime", "foia", "--received", "2021-03-31", "--officer", OFFICER,
           "--team", IES, "--as", OFFICER)  # fmt: skip
        ok("record", "63509", "responded", "--on", "2021-04-21", "--outcome", "part_withheld",
           "--exemption", "s31(1)(a)", "--exemption", "s31(3)", "--public-interest-test", "--as", OFFICER)  # fmt: skip
        ok("record", "63509", "review_requested", "--on", "2021-06-22", "--as", OFFICER)
        assert "may not assign" in refused(
            "assign", "63509", "--reviewer", REVIEWER, "--reason", "IRT", "--as", OFFICER
        )
        assert "no reviewer role" in refused("assign", "63509", "--reviewer", OTHER, "--reason", "x", "--as", MANAGER)
        ok("assign", "63509", "--reviewer", REVIEWER, "--reason", "reviews are done centrally", "--as", MANAGER)
        assert register.case("63509").reviewer == REVIEWER and register.case("63509").team == IES

        # the review is past its limit: the case names no manager, so its team's manager is told
        wait_for(lambda: [n for n in register.notifications("63509") if n.kind == "review_limit_exceeded"], 30, "alarm")
        (limit,) = [n for n in register.notifications("63509") if n.kind == "review_limit_exceeded"]
        assert (limit.role, limit.recipient, limit.deadline.isoformat()) == ("manager", MANAGER, "2021-08-19")
        listed = {r["ref"] for r in json.loads(ok("overdue", "--json", "--team", IES))}
        assert listed == {"63509"} and json.loads(ok("overdue", "--json", "--team", IRT)) == []

        before = [(r.seq, r.type) for r in register.events("63509")]
        said = refused(
            "record", "63509", "review_completed", "--on", "2021-08-26", "--outcome", "upheld", "--as", OFFICER
        )
        assert "recorded responded on 2021-04-21 (event 1) in the original handling" in said
        assert "manager can override" in said
        assert [(r.seq, r.type) for r in register.events("63509")] == before
        ok("record", "63509", "review_completed", "--on", "2021-08-26", "--outcome", "upheld",
           "--exemption", "s31(1)(a)", "--exemption", "s31(3)", "--as", REVIEWER)  # fmt: skip
        done = register.events("63509")[-1]
        assert (done.type, done.recorded_by, done.review_independence) == ("review_completed", REVIEWER, "independent")

        ok("letter", "63509", "review_outcome", "--out", "outcome.docx", "--as", REVIEWER)
        text = "\n".join(p.text for p in docx.Document(io.BytesIO((tmp_path / "outcome.docx").read_bytes())).paragraphs)
        assert SENTENCE in text and "26 August 2021" in text
        steps = json.loads(ok("history", "63509", "--json"))
        assert [(s["action"], s["by"]) for s in steps if s["action"] in ("recorded", "assigned")] == [
            ("recorded", OFFICER),
            ("recorded", OFFICER),
            ("assigned", MANAGER),
            ("recorded", REVIEWER),
        ]
    finally:
        d.stop_worker()
