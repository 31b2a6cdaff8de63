"""`starter.py report --return NAME`: an official return for a quarter (reports/returns), as CSV, JSON or
an .xlsx workbook, on stdout or in a file (--out). Bad input (an unknown return, a quarter written wrong,
out of range or not yet begun, a workbook asked for on a terminal) is one line and exit status 2, and
nothing is written: the file appears whole, by a rename, or not at all."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from runtime.errors import UserError


def cmd_return(args) -> None:
    fmt = args.format or "csv"
    if fmt not in ("csv", "xlsx", "json"):
        raise UserError(f"--format {fmt} is not a return's format: choose csv, xlsx or json")
    if fmt == "xlsx" and not args.out and sys.stdout.isatty():
        raise UserError("an .xlsx workbook is binary: give --out FILE, or redirect stdout to a file")
    out = Path(args.out) if args.out else None
    if out is not None and not out.parent.is_dir():
        raise UserError(f"--out {args.out}: the folder {out.parent} does not exist")

    from casework.today import today
    from register import Register
    from reports.quarterly import Quarter
    from reports.returns import make, quarter_for_return
    from reports.returns.writers import as_csv, as_json, as_xlsx
    from settings import get_settings

    settings = get_settings()
    now = today(settings.alarms.timezone)
    quarter = quarter_for_return(args.quarter, now) if args.quarter else Quarter.containing(now)
    made = make(
        args.return_name,
        Register(settings.register_url),
        settings.policy,
        now,
        quarter,
        s45_includes_eir=settings.s45_includes_eir,
    )
    if fmt == "xlsx":
        data = as_xlsx(made)
    elif fmt == "json":
        import json

        data = (json.dumps(as_json(made), indent=2) + "\n").encode()
    else:
        data = as_csv(made).encode()
    if out is None:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return
    _write_whole(out, data)
    print(f"wrote {out} ({made.title}, {len(made.lines)} lines)", file=sys.stderr)


def _write_whole(path: Path, data: bytes) -> None:
    """The file at `path` holds `data` entirely, or is left as it was."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
