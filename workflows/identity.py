"""How the outside finds a case's workflow: its type name, its id, and the visibility query that lists
the running ones. Recorded histories and running cases use these; they never change."""

from __future__ import annotations

CASE_WORKFLOW = "Case"
VIEW_QUERY = "view"  # the case's live view (`CaseWorkflow.view`), asked by name so a reader needs no workflow code
RUNNING_CASES = f"WorkflowType = '{CASE_WORKFLOW}' AND ExecutionStatus = 'Running'"


def workflow_id(ref: str) -> str:
    return f"foi-{ref}"
