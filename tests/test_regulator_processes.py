"""Issue 21 with real processes: a case whose workflow ended on its review's outcome is reopened by the
regulator's complaint, and the decision notice is recorded from the command line (`--until`)."""

from __future__ import annotations

import pytest

from tests.processes import Deployment


@pytest.fixture
def deployment(tmp_path):
    d = Deployment(tmp_path)
    d.start_worker()
    yield d
    if d.worker.poll() is None:
        d.stop_worker()


@pytest.mark.slow
def test_a_complaint_reopens_a_reviewed_case_and_the_notice_sets_the_steps(deployment):
    d = deployment
    new = ("new", "--ref", "SC-9", "--regime", "eisr", "--received", "2021-03-31", "--officer", "o@example.org")
    assert d.starter(*new).returncode == 0
    for args in (
        ("responded", "--on", "2021-04-21", "--outcome", "withheld", "--exemption", "reg10(5)(f)"),
        ("review_requested", "--on", "2021-05-04"),
        ("review_completed", "--on", "2021-06-10", "--outcome", "upheld"),
    ):
        out = d.starter("record", "SC-9", *args)
        assert out.returncode == 0, out.stderr
    closed = d.json("show", "SC-9")
    assert (closed["stage"], closed["complaint_deadline"]) == ("closed", "2021-12-10")  # FOISA s47(4)(a)

    reopened = d.json("record", "SC-9", "complaint_received", "--on", "2021-07-01")
    assert reopened["stage"] == "with_regulator"
    decided = d.json("record", "SC-9", "decision_notice", "--on", "2021-09-01", "--outcome", "upheld", "--until",
                     "2021-10-20")  # fmt: skip
    # FOISA s56: 42 days after Wed 1 Sep 2021 to appeal to the Court of Session, Wed 13 Oct 2021
    assert (decided["stage"], decided["steps_due"], decided["appeal_deadline"]) == (
        "steps_required",
        "2021-10-20",
        "2021-10-13",
    )
    refused = d.starter("record", "SC-9", "complied", "--on", "2021-08-31")
    assert refused.returncode == 2 and "date order" in refused.stderr
