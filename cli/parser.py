"""The command line's parser: argparse whose usage mistakes are one line and exit status 2, with the
subcommands of every command group. A new command goes in its group's module (`add_to` and a `cmd_`
function); a new group is a module listed in GROUPS."""

from __future__ import annotations

import argparse
import sys

from cli import alerts, calc, cases, corrections, history, holidays, intake, letter, managers, people
from runtime.errors import one_line

GROUPS = (calc, cases, corrections, history, alerts, holidays, managers, letter, people, intake)


class Parser(argparse.ArgumentParser):
    """argparse, but a usage mistake is one line and exit status 2."""

    def error(self, message: str):
        print(f"{self.prog}: {one_line(message)} (see --help)", file=sys.stderr)
        raise SystemExit(2)


def build_parser(description: str) -> Parser:
    p = Parser(prog="starter.py", description=description)
    sub = p.add_subparsers(dest="command", required=True, parser_class=Parser)
    for group in GROUPS:
        group.add_to(sub)
    return p
