"""`starter.py publish` and `unpublish` as a person runs them (the starter as a process, on a register in
its scratch directory; no Temporal server is needed): an officer publishes the seed case's response with
its document and withdraws it, each action in the case's audit trail under their name; and every kind of
bad input is one line on stderr, exit status 2, with nothing changed in the register or the data dir.

Expected values are the seed's (tests/disclosure_seed.py): HO-63509, received Wed 31 Mar 2021, answered
Wed 21 Apr 2021, withheld under s31(1)(a) and s31(3)."""

from __future__ import annotations

import stat
from datetime import date

import pytest

from casework.documents import kind_of
from register import Register
from tests.disclosure_seed import DOC, MANAGER, OFFICER, REVIEWER, docx, pdf, seed, xlsx
from tests.processes import Deployment

TITLE = "Immigration enforcement: operational guidance (2021)"

pytestmark = pytest.mark.slow  # starts processes or a browser (docs/developer.md#what-slow-means)


@pytest.fixture
def deployment(tmp_path):
    d = Deployment(tmp_path, FOI_DISCLOSURE__DOCUMENT_LIMIT_BYTES="4096")
    register = Register(f"sqlite:///{tmp_path / '.foi' / 'register.db'}")
    seed(register)
    return d, register


def test_an_officer_publishes_a_response_with_its_document_and_withdraws_it(deployment, tmp_path):
    d, register = deployment
    (tmp_path / "response.pdf").write_bytes(pdf(b"the Home Office's answer"))

    out = d.starter("publish", "HO-63509", "--title", TITLE, "--document", "response.pdf", "--as", OFFICER)
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith(f'HO-63509: published in the disclosure log as "{TITLE}" with its document (pdf,')
    row = register.publication("HO-63509")
    assert (row.title, row.regime, row.received, row.answered) == (TITLE, "foia", date(2021, 3, 31), date(2021, 4, 21))
    assert (row.outcome, row.exemptions, row.document_kind) == ("withheld", ["s31(1)(a)", "s31(3)"], "pdf")
    [kept] = list((tmp_path / ".foi" / "disclosure").iterdir())
    assert kept.read_bytes() == pdf(b"the Home Office's answer")
    assert stat.S_IMODE(kept.stat().st_mode) == 0o600
    assert stat.S_IMODE(kept.parent.stat().st_mode) == 0o700
    assert "response" not in kept.name  # the file's own name is not kept
    [published] = [a for a in register.actions("HO-63509") if a.kind == "published"]
    assert (published.actor, published.detail["title"]) == (OFFICER, TITLE)

    out = d.starter("unpublish", "HO-63509", "--reason", "a third party's name was in the document", "--as", MANAGER)
    assert out.returncode == 0, out.stderr
    assert register.publication("HO-63509") is None
    [withdrawn] = [a for a in register.actions("HO-63509") if a.kind == "unpublished"]
    assert (withdrawn.actor, withdrawn.reason) == (MANAGER, "a third party's name was in the document")
    assert withdrawn.detail["title"] == TITLE
    assert list((tmp_path / ".foi" / "disclosure").iterdir()) == []  # the document goes with it

    history = d.starter("history", "HO-63509")
    assert history.returncode == 0, history.stderr
    assert f'published in the disclosure log as "{TITLE}" with a document' in history.stdout
    assert "withdrawn from the disclosure log" in history.stdout


def test_publishing_again_replaces_the_title_and_the_document(deployment, tmp_path):
    d, register = deployment
    (tmp_path / "first.pdf").write_bytes(pdf(b"first"))
    (tmp_path / "second.docx").write_bytes(docx())
    assert (
        d.starter("publish", "FOI-8", "--title", "Bonuses", "--document", "first.pdf", "--as", OFFICER).returncode == 0
    )
    out = d.starter("publish", "FOI-8", "--title", "Staff bonuses 2025", "--document", "second.docx", "--as", OFFICER)
    assert out.returncode == 0, out.stderr
    row = register.publication("FOI-8")
    assert (row.title, row.document_kind, row.document_bytes) == ("Staff bonuses 2025", "docx", len(docx()))
    assert [p.name.split(".")[1] for p in (tmp_path / ".foi" / "disclosure").iterdir()] == ["docx"]
    assert [a.kind for a in register.actions("FOI-8")] == ["published", "published"]


LONG = "x" * 301


@pytest.mark.parametrize(
    "args, files, message",
    [
        (("publish", "NO-SUCH", "--title", "A title"), {}, "error: no case NO-SUCH in the register"),
        (("publish", "FOI-OPEN", "--title", "A title"), {}, "error: case FOI-OPEN has not been answered"),
        (("publish", "SAR-1", "--title", "A title"), {}, "error: case SAR-1 is a subject access request"),
        (("publish", "FOI-8", "--title", LONG), {}, "error: --title: the public title is 301 characters; at most 300"),
        (("publish", "FOI-8", "--title", "   "), {}, "error: --title: the public title is empty"),
        (("publish", "FOI-8", "--title", "A\u0085title"), {}, "--title: contains the control character U+0085"),
        (
            ("publish", "FOI-8", "--title", "A title", "--document", "notes.pdf"),
            {"notes.pdf": b"just some text, named .pdf"},
            "error: document notes.pdf: not a PDF or Word document (by its content)",
        ),
        (
            ("publish", "FOI-8", "--title", "A title", "--document", "sheet.docx"),
            {"sheet.docx": xlsx()},
            "error: document sheet.docx: not a PDF or Word document (by its content)",
        ),
        (
            ("publish", "FOI-8", "--title", "A title", "--document", "answer.docx"),
            {"answer.docx": pdf()},
            "error: document answer.docx: its content is a PDF, so its name must end in .pdf",
        ),
        (
            ("publish", "FOI-8", "--title", "A title", "--document", "big.pdf"),
            {"big.pdf": pdf(b"x" * 4096)},
            "bytes is over the limit of 4,096 (FOI_DISCLOSURE__DOCUMENT_LIMIT_BYTES)",
        ),
        (
            ("publish", "FOI-8", "--title", "A title", "--document", "empty.pdf"),
            {"empty.pdf": b""},
            "error: document empty.pdf: it is empty",
        ),
        (
            ("publish", "FOI-8", "--title", "A title", "--document", "missing.pdf"),
            {},
            "error: document missing.pdf: no such file",
        ),
        (("unpublish", "FOI-8", "--reason", "a mistake"), {}, "error: case FOI-8 is not published"),
        (("unpublish", "NO-SUCH", "--reason", "a mistake"), {}, "error: no case NO-SUCH in the register"),
        (("unpublish", "FOI-9", "--reason", " "), {}, "error: --reason: say why"),
    ],
    ids=[
        "unknown-ref",
        "not-answered",
        "subject-access",
        "title-301",
        "title-empty",
        "title-control",
        "text-not-pdf",
        "spreadsheet-not-docx",
        "extension-disagrees",
        "over-limit",
        "empty-document",
        "missing-document",
        "unpublish-not-published",
        "unpublish-unknown",
        "unpublish-no-reason",
    ],
)
def test_bad_input_is_one_line_exit_2_and_changes_nothing(deployment, tmp_path, args, files, message):
    d, register = deployment
    for name, content in files.items():
        (tmp_path / name).write_bytes(content)
    before = {ref: len(register.actions(ref)) for ref in ("FOI-8", "FOI-9", "FOI-OPEN", "SAR-1")}

    out = d.starter(*args, "--as", OFFICER)

    assert out.returncode == 2, (out.stdout, out.stderr)
    assert len(out.stderr.strip().splitlines()) == 1, out.stderr
    assert message in out.stderr
    assert "Traceback" not in out.stderr and out.stdout == ""
    assert register.publications() == []
    assert {ref: len(register.actions(ref)) for ref in before} == before
    stored = tmp_path / ".foi" / "disclosure"
    assert not stored.exists() or list(stored.iterdir()) == []


def test_a_reviewer_may_not_publish(deployment):
    d, register = deployment
    out = d.starter("publish", "FOI-8", "--title", "Staff bonuses", "--as", REVIEWER)
    assert out.returncode == 2
    assert out.stderr.strip() == (
        f"error: {REVIEWER} may not publish or withdraw responses in the disclosure log: "
        "that needs the role admin or manager or officer"
    )
    assert register.publication("FOI-8") is None


@pytest.mark.parametrize(
    "content, kind",
    [
        (pdf(), "pdf"),
        (docx(), "docx"),
        (DOC, "doc"),
        (xlsx(), None),
        (b"PK\x03\x04 not really a zip", None),
        (b"%PD", None),
        (b"<html>%PDF-</html>", None),  # the marker must open the file
    ],
    ids=["pdf", "docx", "doc", "xlsx", "broken-zip", "short", "html"],
)
def test_a_document_is_known_by_its_first_bytes(content, kind):
    assert kind_of(content) == kind


def test_the_disclosure_log_command_serves_the_public_site_on_loopback(deployment, tmp_path):
    import subprocess
    import sys
    import time
    import urllib.error
    import urllib.request

    from tests.processes import ROOT
    from tests.smtp import free_port

    d, register = deployment
    (tmp_path / "answer.pdf").write_bytes(pdf())
    published = d.starter("publish", "FOI-8", "--title", "Staff bonuses", "--document", "answer.pdf", "--as", OFFICER)
    assert published.returncode == 0, published.stderr
    port = free_port()
    site = subprocess.Popen(
        [sys.executable, str(ROOT / "starter.py"), "disclosure-log", "--port", str(port)],
        cwd=tmp_path,
        env=d.env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        assert site.stdout.readline().strip() == f"disclosure log on http://127.0.0.1:{port}/ (Ctrl-C to stop)"
        for _ in range(100):
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/response/FOI-8", timeout=5) as page:
                    assert "Staff bonuses" in page.read().decode()
                break
            except ConnectionRefusedError:
                time.sleep(0.1)
            except urllib.error.URLError as exc:
                if not isinstance(exc.reason, ConnectionRefusedError):
                    raise
                time.sleep(0.1)
        else:
            raise AssertionError("the disclosure log did not answer")
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(urllib.request.Request(f"http://127.0.0.1:{port}/", data=b"x=1"), timeout=5)
        assert refused.value.code == 405
    finally:
        site.terminate()
        site.wait(timeout=20)

    bad = d.starter("disclosure-log", "--port", "70000")
    assert bad.returncode == 2 and "is not a port number" in bad.stderr
