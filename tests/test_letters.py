"""Each kind of letter on a real register, opened with python-docx: the dates the law gives (worked by
hand in the comments), the refusals, and an authority's own templates replacing the shipped ones."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import docx
import pytest

from letters import available
from letters.compose import letter
from rules import Event
from runtime.errors import UserError
from settings import Settings

ROOT = Path(__file__).resolve().parent.parent
D = date.fromisoformat


def case(register, ref: str, regime: str, received: str, *events: tuple, name: str | None = None) -> None:
    register.upsert_case(
        ref=ref, regime=regime, received=D(received), workflow_id=f"foi-{ref}", stage="x", requester_name=name
    )
    for seq, (kind, on, extra) in enumerate(events):
        register.record_event(ref, seq, Event(type=kind, on=D(on), **extra))


def read(settings, ref: str, kind: str) -> str:
    return "\n".join(p.text for p in docx.Document(io.BytesIO(letter(settings, ref, kind))).paragraphs)


def test_clarification_restarts_the_clock_and_says_when_the_request_lapses(settings, register):
    case(register, "C1", "foia", "2025-10-01", ("clarification_requested", "2025-10-02", {}))
    text = read(settings, "C1", "clarification")
    assert "20 working days from the day we receive it" in text
    assert "by 1 January 2026, we will close" in text  # 3 months beginning with Thu 2 Oct 2025
    assert available(register.case_events("C1")) == ["acknowledgement", "clarification"]


def test_a_subject_access_clarification_stops_the_clock(settings, register):
    case(register, "SC", "sar", "2025-10-01", ("clarification_requested", "2025-10-02", {}))
    assert "stops from today until the day your reply arrives" in read(settings, "SC", "clarification")


def test_a_fees_notice_gives_three_months_or_sixty_working_days(settings, register):
    case(register, "F1", "foia", "2025-10-01", ("fee_notice_issued", "2025-10-01", {}))
    text = read(settings, "F1", "fees_notice")
    assert "You have 3 months from the date of this notice to pay: the last day is 31 December 2025." in text
    assert "section 9 of the Freedom of Information Act 2000" in text
    # EIR reg 8(5): 60 working days after Wed 1 Oct 2025, skipping St Andrew's Day (Mon 1 Dec), Christmas,
    # Boxing Day: Oct 2-31 = 22, Nov = 20 (42), Dec 2-24 = 17 (59), Mon 29 Dec the 60th
    case(register, "F2", "eir", "2025-10-01", ("fee_notice_issued", "2025-10-01", {}))
    assert "You have 60 working days from the date of this notice to pay: the last day is 29 December 2025." in read(
        settings, "F2", "fees_notice"
    )


def test_a_fees_notice_given_too_late_has_no_letter(settings, register):
    # received Wed 1 Oct 2025, due Wed 29 Oct: a notice of Thu 30 Oct is out of time (FOIA s9(1))
    case(register, "F3", "foia", "2025-10-01", ("fee_notice_issued", "2025-10-30", {}))
    with pytest.raises(UserError, match="given after the time for compliance and has no effect"):
        letter(settings, "F3", "fees_notice")


def test_extensions_public_interest_and_environmental(settings, register):
    case(register, "X1", "foia", "2025-10-01", ("extended", "2025-10-20", {"until": D("2025-11-26")}))
    text = read(settings, "X1", "extension")
    assert "17(2)" in text and "We estimate that we will reach a decision by 26 November 2025." in text
    # EIR reg 7(1): 40 working days from Mon 3 Nov 2025, skipping Mon 1 Dec (St Andrew's Day), 25 and 26 Dec,
    # 1 Jan and Fri 2 Jan 2026 (Scotland): Nov 4-28 = 19, Dec 2-24 = 17 (36), 29-31 Dec (39), Mon 5 Jan the 40th
    case(register, "X2", "eir", "2025-11-03", ("extended", "2025-11-05", {}))
    text = read(settings, "X2", "extension")
    assert "regulation 7(1)" in text and "We will respond by 5 January 2026." in text


def test_a_subject_access_response_points_to_the_commissioner_without_a_review(settings, register):
    responded = {"outcome": "part_withheld", "exemptions": ["sch2-para2"]}
    case(register, "S1", "sar", "2025-11-03", ("responded", "2025-11-10", responded), name="Ann <Lee> & Co")
    text = read(settings, "S1", "response")
    assert "Dear Ann <Lee> & Co," in text  # escaped in the XML, read back as typed
    assert "Schedule 2 paragraph 2" in text and "Article 77" in text and "internal review" not in text


def test_a_refusal_says_whether_the_request_was_vexatious_or_repeated(settings, register):
    case(register, "V1", "foia", "2025-10-01", ("responded", "2025-10-03", {"outcome": "refused_vexatious"}))
    case(register, "R1", "foisa", "2025-10-01", ("responded", "2025-10-03", {"outcome": "refused_repeated"}))
    vexatious, repeated = read(settings, "V1", "response"), read(settings, "R1", "response")
    assert "We are refusing your request because it is vexatious." in vexatious and "repeated" not in vexatious
    assert "identical or substantially similar to an earlier request from you that we complied with" in repeated
    assert "a reasonable interval has not passed since then." in repeated and "vexatious" not in repeated


def test_a_scottish_review_outcome_gives_six_months_to_apply_to_the_commissioner(settings, register):
    case(
        register,
        "SCOT",
        "foisa",
        "2025-09-01",
        ("responded", "2025-09-03", {"outcome": "withheld", "exemptions": ["s38(1)(b)"]}),
        ("review_requested", "2025-09-10", {}),
        ("review_completed", "2025-10-01", {"outcome": "upheld", "exemptions": ["s38(1)(b)"]}),
    )
    text = read(settings, "SCOT", "review_outcome")
    assert "apply to the Scottish Information Commissioner for a decision" in text
    assert "within 6 months of this review: the last day to do so is 1 April 2026." in text  # FOISA s47(4)
    assert "section 38(1)(b)" in text
    ack = read(settings, "SCOT", "review_acknowledgement")
    # FOISA s21(1): 20 Scottish working days after Wed 10 Sep 2025: Wed 8 Oct 2025
    assert "We aim to send you the outcome by 8 October 2025." in ack and "no later than" not in ack


def test_an_authoritys_own_template_replaces_the_shipped_one(tmp_path, register):
    own = tmp_path / "own"
    own.mkdir()
    template = docx.Document()
    template.add_paragraph("Our ref {{ ref }}: we shall reply by {{ response_due }}. {{ requester_name }}")
    template.save(str(own / "acknowledgement.docx"))
    settings = Settings(data_dir=tmp_path / "data", letter_templates=own)
    case(register, "A1", "foia", "2025-10-01")  # due Wed 29 Oct 2025
    assert read(settings, "A1", "acknowledgement") == "Our ref A1: we shall reply by 29 October 2025. "
    case(register, "A2", "foia", "2025-10-01", ("clarification_requested", "2025-10-02", {}))
    assert "If we have not heard from you by" in read(settings, "A2", "clarification")  # still the shipped one


def starter(data_dir: Path, *args: str, **env: str) -> subprocess.CompletedProcess:
    base = {k: v for k, v in os.environ.items() if not k.startswith(("FOI_", "TEMPORAL_"))}
    return subprocess.run(
        [sys.executable, str(ROOT / "starter.py"), *args],
        env={**base, "FOI_DATA_DIR": str(data_dir), **env},
        capture_output=True,
        text=True,
        timeout=60,
        cwd=data_dir,
    )


@pytest.mark.slow
@pytest.mark.parametrize(
    ("args", "env", "says"),
    [
        (("letter", "NOPE", "response"), {}, "error: no case NOPE in the register"),
        (("letter", "C1", "response"), {}, "error: no response letter: no response has been recorded"),
        (("letter", "C1", "extension"), {}, "error: no extension letter: no extension has been recorded"),
        (("letter", "C1", "apology"), {}, "starter.py letter: argument KIND: invalid choice: 'apology'"),
        (
            ("letter", "C1", "acknowledgement"),
            {"FOI_LETTER_TEMPLATES": "/nonexistent/templates"},
            "error: letter templates folder /nonexistent/templates (FOI_LETTER_TEMPLATES) does not exist",
        ),
    ],
)
def test_a_letter_the_case_cannot_have_is_one_line_and_status_2(settings, register, args, env, says):
    case(register, "C1", "foia", "2025-10-01", ("clarification_requested", "2025-10-02", {}))
    out = starter(settings.data_dir, *args, **env)
    assert out.returncode == 2 and out.stderr.count("\n") == 1 and out.stderr.startswith(says), out.stderr
    assert list(settings.data_dir.glob("*.docx")) == []


@pytest.mark.slow
def test_the_command_writes_the_file_it_names(settings, register):
    case(register, "HO/7", "foia", "2025-10-01")
    out = starter(settings.data_dir, "letter", "HO/7", "acknowledgement")
    assert out.returncode == 0, out.stderr
    assert "We will respond by 29 October 2025" in "\n".join(
        p.text for p in docx.Document(str(settings.data_dir / "HO%2F7-acknowledgement.docx")).paragraphs
    )
