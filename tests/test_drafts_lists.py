"""The "draft due" column: the case workflow writes the draft date into the register's row, and the lists
show it, at the command line (`starter.py overdue`, a separate process reading the register), on the
dashboard's overdue page (served on loopback), and in `show` / `show --json`.

Dates written down by hand (FOIA; a bank holiday in any part of the UK stops the clock): received Mon 2 Nov
2026. Tue 3 = 1, Wed 4 = 2, Thu 5 = 3, Fri 6 = 4, Mon 9 = 5, Tue 10 = 6, Wed 11 = 7, Thu 12 = 8, Fri 13 = 9,
Mon 16 Nov 2026 = 10: the draft is due Mon 16 Nov 2026. Tue 17 = 11 ... Fri 27 = 19; Mon 30 Nov 2026 is St
Andrew's Day (a Scottish bank holiday), so Tue 1 Dec 2026 = 20: the response is due Tue 1 Dec 2026, and the
case, never answered, is overdue whenever this test runs (it was written on Sun 6 Dec 2026).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import httpx
import pytest

from cli.rendering import print_view, view_json
from dashboard.app import create_app
from tests.conftest import running_worker
from tests.lifecycle import start, view
from tests.signing_in import BEARER, reading
from tests.smtp import free_port
from tests.test_dashboard import serving

ROOT = Path(__file__).resolve().parent.parent
RECEIVED, DRAFT, DUE = date(2026, 11, 2), date(2026, 11, 16), date(2026, 12, 1)


def starter(settings, *args: str) -> str:
    out = subprocess.run(
        [sys.executable, "starter.py", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "FOI_DATA_DIR": str(settings.data_dir), "COLUMNS": "200"},
    )
    assert out.returncode == 0, out.stderr
    return out.stdout


@pytest.mark.slow
async def test_the_draft_date_is_in_the_register_the_lists_and_show(env, settings, register, capsys):
    async with running_worker(env.client, settings):
        handle = await start(env, settings, ref="D1", received=RECEIVED)
        v = await view(handle)
    assert (v.evaluation.draft_due, v.evaluation.response_due) == (DRAFT, DUE)
    assert register.case("D1").draft_due == DRAFT  # the workflow wrote it with the row

    [row] = json.loads(starter(settings, "overdue", "--json"))
    assert (row["ref"], row["draft_due"], row["response_due"]) == ("D1", "2026-11-16", "2026-12-01")
    lines = starter(settings, "overdue").splitlines()
    assert lines[1].split() == ["ref", "regime", "stage", "missed", "over", "draft", "due", "officer", "subject"]
    assert lines[3].split()[:4] == ["D1", "foia", "response", "2026-12-01"]
    assert lines[3].split()[5] == "2026-11-16"

    assert view_json(v)["draft_due"] == "2026-11-16" and view_json(v)["draft_late"] is True
    print_view(v)  # `show`, off a terminal: one line a field
    assert "draft due     Mon 16 Nov 2026 (internal deadline, LATE)" in capsys.readouterr().out.splitlines()

    port = free_port()
    server, task = await serving(create_app(reading(settings)), port)
    try:
        async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}", headers=BEARER) as http:
            page = await http.get("/")  # overdue now
            by_draft = await http.get("/", params={"sort": "draft"})
    finally:
        server.should_exit = True
        await task
    assert page.status_code == 200 and by_draft.status_code == 200
    assert ">Draft due</a>" in page.text
    assert '<td>Mon 16 Nov 2026 <span class="overdue">late</span></td>' in page.text
