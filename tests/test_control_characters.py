"""Control characters are refused wherever text enters (issue 25, item 2 and 9), by the one check in
`rules/plain_text.py`: a command-line option or argument, a CSV cell, a JSON string, the dashboard's
query string. Each refusal is one line naming the field (and the CSV line), status 2, nothing started.
What an older release let into the register is shown escaped, never written to the terminal."""

from __future__ import annotations

import json
from datetime import date

import httpx
import pytest

from casework.cases import check_ref
from dashboard.app import create_app
from dashboard.hardening import HEADERS
from importing.bulk_import import check
from register import Register
from rules import ProclaimedDay
from rules.plain_text import ControlCharacterError, PlainText, refuse_control
from runtime.errors import UserError
from tests.caseload_seed import seed
from tests.processes import Deployment
from tests.signing_in import BEARER, reading
from tests.smtp import free_port
from tests.test_dashboard_security import serving
from tests.test_low_findings import one_line_refusal

NEW = ["new", "--ref", "R1", "--regime", "foia", "--received", "2021-01-04"]
ESCAPE = "\x1b]0;PWNED\x07\x1b[2J"


@pytest.mark.slow
@pytest.mark.parametrize(
    "args, says",
    [
        ([*NEW, "--subject", f"waits{ESCAPE}"], "starter.py new: --subject: contains the control character U+001B"),
        ([*NEW, "--requester-name", "Dr J\x0bSmith"], "--requester-name: contains the control character U+000B"),
        ([*NEW, "--officer", "o@example.org\t"], "--officer: contains the control character U+0009"),
        (["new", "--ref", "R1\x1b", "--regime", "foia", "--received", "2021-01-04"], "--ref: contains"),
        (["holiday", "add", "2027-03-01", f"Coronation{ESCAPE}"], "name: contains the control character U+001B"),
        (["show", "R1\x9b2J"], "ref: contains the control character U+009B"),
    ],
)
def test_the_command_line_refuses_a_control_character_naming_the_option(tmp_path, args, says):
    out = Deployment(tmp_path).starter(*args)  # no worker: refused before anything is sent
    one_line_refusal(out, says)
    assert not (tmp_path / ".foi" / "register.db").exists()


def test_an_import_row_with_a_nul_byte_is_that_lines_error(settings):
    text = "ref,regime,received,subject\nN-1,foia,2026-10-01,a\x00b\nN-2,foia,2026-10-01,fine\n"
    checked = check(text, settings)
    assert checked.errors == ["line 2: subject: contains the control character U+0000, which is not allowed"]
    assert [c.ref for _, c in checked.valid] == ["N-2"]


@pytest.mark.slow
def test_the_import_command_starts_nothing_from_a_file_with_a_nul_byte(tmp_path):
    (tmp_path / "cases.csv").write_text("ref,regime,received,requester_name\nN-1,foia,2026-10-01,A\x00B\n")
    out = Deployment(tmp_path).starter("import", "cases.csv")  # no worker: nothing could start anyway
    assert out.returncode == 2, (out.stdout, out.stderr)
    assert "line 2: requester_name: contains the control character U+0000" in out.stderr
    assert "started" not in out.stdout


@pytest.mark.slow
@pytest.mark.parametrize(
    "args, stdin, says",
    [
        (
            [*NEW, "--events", "-"],
            json.dumps([{"type": "responded", "on": "2021-01-20", "outcome": "granted\u0000"}]),
            "--events[0].outcome: contains the control character U+0000",
        ),
        (
            ["calc", "-"],
            json.dumps(
                {
                    "regime": "foia",
                    "received": "2021-01-04",
                    "extra_non_working_days": [{"on": "2021-01-05", "name": f"Day{ESCAPE}"}],
                }
            ),  # fmt: skip
            "input.extra_non_working_days[0].name: contains the control character U+001B",
        ),
        (["calc", "-"], "[" * 100_000 + "]" * 100_000, "nested too deeply"),
    ],
)
def test_json_strings_are_checked_wherever_they_are(tmp_path, args, stdin, says):
    one_line_refusal(Deployment(tmp_path).starter(*args, stdin=stdin), says)


@pytest.mark.slow
def test_a_file_that_is_not_utf8_is_said_to_be_so(tmp_path):
    (tmp_path / "latin1.csv").write_bytes(
        "ref,regime,received,subject\nL-1,foia,2026-10-01,caf\xe9\n".encode("latin-1")
    )
    (tmp_path / "utf16.json").write_text(json.dumps({"regime": "foia", "received": "2021-01-04"}), encoding="utf-16")
    d = Deployment(tmp_path)
    one_line_refusal(d.starter("import", "latin1.csv"), "cannot read latin1.csv: not UTF-8 text")
    one_line_refusal(d.starter("calc", "utf16.json"), "cannot read utf16.json: not UTF-8 text")
    one_line_refusal(d.starter(*NEW, "--events", "utf16.json"), "cannot read utf16.json: not UTF-8 text")


@pytest.mark.slow
def test_a_csv_value_longer_than_the_csv_reader_takes_is_one_line(tmp_path):
    (tmp_path / "long.csv").write_text(f"ref,regime,received,subject\nL-1,foia,2026-10-01,{'s' * 140_000}\n")
    one_line_refusal(Deployment(tmp_path).starter("import", "long.csv"), "line 2: field larger than field limit")


@pytest.mark.slow
def test_a_port_out_of_range_is_a_usage_mistake(tmp_path):
    one_line_refusal(Deployment(tmp_path).starter("dashboard", "--port", "99999"), "is not a port number (1-65535)")


def test_the_one_check_allows_layout_only_where_a_field_does():
    from pydantic import TypeAdapter, ValidationError

    assert refuse_control("Café — ‘quoted’ & <b>", "subject") == "Café — ‘quoted’ & <b>"
    with pytest.raises(ControlCharacterError, match="^reason: contains the control character U\\+000A"):
        refuse_control("two\nlines", "reason")
    assert refuse_control("two\nlines\tand a tab", "reason", multiline=True) == "two\nlines\tand a tab"
    with pytest.raises(ControlCharacterError, match="U\\+0000"):
        refuse_control("a\x00b", "reason", multiline=True)
    assert TypeAdapter(PlainText).validate_python("a\nb") == "a\nb"
    with pytest.raises(ValidationError, match="U\\+007F"):
        TypeAdapter(PlainText).validate_python("a\x7fb")


def test_a_ref_with_a_trailing_newline_is_refused():
    with pytest.raises(UserError, match="ref"):
        check_ref("63509\n")


async def test_the_dashboard_refuses_bad_query_strings_with_400_and_its_headers(settings):
    Register(settings.register_url)
    port = free_port()
    server, task = await serving(create_app(reading(settings)), port)
    asked = [
        ("/?q=%00", "q: contains the control character U+0000"),
        ("/open?officer=%1B%5B2J", "officer: contains the control character U+001B"),
        ("/?page=%C2%B2", "page"),
        ("/?page=9223372036854775807", "page"),
        ("/?page=" + "9" * 5000, "page"),
        ("/?q=" + "x" * 60_000, "q: 60000 characters"),  # httpx sends at most 65,536
        ("/stats.csv?quarter=bad", "write it like 2021Q2"),
    ]
    try:
        async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}", headers=BEARER) as http:
            answers = [(await http.get(url), says) for url, says in asked]
    finally:
        server.should_exit = True
        await task
    for r, says in answers:
        assert r.status_code == 400, (r.request.url, r.status_code)
        assert says in r.text, (r.request.url, r.text[:500])
        assert all(r.headers.get(name) == value for name, value in HEADERS.items()), r.headers


@pytest.mark.slow
def test_the_command_line_never_prints_a_control_character_from_the_register(tmp_path):
    d = Deployment(tmp_path, COLUMNS="250")
    register = Register(f"sqlite:///{tmp_path / '.foi' / 'register.db'}")
    seed(register, "OLD-1", subject=f"seeded as an older release could{ESCAPE}", due=date(2021, 2, 1))
    register.add_proclaimed(ProclaimedDay(on=date(2027, 3, 1), name="Named before names were checked"))
    with register.session() as s, s.begin():
        from sqlalchemy import text

        s.execute(text("UPDATE proclaimed_days SET name = :n"), {"n": f"Holiday{ESCAPE}"})
    for args in (["overdue"], ["holiday", "list"]):
        out = d.starter(*args)
        assert out.returncode == 0, (args, out.stderr)
        assert not any(c in out.stdout for c in "\x1b\x07\x9b"), (args, out.stdout)
    assert "older release could\\x1b]0;PWNED\\x07" in d.starter("overdue").stdout


@pytest.mark.slow
def test_the_requester_can_come_from_stdin_and_is_checked_there_too(tmp_path):
    d = Deployment(tmp_path)
    one_line_refusal(
        d.starter(*NEW, "--requester", "-", stdin=json.dumps({"name": "A\u0000B"})),
        "--requester.name: contains the control character U+0000",
    )
    one_line_refusal(d.starter(*NEW, "--requester", "-", stdin='{"nom": "x"}'), "--requester: expected a JSON object")
    # a valid requester gets as far as Temporal (no worker here): the file was read and accepted
    out = d.starter(*NEW, "--requester", "-", stdin=json.dumps({"name": "Dr J Smith", "email": "j@example.org"}))
    assert out.returncode == 1 and "cannot reach Temporal" in out.stderr, out.stderr
