"""The issue's "done when", with real processes: the Home Office case 63509 recorded through the worker
with its exemptions, then its letters opened with python-docx and the quarter's report; an
acknowledgement for a case received today checked against the tests' own naive model of the law."""

from __future__ import annotations

import json

import docx
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


def text_of(path) -> str:
    return "\n".join(p.text for p in docx.Document(str(path)).paragraphs)


def written(day) -> str:
    return f"{day.day} {day:%B %Y}"


@pytest.mark.slow
def test_the_home_office_case_its_letters_and_its_statistics(deployment, tmp_path):
    d = deployment
    new = d.starter("new", "--ref", "63509", "--regime", "foia", "--received", "2021-03-31", "--subject", "Data")
    assert new.returncode == 0, new.stderr

    unknown = d.starter(
        "record", "63509", "responded", "--on", "2021-04-21", "--outcome", "part_withheld", "--exemption", "s31(9)"
    )
    assert unknown.returncode == 2 and unknown.stderr.count("\n") == 1, unknown.stderr
    assert "unknown exemption 's31(9)' under the FOIA" in unknown.stderr
    assert d.json("show", "63509")["responded_on"] is None  # nothing recorded

    cited = ["--exemption", "s31(1)(a)", "--exemption", "s31(3)", "--exemption", "section 40(2)"]
    response = d.json(
        "record", "63509", "responded", "--on", "2021-04-21", "--outcome", "part_withheld", *cited,
        "--public-interest-test",
    )  # fmt: skip
    assert response["exemptions"] == {
        "responded": {"exemptions": ["s31(1)(a)", "s31(3)", "s40(2)"], "public_interest_test": True}
    }
    assert d.starter("record", "63509", "review_requested", "--on", "2021-06-22").returncode == 0
    done = d.starter("record", "63509", "review_completed", "--on", "2021-08-26", "--outcome", "upheld")
    assert done.returncode == 0, done.stderr
    shown = d.starter("show", "63509")
    assert "s31(1)(a), s31(3), s40(2) (public interest test applied)" in shown.stdout

    out = d.starter("letter", "63509", "response", "--out", str(tmp_path / "response.docx"))
    assert out.returncode == 0, out.stderr
    letter = text_of(tmp_path / "response.docx")
    assert "The last day to ask is 21 June 2021." in letter  # two calendar months after 21 April 2021
    assert "section 31(1)(a)" in letter and "section 40(2)" in letter and "public interest" in letter
    assert "Information Commissioner" in letter

    assert d.starter("letter", "63509", "review_outcome", "--out", str(tmp_path / "outcome.docx")).returncode == 0
    outcome = text_of(tmp_path / "outcome.docx")
    assert "completed on 26 August 2021" in outcome
    assert "the last day to do so is 7 October 2021" in outcome  # six weeks after Thu 26 August 2021

    received = today("Europe/London")
    assert d.starter("new", "--ref", "TODAY-1", "--regime", "foia", "--received", received.isoformat()).returncode == 0
    assert d.starter("letter", "TODAY-1", "acknowledgement", "--out", str(tmp_path / "ack.docx")).returncode == 0
    due = naive_calendar("foia").nth_working_day_after(received, 20)  # the tests' own model, not the engine
    assert f"We will respond by {written(due)}" in text_of(tmp_path / "ack.docx")

    refused = d.starter("letter", "TODAY-1", "review_outcome", "--out", str(tmp_path / "no.docx"))
    assert (refused.returncode, refused.stderr) == (
        2,
        "error: no review outcome letter: no internal review has been completed\n",
    )
    assert not (tmp_path / "no.docx").exists()

    report = d.starter("report", "--quarter", "2021Q1", "--format", "json")
    assert report.returncode == 0, report.stderr
    applied = {f["measure"]: f["count"] for f in json.loads(report.stdout)["figures"] if "exemptions" in f["section"]}
    assert applied == {"FOIA s31": 1, "FOIA s40": 1}
