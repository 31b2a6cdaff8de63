"""Rendering a page: the Jinja templates, their `day` and `delivery` filters, and today's date on every page."""

from __future__ import annotations

from pathlib import Path

from fastapi import Request
from fastapi.responses import Response
from fastapi.templating import Jinja2Templates

from casework.today import today
from dashboard.delivery import delivery
from rules.explain import day

TEMPLATES = Jinja2Templates(directory=str(Path(__file__).parent / "templates"))
TEMPLATES.env.filters["day"] = lambda d: day(d) if d else ""
TEMPLATES.env.filters["delivery"] = delivery


def page(request: Request, name: str, status_code: int = 200, **context) -> Response:
    tz = request.app.state.settings.alarms.timezone
    return TEMPLATES.TemplateResponse(request, name, {"today": today(tz), **context}, status_code=status_code)
