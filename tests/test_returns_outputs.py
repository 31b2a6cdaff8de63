"""The official returns as a person gets them: `starter.py report --return` (CSV, JSON, an .xlsx opened
with openpyxl, bad input) and the Statistics page's downloads, on the hand-built 2026Q3 register
(tests/returns_seed.py). Only lines that no later day can change are checked here (the command and the
dashboard read the register as of today); every line is checked as of a fixed day in test_returns.py."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import httpx
import pytest
from openpyxl import load_workbook

from dashboard.app import create_app
from tests.returns_seed import seed_quarter
from tests.signing_in import BEARER, reading
from tests.smtp import free_port
from tests.test_dashboard_security import serving

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def data_dir(tmp_path) -> Path:
    seed_quarter(tmp_path / "register.db")
    return tmp_path


def report(data_dir: Path, *args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("FOI_", "TEMPORAL_"))}
    return subprocess.run(
        [sys.executable, str(ROOT / "starter.py"), "report", *args],
        env={**env, "FOI_DATA_DIR": str(data_dir)},
        capture_output=True,
        timeout=60,
    )


def test_the_cabinet_office_return_as_csv(data_dir):
    out = report(data_dir, "--return", "cabinet-office", "--quarter", "2026Q3")
    assert out.returncode == 0, out.stderr
    rows = list(csv.DictReader(io.StringIO(out.stdout.decode())))
    assert rows[0] == {
        "quarter": "2026Q3",
        "return": "cabinet-office",
        "section": "requests",
        "line": "requests received",
        "value": "15",
        "note": "",
    }
    values = {(r["section"], r["line"]): r["value"] for r in rows}
    assert values[("requests", "of which EIR")] == "2"
    assert values[("timeliness", "answered late")] == "2"
    assert values[("outcomes", "refused in full")] == "5"
    assert values[("exemptions applied (FOIA)", "refused under section 21 alone")] == "1"
    assert values[("internal reviews", "internal reviews received")] == "3"
    why = "reasons for refusal (refused in full or in part)"
    assert (values[(why, "s14(1) vexatious")], values[(why, "s14(2) repeated")]) == ("1", "1")  # F6; F14


def test_the_sic_return_as_json(data_dir):
    out = report(data_dir, "--return", "sic", "--quarter", "2026q3", "--format", "json")
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert (data["return"], data["quarter"], data["first"], data["last"]) == (
        "sic",
        "2026Q3",
        "2026-07-01",
        "2026-09-30",
    )
    values = {(x["section"], x["line"]): x["value"] for x in data["lines"]}
    assert values[("FOISA requests", "requests received")] == 8
    assert values[("EISR requests", "requests received")] == 3
    assert values[("FOISA exemptions applied", "section 38")] == 1
    assert values[("EISR exceptions applied", "regulation 11")] == 1
    assert values[("FOISA reviews", "original decision upheld in part")] == 1


def test_the_s45_return_as_a_workbook_on_file(data_dir, tmp_path):
    target = tmp_path / "s45.xlsx"
    out = report(data_dir, "--return", "s45", "--quarter", "2026Q3", "--format", "xlsx", "--out", str(target))
    assert out.returncode == 0, out.stderr
    assert out.stdout == b""
    sheet = load_workbook(target).active
    assert sheet.title == "s45"
    assert sheet["A1"].value == "Freedom of Information: our performance, 2026Q3"
    assert (sheet["A2"].value, sheet["B2"].value) == ("Period", "Wed 1 Jul 2026 to Wed 30 Sep 2026")
    assert [c.value for c in sheet[7]] == ["Section", "Line", "Value", "Note"]
    assert [c.value for c in sheet[8]] == ["requests", "requests received", 13, None]
    table = {(row[0], row[1]): row[2] for row in sheet.iter_rows(min_row=8, values_only=True)}
    assert table[("requests", "processed within the statutory deadline")] == 7
    assert table[("requests", "processed after the deadline was extended")] == 1
    assert table[("outcomes", "information granted in part and refused in part")] == 2
    assert table[("outcomes", "information refused in full")] == 5
    assert table[("internal reviews", "original decision overturned")] == 1
    assert isinstance(table[("requests", "requests received")], int)  # a number a spreadsheet can add up


def test_a_workbook_off_a_terminal_goes_to_stdout(data_dir, tmp_path):
    out = report(data_dir, "--return", "cabinet-office", "--quarter", "2026Q3", "--format", "xlsx")
    assert out.returncode == 0, out.stderr
    (tmp_path / "piped.xlsx").write_bytes(out.stdout)
    sheet = load_workbook(tmp_path / "piped.xlsx").active
    assert [c.value for c in sheet[8]][:3] == ["requests", "requests received", 15]


@pytest.mark.parametrize(
    "args, says",
    [
        (["--return", "ico"], "invalid choice: 'ico'"),
        (["--return", "s45", "--quarter", "2026Q5"], "like 2021Q2"),
        (["--return", "s45", "--quarter", "26Q3"], "like 2021Q2"),
        (["--return", "s45", "--quarter", "1999Q4"], "out of range"),
        (["--return", "s45", "--quarter", "2100Q1"], "has not begun"),
        (["--return", "sic", "--format", "table"], "not a return's format"),
        (["--format", "xlsx", "--quarter", "2026Q3"], "add --return"),
    ],
)
def test_bad_input_is_one_line_status_2_and_nothing_written(data_dir, tmp_path, args, says):
    target = tmp_path / "out.csv"
    out = report(data_dir, *args, "--out", str(target))
    err = out.stderr.decode()
    assert out.returncode == 2 and err.count("\n") == 1 and says in err, err
    assert out.stdout == b""
    assert not target.exists()


def test_a_missing_folder_for_the_file_is_one_line(data_dir, tmp_path):
    out = report(data_dir, "--return", "s45", "--quarter", "2026Q3", "--out", str(tmp_path / "no" / "s45.csv"))
    assert out.returncode == 2 and out.stderr.decode().count("\n") == 1
    assert not (tmp_path / "no").exists()


@pytest.mark.slow
def test_help_loads_neither_openpyxl_nor_the_settings():
    probe = (
        "import sys, starter\n"
        "try:\n    starter.main(['report', '--help'])\nexcept SystemExit:\n    pass\n"
        "print('LOADED', *sorted(m for m in ('openpyxl', 'pydantic', 'settings', 'sqlalchemy') if m in sys.modules),"
        " file=sys.stderr)\n"
    )
    out = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert "--return {cabinet-office,s45,sic}" in out.stdout
    assert out.stderr.strip().splitlines()[-1] == "LOADED"


async def test_the_statistics_page_offers_each_return_and_its_downloads(settings):
    seed_quarter(Path(settings.register_url.removeprefix("sqlite:///")))
    port = free_port()
    server, task = await serving(create_app(reading(settings)), port)
    try:
        async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}", headers=BEARER, timeout=30) as http:
            stats = (await http.get("/stats", params={"quarter": "2026Q3"})).text
            for name in ("cabinet-office", "s45", "sic"):
                assert f'href="/returns/{name}?quarter=2026Q3"' in stats
            shown = await http.get("/returns/s45", params={"quarter": "2026Q3"})
            assert shown.status_code == 200
            assert 'href="/returns/s45.xlsx?quarter=2026Q3"' in shown.text
            assert "<td>requests received</td>" in shown.text

            book = await http.get("/returns/s45.xlsx", params={"quarter": "2026Q3"})
            assert book.status_code == 200
            assert book.headers["content-disposition"] == 'attachment; filename="s45-2026Q3.xlsx"'
            sheet = load_workbook(io.BytesIO(book.content)).active
            table = {(row[0], row[1]): row[2] for row in sheet.iter_rows(min_row=8, values_only=True)}
            assert table[("requests", "requests received")] == 13
            assert table[("outcomes", "information refused in full")] == 5

            co = await http.get("/returns/cabinet-office.csv", params={"quarter": "2026Q3"})
            assert co.headers["content-type"].startswith("text/csv")
            rows = list(csv.DictReader(io.StringIO(co.text)))
            assert {(r["line"], r["value"]) for r in rows} >= {("requests received", "15"), ("of which EIR", "2")}

            sic = (await http.get("/returns/sic.json", params={"quarter": "2026Q3"})).json()
            assert sic["lines"][0] == {"section": "FOISA requests", "line": "requests received", "value": 8}

            page = await http.get("/returns/s45.html", params={"quarter": "2026Q3"})
            assert page.headers["content-disposition"] == 'attachment; filename="s45-2026Q3.html"'
            assert '<td>requests received</td><td class="num">13</td>' in page.text
            assert "F1" not in page.text and "foi-" not in page.text  # figures only, no refs

            assert (await http.get("/returns/s45.csv", params={"quarter": "2026Q9"})).status_code == 400
            assert (await http.get("/returns/s45", params={"quarter": "2100Q1"})).status_code == 400
            assert (await http.get("/returns/ico.csv")).status_code == 404
            assert (await http.get("/returns/ico")).status_code == 404
            assert (await http.get("/returns/s45.pdf")).status_code == 404
        async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}", timeout=30) as stranger:
            refused = await stranger.get("/returns/s45.csv", params={"quarter": "2026Q3"}, follow_redirects=False)
            assert refused.status_code in (302, 303, 401) and "requests received" not in refused.text
    finally:
        server.should_exit = True
        await task


@pytest.mark.slow
async def test_the_return_pages_pass_axe_core_at_wcag_2_2_a_and_aa(settings):
    from playwright.async_api import async_playwright

    from tests.test_dashboard import CHROMIUM, FLAGS
    from tests.test_workbench import axe_violations

    seed_quarter(Path(settings.register_url.removeprefix("sqlite:///")))
    port = free_port()
    server, task = await serving(create_app(reading(settings)), port)
    found = {}
    try:
        async with async_playwright() as pw:
            browser = await pw.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
            context = await browser.new_context(bypass_csp=True, extra_http_headers=BEARER)
            page = await context.new_page()
            for name in ("cabinet-office", "s45", "sic"):
                await page.goto(f"http://127.0.0.1:{port}/returns/{name}?quarter=2026Q3")
                found[name] = await axe_violations(page)
            await page.goto(f"http://127.0.0.1:{port}/stats?quarter=2026Q3")
            found["stats"] = await axe_violations(page)
            publishable = await http_text(port, "/returns/s45.html?quarter=2026Q3")
            await page.set_content(publishable)  # the page an authority publishes, on its own
            found["s45.html"] = await axe_violations(page)
            await browser.close()
    finally:
        server.should_exit = True
        await task
    assert {name: v for name, v in found.items() if v} == {}


async def http_text(port: int, path: str) -> str:
    async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}", headers=BEARER, timeout=30) as http:
        return (await http.get(path)).text
