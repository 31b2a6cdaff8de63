"""Temporal workflows: one durable `CaseWorkflow` per request, a thin loop over `rules/`."""

from workflows.case import CaseWorkflow
from workflows.search import SEARCH_ATTRIBUTES

__all__ = ["SEARCH_ATTRIBUTES", "CaseWorkflow"]
