"""Rendering a page: the Jinja templates (autoescaped: nothing a person typed becomes markup), their
`day` and `delivery` filters, and on every page today's date, the session's CSRF token and the roles
check (`may`, from `casework.permissions`) that decides which links and buttons are offered."""

from __future__ import annotations

from pathlib import Path

from fastapi import Request
from fastapi.responses import Response
from fastapi.templating import Jinja2Templates

from casework.permissions import may
from casework.today import today
from dashboard.delivery import delivery
from dashboard.forms import csrf_token
from rules.explain import day

TEMPLATES = Jinja2Templates(directory=str(Path(__file__).parent / "templates"))
TEMPLATES.env.filters["day"] = lambda d: day(d) if d else ""
TEMPLATES.env.globals["may"] = may
TEMPLATES.env.filters["delivery"] = delivery


def page(request: Request, name: str, status_code: int = 200, **context) -> Response:
    tz = request.app.state.settings.alarms.timezone
    context = {"today": today(tz), "csrf": csrf_token(request), **context}
    return TEMPLATES.TemplateResponse(request, name, context, status_code=status_code)
