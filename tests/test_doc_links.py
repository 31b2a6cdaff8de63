"""Every relative link in the README and the guides in docs/ resolves: the file exists inside the
repository (never ../shared or beyond), and a `#section` names a heading of that file, as GitHub makes
its anchors. Links to web sites are not fetched. Also: CI runs the README's test command as written."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DOCUMENTS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
LINK = re.compile(r"!?\[[^\]]*\]\(([^)\s]+)\)")
FENCE = re.compile(r"^```.*?^```", re.MULTILINE | re.DOTALL)
CODE = re.compile(r"`[^`\n]*`")


def prose(path: Path) -> str:
    """The text of a Markdown file outside code blocks and code spans."""
    return CODE.sub("", FENCE.sub("", path.read_text()))


def anchors(path: Path) -> set[str]:
    """GitHub's anchors for the headings of a Markdown file: lower case, punctuation dropped but for
    hyphens and underscores, spaces as hyphens; a repeated heading gets -1, -2, ..."""
    seen: dict[str, int] = {}
    out = set()
    for line in FENCE.sub("", path.read_text()).splitlines():
        heading = re.match(r"#{1,6} (.+)", line)
        if not heading:
            continue
        slug = re.sub(r"[^\w\- ]", "", heading.group(1).strip().lower()).replace(" ", "-")
        n = seen.get(slug, 0)
        seen[slug] = n + 1
        out.add(slug if n == 0 else f"{slug}-{n}")
    return out


def links(path: Path) -> list[str]:
    return [t for t in LINK.findall(prose(path)) if not re.match(r"[a-z]+:", t)]


def test_the_guides_are_there_and_the_readme_links_each():
    names = {p.name for p in DOCUMENTS}
    assert {"officer.md", "manager.md", "administrator.md", "developer.md", "law.md"} <= names
    linked = {t.split("#")[0] for t in links(ROOT / "README.md")}
    assert {f"docs/{n}" for n in ("officer.md", "manager.md", "administrator.md", "developer.md", "law.md")} <= linked


@pytest.mark.parametrize("document", DOCUMENTS, ids=lambda p: p.name)
def test_every_relative_link_resolves(document):
    broken = []
    for target in links(document):
        file, _, anchor = target.partition("#")
        path = (document.parent / file).resolve() if file else document
        if not path.is_relative_to(ROOT) or not path.exists():
            broken.append(f"{target}: no such file in the repository")
        elif anchor and path.suffix == ".md" and anchor not in anchors(path):
            broken.append(f"{target}: no heading makes #{anchor}")
    assert broken == []


def test_the_anchor_rule_is_githubs():
    """Checked by hand against headings GitHub renders: punctuation dropped, spaces hyphenated."""
    sample = ROOT / "docs" / "administrator.md"
    made = anchors(sample)
    assert "running-at-scale-a-temporal-cluster-several-workers-postgresql" in made
    assert "the-workflows-versioning-policy" in made
    assert "people-roles-and-passwords" in made


def test_ci_runs_the_readmes_test_command_as_written():
    """The README's two commands: CI (`.ci/run`) runs the second one, character for character."""
    readme = (ROOT / "README.md").read_text()
    section = readme[readme.index("## Two commands") : readme.index("## Walkthrough")]
    worker, tests = [line.strip() for line in section.splitlines() if line.startswith("    ")]
    assert worker == "python3 -m venv .venv && .venv/bin/pip install -e . && .venv/bin/python worker.py"
    assert tests.endswith("&& .venv/bin/python -m pytest")
    assert tests in (ROOT / ".ci" / "run").read_text().splitlines()
