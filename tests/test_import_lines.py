"""Bulk import accounts for every physical line of the file: nothing swallowed, nothing half-read,
every bad row named by its line, and nothing started while any row is wrong."""

from __future__ import annotations

import pytest

from importing.bulk_import import check
from runtime.errors import UserError
from tests.processes import Deployment


def test_an_unclosed_quote_swallows_no_row(settings):
    text = (
        "ref,regime,received,subject\n"
        'Q-1,foia,2026-10-01,"Planning files\n'  # the quote is never closed on this line
        "Q-2,foia,2026-10-02,Bins\n"
        "Q-3,foia,2026-10-03,Parks\n"
    )
    checked = check(text, settings)
    assert checked.valid == []
    assert checked.errors == [
        "lines 2-4: a quoted value runs over 3 lines (an unclosed quote?); nothing starts from these lines"
    ]


def test_a_quote_closed_on_a_later_line_is_reported_with_the_lines_it_covers(settings):
    text = (
        "ref,regime,received,subject\n"
        'Q-1,foia,2026-10-01,"Planning\n'
        'Q-2,foia,2026-10-02,Bins"\n'
        "Q-3,foia,2026-10-03,Parks\n"
    )
    checked = check(text, settings)
    assert [(line, c.ref) for line, c in checked.valid] == [(4, "Q-3")]
    assert checked.errors == [
        "lines 2-3: a quoted value runs over 2 lines (an unclosed quote?); nothing starts from these lines"
    ]


def test_excel_utf8_with_a_byte_order_mark_is_read(settings):
    checked = check("\ufeffref,regime,received\nB-1,foia,2026-10-01\n", settings)
    assert checked.errors == [] and [c.ref for _, c in checked.valid] == ["B-1"]


def test_a_repeated_column_is_refused(settings):
    with pytest.raises(UserError, match="column 'received' appears twice \\(columns 3 and 4\\)"):
        check("ref,regime,received,received\nD-1,foia,2026-10-01,2026-10-02\n", settings)


def test_a_row_with_more_values_than_columns_is_an_error(settings):
    checked = check("ref,regime,received\nX-1,foia,2026-10-01,surplus\nX-2,foia,2026-10-01\n", settings)
    assert checked.errors == ["line 2: 4 values but the header has 3 columns"]
    assert [c.ref for _, c in checked.valid] == ["X-2"]


def test_out_of_range_dates_are_row_errors_and_the_other_rows_are_still_checked(settings):
    text = "ref,regime,received\nY-0,foia,0001-01-01\nY-1,foia,9999-12-31\nY-2,gdpr,2026-10-01\nY-3,foia,2026-10-01\n"
    checked = check(text, settings)
    assert [c.ref for _, c in checked.valid] == ["Y-3"]
    assert [e.split(":")[0] for e in checked.errors] == ["line 2", "line 3", "line 4"]
    assert "out of range" in checked.errors[0] and "out of range" in checked.errors[1]


@pytest.mark.slow
def test_a_file_with_any_bad_row_starts_nothing(tmp_path):
    d = Deployment(tmp_path)
    (tmp_path / "mixed.csv").write_text(
        'ref,regime,received,subject\nM-1,foia,2026-11-02,ok\nM-2,xyz,2026-11-02,bad\nM-3,foia,2026-11-02,"open\n'
    )
    out = d.starter("import", "mixed.csv")  # no worker: nothing may be sent
    assert out.returncode == 2, out.stderr
    assert out.stderr.strip().splitlines() == [
        "error: line 3: unknown regime 'xyz' (one of foia, eir, foisa, sar, eisr)",
        "error: line 4: a quote is not closed before the end of the file; nothing starts from this line",
        "error: 2 rows with errors: nothing started; correct them and run the import again",
    ]
    assert out.stdout == ""
