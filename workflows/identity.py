"""How the outside finds a case's workflow: its type name, its id, and the visibility query that lists
the running ones; and the daily digest's type name and schedule. Recorded histories and running cases
use these; they never change."""

from __future__ import annotations

CASE_WORKFLOW = "Case"
VIEW_QUERY = "view"  # the case's live view (`CaseWorkflow.view`), asked by name so a reader needs no workflow code
# The updates staff commands send, by name, so that `record` and `new` load no workflow code (the workflow
# module imports every activity and the register's store); tests/test_cli_lean.py checks they are
# `CaseWorkflow`'s own.
RECORD_EVENT_UPDATE = "record_event"
VOID_EVENT_UPDATE = "void_event"
AMEND_EVENT_UPDATE = "amend_event"
ASSIGN_UPDATE = "assign"
RUNNING_CASES = f"WorkflowType = '{CASE_WORKFLOW}' AND ExecutionStatus = 'Running'"


def workflow_id(ref: str) -> str:
    return f"foi-{ref}"


DIGEST_WORKFLOW = "Digest"
DIGEST_SCHEDULE = "foi:digest"  # a ':' cannot appear in a ref, so no case's id can take this one

RETENTION_WORKFLOW = "Retention"
RETENTION_SCHEDULE = "foi:retention"  # the daily erasure of cases past retention (runtime/retention_schedule.py)
