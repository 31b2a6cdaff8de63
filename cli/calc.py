"""The `calc` command: the deadline calculator (`cli.calculator`), loaded only when the command runs so
that `--help` stays quick."""

from __future__ import annotations


def cmd_calc(args) -> None:
    from casework.inputs import read_input
    from cli.calculator import run

    print(run(read_input(args.file), explain=args.explain))


def add_to(sub) -> None:
    c = sub.add_parser("calc", help="compute a case's deadlines from JSON (FILE or - for stdin)")
    c.add_argument("file")
    c.add_argument("--explain", action="store_true", help="a readable account instead of JSON")
    c.set_defaults(func=cmd_calc)
