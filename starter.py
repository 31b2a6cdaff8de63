"""The staff command line: start cases, record what happened, see deadlines, overdue cases and alerts.

    python starter.py calc FILE|-            the deadline calculator (JSON in, JSON out)
    python starter.py new --ref R ...        start a case
    python starter.py triage                 requests the mailbox took, awaiting triage
    python starter.py record REF EVENT ...   record what happened
    python starter.py show REF               where a case stands
    python starter.py overdue                every overdue case, most overdue first
    python starter.py alerts                 the alarms delivered, newest first
    python starter.py holiday add DATE NAME  a newly proclaimed bank holiday
    python starter.py report --quarter 2021Q2 quarterly statistics
    python starter.py report --return cabinet-office|s45|sic --quarter 2026Q3 [--format csv|xlsx|json] [--out FILE]
                                             an official return (docs/returns.md)
    python starter.py import FILE.csv        start many cases from a spreadsheet
    python starter.py dashboard              the managers' web pages
    python starter.py letter REF KIND        a letter to the requester (.docx)
    python starter.py void|amend|assign REF  put a mistake right, or give the case to someone else
    python starter.py history REF            every action on a case: when, who and why
    python starter.py people|teams ...       the staff, their roles and teams
    python starter.py publish REF --title T  a response in the public disclosure log (docs/disclosure-log.md)
    python starter.py disclosure-log         the public disclosure log's site
    python starter.py erase|hold|release REF retention: erasure on request, legal holds (docs/retention.md)

Bad input ends with one line on stderr and exit status 2; nothing is half-recorded.
"""

from __future__ import annotations

import os
import sys

from cli.parser import build_parser
from register.private import UnsafeDataDir
from runtime.errors import Unavailable, UserError, one_line

# The engine and the settings are imported by the commands that use them (so `--help` is quick); their
# errors are recognised here only once raised, when their modules are loaded already.


def _error_of(exc: Exception, module: str, *names: str) -> bool:
    loaded = sys.modules.get(module)
    return loaded is not None and isinstance(exc, tuple(getattr(loaded, n) for n in names))


def main(argv: list[str] | None = None) -> int:
    args = build_parser(__doc__.split("\n\n")[0]).parse_args(argv)
    try:
        code = args.func(args) or 0
        from cli.acting import NOTES

        for note in NOTES:
            print(note, file=sys.stderr)
    except (UserError, Unavailable, UnsafeDataDir) as exc:
        print(f"error: {one_line(str(exc))}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:
        if _error_of(exc, "settings", "SettingsError"):
            print(f"error: {one_line(str(exc))}", file=sys.stderr)
            return exc.exit_code
        if _error_of(exc, "rules.models", "RuleViolation") or _error_of(exc, "rules.calendar", "CalendarRangeError"):
            print(f"error: {one_line(str(exc))}", file=sys.stderr)
            return 2
        # a bug, not the user's doing: still one line, with a way to see more
        if os.environ.get("FOI_DEBUG"):
            raise
        print(
            f"error: internal error ({type(exc).__name__}: {one_line(str(exc))}); FOI_DEBUG=1 shows details",
            file=sys.stderr,
        )
        return 1
    return code


if __name__ == "__main__":
    from cli.holiday_cache import install
    from runtime.shutdown import exit_now

    install()  # this process reads the holidays package's days through the cache (cli/holiday_cache.py)
    exit_now(main())
