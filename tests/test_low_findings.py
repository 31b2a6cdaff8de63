"""Small refusals at the boundary (issue 15, Low): dates out of range, refs with dot segments, values
longer than the register keeps, and private files: each a one-line error with status 2, or a quiet fix."""

from __future__ import annotations

import json
import stat

import httpx
import pytest

from casework.cases import check_ref
from dashboard.app import create_app
from register import Register
from runtime.codec import load_keyring
from runtime.errors import Unavailable, UserError
from tests.processes import Deployment
from tests.signing_in import BEARER, reading
from tests.smtp import free_port
from tests.test_dashboard_security import serving


def one_line_refusal(out, says: str) -> None:
    assert out.returncode == 2, (out.returncode, out.stdout, out.stderr)
    assert len(out.stderr.strip().splitlines()) == 1 and says in out.stderr, out.stderr


NEW = ["new", "--ref", "R1", "--regime", "foia", "--received"]
CASE = {"regime": "foia", "received": "2021-01-04"}


@pytest.mark.slow
@pytest.mark.parametrize(
    "args, stdin, says",
    [
        (["new", "--ref", "R1", "--regime", "foia", "--received", "0001-01-01"], None, "out of range"),
        (["new", "--ref", "R1", "--regime", "foia", "--received", "9999-12-31"], None, "out of range"),
        (["calc", "-"], json.dumps({"regime": "foia", "received": "0001-01-01"}), "out of range"),
        (
            ["calc", "-"],
            json.dumps({"regime": "foia", "received": "2021-01-04", "as_of": "9999-12-31"}),
            "out of range",
        ),
        (
            ["calc", "-"],
            json.dumps(
                {"regime": "foia", "received": "2021-01-04", "events": [{"type": "withdrawn", "on": "0001-01-01"}]}
            ),
            "out of range",
        ),
        (["report", "--quarter", "0000Q1"], None, "out of range"),
        (["holiday", "add", "0001-01-01", "Too early"], None, "out of range"),
        (["new", "--ref", "a/../x", "--regime", "foia", "--received", "2021-01-04"], None, "ref 'a/../x'"),
        (
            ["new", "--ref", "R1", "--regime", "foia", "--received", "2021-01-04", "--officer", "o" * 10_000],
            None,
            "officer",
        ),
        (
            ["new", "--ref", "R1", "--regime", "foia", "--received", "2021-01-04", "--subject", "s" * 10_000],
            None,
            "subject",
        ),
    ],
)
def test_the_starter_refuses_in_one_line(tmp_path, args, stdin, says):
    out = Deployment(tmp_path).starter(*args, stdin=stdin)  # no worker: refused before anything is sent
    one_line_refusal(out, says)


@pytest.mark.parametrize("ref", ["a/../x", "../x", "a/./b", "a//b", "a/", "x/.."])
def test_refs_with_dot_or_empty_segments_are_refused(ref):
    with pytest.raises(UserError, match="ref"):
        check_ref(ref)


def test_ordinary_refs_with_slashes_and_dots_still_pass():
    for ref in ("63509", "HO/2026/101", "FOI-2026.01", "a.b/c_d-e"):
        assert check_ref(ref) == ref


async def test_the_statistics_page_refuses_a_year_zero_quarter(settings):
    port = free_port()
    server, task = await serving(create_app(reading(settings)), port)
    try:
        async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}", headers=BEARER) as http:
            r = await http.get("/stats", params={"quarter": "0000Q1"})
    finally:
        server.should_exit = True
        await task
    assert r.status_code == 400 and "out of range" in r.text


def test_the_data_dir_is_created_private(settings):
    Register(settings.register_url)
    assert stat.S_IMODE(settings.data_dir.stat().st_mode) == 0o700


def test_the_key_file_created_by_the_worker_sits_in_a_private_dir(tmp_path, settings):
    settings = settings.model_copy(update={"data_dir": tmp_path / "fresh"})
    load_keyring(settings, create=True)
    assert stat.S_IMODE(settings.data_dir.stat().st_mode) == 0o700


def test_a_key_file_others_can_read_is_refused(settings):
    load_keyring(settings, create=True)
    settings.key_file.chmod(0o644)
    with pytest.raises(Unavailable, match="readable by other users.*chmod 600"):
        load_keyring(settings)


def test_an_import_row_with_an_overlong_value_is_that_rows_error(settings):
    from importing.bulk_import import check

    checked = check(f"ref,regime,received,officer\nL-1,foia,2026-10-01,{'o' * 400}\nL-2,foia,2026-10-01,\n", settings)
    assert checked.errors == ["line 2: officer: 400 characters; at most 320"]
    assert [c.ref for _, c in checked.valid] == ["L-2"]
