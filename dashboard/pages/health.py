"""The health check a load balancer or monitor polls, with the mailbox watch's state (intake/watch.py)."""

from __future__ import annotations

from datetime import date

from fastapi import APIRouter
from fastapi.responses import PlainTextResponse

from dashboard.deps import RegisterDep

router = APIRouter()


@router.get("/healthz", response_class=PlainTextResponse)
async def health(register: RegisterDep):
    """`ok DATE`, then one line per watched mailbox: how the watch's last attempt went."""
    lines = [f"mailbox {h.mailbox}: {'ok' if h.ok else 'FAILING'}: {h.message}" for h in register.intake_healths()]
    return "\n".join(["ok " + date.today().isoformat(), *lines])
