"""The alerts page: the outbox and every alarm delivered, newest first (from the register)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from dashboard.deps import RegisterDep
from dashboard.rendering import page

router = APIRouter()


@router.get("/alerts", response_class=HTMLResponse)
async def alerts(request: Request, register: RegisterDep):
    return page(request, "alerts.html", alerts=register.notifications(limit=500))
