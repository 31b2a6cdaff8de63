"""Floors point down: no package imports one on a higher floor (docs/developer.md, Architecture).

Every import statement of the project's own code is read with `ast` (nothing is imported), including
imports inside functions and under `workflow.unsafe.imports_passed_through()`.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

# Bottom to top. A module may import its own package and any package on a lower floor.
FLOORS: list[set[str]] = [
    {"rules"},  # the law: pure
    {"settings", "messages", "register"},  # every setting; what crosses Temporal's boundary; the store
    {"activities"},  # side effects, given their Register and mail transport
    {"workflows"},  # one case workflow: waits, asks rules/, calls activities by reference
    {"runtime"},  # connection, codec, the worker's definition, one-line errors, exit
    {"casework"},  # start, record, view, list cases through Temporal
    {"reports", "importing", "letters"},  # statistics, bulk import, letters to requesters
    {"intake"},  # the mailbox: the worker's IMAP watch, what a message says, acknowledgements
    {"dashboard"},  # the managers' web pages
    {"disclosure"},  # the public disclosure log (reuses the dashboard's hardening and stylesheets)
    {"cli"},  # the staff command line
    {"worker", "starter"},  # the two processes
]
FLOOR = {name: level for level, names in enumerate(FLOORS) for name in names}


def top_level(path: Path) -> str:
    return path.relative_to(ROOT).parts[0].removesuffix(".py")


def project_files() -> list[Path]:
    files = [ROOT / f"{name}.py" for name in ("settings", "worker", "starter")]
    for package in FLOOR:
        if (ROOT / package).is_dir():
            files += sorted((ROOT / package).rglob("*.py"))
    return files


def imported(path: Path) -> list[tuple[int, str]]:
    """(line, top-level name) of every absolute import in the file."""
    out = []
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            out += [(node.lineno, alias.name.split(".")[0]) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            out.append((node.lineno, node.module.split(".")[0]))
    return out


def upward_imports() -> list[str]:
    found = []
    for path in project_files():
        here = top_level(path)
        for line, name in imported(path):
            if name in FLOOR and name != here and FLOOR[name] >= FLOOR[here]:
                where = f"{path.relative_to(ROOT)}:{line}"
                found.append(f"{where} ({here}, floor {FLOOR[here]}) imports {name} (floor {FLOOR[name]})")
    return found


def test_every_package_of_the_project_has_a_floor():
    packages = {p.name for p in ROOT.iterdir() if (p / "__init__.py").exists()} - {"tests", "bench"}
    assert packages <= FLOOR.keys(), f"give these a floor in FLOORS and docs/developer.md: {packages - FLOOR.keys()}"


def test_no_floor_imports_one_above_it_or_beside_it():
    assert upward_imports() == []


def test_relative_imports_are_not_used_so_every_import_is_checked():
    relative = [
        str(p.relative_to(ROOT))
        for p in project_files()
        for n in ast.walk(ast.parse(p.read_text()))
        if isinstance(n, ast.ImportFrom) and n.level
    ]
    assert relative == []


@pytest.mark.parametrize(
    ("source", "line", "allowed"),
    [
        ("rules", "from workflows import CaseWorkflow", False),
        ("activities", "import register.store", True),
        ("register", "from activities.notify import Notifications", False),
        ("reports", "from importing.bulk_import import check", False),
        ("cli", "from dashboard.serve import serve", True),
    ],
)
def test_the_check_itself_tells_down_from_up(tmp_path, source, line, allowed):
    path = tmp_path / "probe.py"
    path.write_text(f"def f():\n    {line}\n")
    ((_, name),) = imported(path)
    assert (FLOOR[name] < FLOOR[source]) is allowed
