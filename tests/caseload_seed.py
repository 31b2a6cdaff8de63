"""Cases written straight into the register's read-model columns, with dates chosen by hand, for the
list tests (no engine, no workflow: the lists only read what the workflows record)."""

from __future__ import annotations

from datetime import date

from register import Register


def seed(
    register: Register,
    ref: str,
    *,
    regime: str = "foia",
    stage: str = "awaiting_response",
    received: date = date(2021, 3, 1),
    due: date | None = None,
    review: date | None = None,
    officer: str | None = "ann@example.org",
    manager: str | None = "max@example.org",
    subject: str | None = None,
) -> None:
    """A case whose response is owed by `due` (or, `review` given, whose internal review runs to it)."""
    owed = due if stage == "awaiting_response" or (stage == "in_review" and due) else None
    running = review if stage == "in_review" else due if stage == "awaiting_response" else None
    later = [d for d in (owed, review if stage == "in_review" else None) if d]
    register.upsert_case(
        ref=ref,
        regime=regime,
        received=received,
        subject=subject,
        officer=officer,
        manager=manager,
        workflow_id=f"foi-{ref}",
        stage=stage,
        closed_reason="withdrawn" if stage == "closed" else None,
        evaluation={},
        running_due=running,
        response_owed_by=owed,
        review_target=review if stage == "in_review" else None,
        overdue_after=min(later) if later else None,
    )
