"""Random and malformed input to every starter command and random JSON to calc: never a traceback,
always one line on stderr, exit 2 for bad input (1 when the input is fine but no server answers)."""

from __future__ import annotations

import io
import json
import sys
from contextlib import redirect_stderr, redirect_stdout

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import starter
from settings import get_settings
from tests.smtp import free_port


@pytest.fixture(autouse=True)
def nothing_listening(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("FOI_DEV_SERVER_PORT", str(free_port()))
    monkeypatch.delenv("TEMPORAL_ADDRESS", raising=False)
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()


def run(argv: list[str], stdin: str = "") -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    old_stdin, sys.stdin = sys.stdin, io.StringIO(stdin)
    try:
        with redirect_stdout(out), redirect_stderr(err):
            try:
                code = starter.main(argv)
            except SystemExit as exc:  # argparse's usage errors
                code = exc.code
    finally:
        sys.stdin = old_stdin
    return code, out.getvalue(), err.getvalue()


def assert_clean(code, out, err):
    assert code in (0, 1, 2), (code, err)
    assert "Traceback" not in err and "internal error" not in err, err
    if code:
        assert len(err.strip().splitlines()) == 1, err
    if code == 2:
        assert out == ""


words = st.one_of(
    st.text(max_size=12),
    st.sampled_from(
        [
            "--ref",
            "--regime",
            "--received",
            "--on",
            "--outcome",
            "--until",
            "--exceptional",
            "--json",
            "--events",
            "foia",
            "sar",
            "gdpr",
            "2021-03-31",
            "2021-02-30",
            "-",
            "63509",
            "responded",
            "review_requested",
            "add",
            "list",
            "--region",
            "SCT",
            "XX",
            "9999-99-99",
            "--subject",
        ]
    ),
)
commands = st.sampled_from(["calc", "new", "record", "show", "overdue", "alerts", "holiday", "nonsense", ""])
fuzz = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture]
)


@fuzz
@given(commands, st.lists(words, max_size=7))
def test_random_arguments_never_give_a_traceback(command, args):
    assert_clean(*run([command, *args] if command else args))


json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False)
    | st.text(max_size=10)
    | st.sampled_from(["foia", "2021-03-31", "responded", "granted"]),
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(
            st.sampled_from(["regime", "received", "as_of", "events", "type", "on", "outcome", "until", "x"]),
            inner,
            max_size=5,
        )
    ),
    max_leaves=15,
)


@fuzz
@given(json_values)
def test_random_json_to_calc_is_evaluated_or_refused_in_one_line(value):
    code, out, err = run(["calc", "-"], stdin=json.dumps(value))
    assert code in (0, 2)
    assert_clean(code, out, err)


@fuzz
@given(st.binary(max_size=40))
def test_random_bytes_to_calc_are_refused_in_one_line(data):
    code, out, err = run(["calc", "-"], stdin=data.decode("latin-1"))
    assert code in (0, 2)
    assert_clean(code, out, err)


def test_a_command_that_needs_the_server_says_how_to_start_it():
    code, out, err = run(["show", "X"])
    assert code == 1 and "python worker.py" in err and out == ""
