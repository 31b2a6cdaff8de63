"""Temporal workflows: one durable `CaseWorkflow` per request, a thin loop over `rules/`."""

from workflows.case import CaseWorkflow
from workflows.identity import RUNNING_CASES, workflow_id
from workflows.search import SEARCH_ATTRIBUTES

__all__ = ["RUNNING_CASES", "SEARCH_ATTRIBUTES", "CaseWorkflow", "workflow_id"]
