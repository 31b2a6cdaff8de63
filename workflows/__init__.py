"""Temporal workflows: one durable `CaseWorkflow` per request, a thin loop over `rules/`."""

from workflows.identity import RUNNING_CASES, workflow_id
from workflows.search import SEARCH_ATTRIBUTES


def __getattr__(name: str):
    """`CaseWorkflow` is loaded on first use: a command that only reads (`show`) never imports the
    workflow's activities and their database driver."""
    if name == "CaseWorkflow":
        from workflows.case import CaseWorkflow

        return CaseWorkflow
    raise AttributeError(f"module 'workflows' has no attribute {name!r}")


__all__ = ["RUNNING_CASES", "SEARCH_ATTRIBUTES", "CaseWorkflow", "workflow_id"]
