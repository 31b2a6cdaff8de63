"""The command line's parser: argparse whose usage mistakes are one line and exit status 2, with the
subcommands of every command group. A new command goes in its group's module (`add_to` and a `cmd_`
function); a new group is a module listed in GROUPS."""

from __future__ import annotations

import argparse
import sys

from cli import (
    alerts,
    calc,
    cases,
    corrections,
    disclosure,
    history,
    holidays,
    intake,
    letter,
    managers,
    people,
    retention,
    teams,
)
from rules.plain_text import control_character
from runtime.errors import one_line

GROUPS = (
    calc,
    cases,
    corrections,
    history,
    alerts,
    holidays,
    managers,
    letter,
    people,
    teams,
    intake,
    disclosure,
    retention,
)


class Parser(argparse.ArgumentParser):
    """argparse, but a usage mistake is one line and exit status 2, and so is a control character in any
    value given (`rules.plain_text`): checked here once for every option and argument of every command."""

    def error(self, message: str):
        print(f"{self.prog}: {one_line(message)} (see --help)", file=sys.stderr)
        raise SystemExit(2)

    def parse_known_args(self, args=None, namespace=None):
        namespace, extras = super().parse_known_args(args, namespace)
        for action in self._actions:
            given = getattr(namespace, action.dest, None)
            for value in given if isinstance(given, list) else [given]:
                bad = isinstance(value, str) and control_character(value)
                if bad:
                    name = max(action.option_strings, key=len) if action.option_strings else action.dest
                    print(
                        f"{self.prog}: {name}: contains the control character {bad}, which is not allowed",
                        file=sys.stderr,
                    )
                    raise SystemExit(2)
        return namespace, extras


def build_parser(description: str) -> Parser:
    p = Parser(prog="starter.py", description=description)
    sub = p.add_subparsers(dest="command", required=True, parser_class=Parser)
    for group in GROUPS:
        group.add_to(sub)
    return p
