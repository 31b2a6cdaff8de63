"""The health check a load balancer or monitor polls."""

from __future__ import annotations

from datetime import date

from fastapi import APIRouter
from fastapi.responses import PlainTextResponse

router = APIRouter()


@router.get("/healthz", response_class=PlainTextResponse)
async def health():
    return "ok " + date.today().isoformat()
