"""Signing in and out. The sign-in form is the one page open to anyone; it carries a CSRF token of
its own (a random value in a short-lived cookie, posted back in the form), so no other site can
sign a browser in. Signing out ends every session the person has (a copied cookie included). A person
who has signed in lands on their own cases (officers) or on the team
lists (managers and admins); a page they were sent here from comes first."""

from __future__ import annotations

import hmac
import secrets
from datetime import UTC, datetime

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from starlette.concurrency import run_in_threadpool

from casework.passwords import SignInRefused, sign_in
from dashboard import sessions
from dashboard.forms import Errors, Forbidden, done, posted
from dashboard.rendering import page

router = APIRouter()
PRE = "foi_sign_in"


def landing(actor) -> str:
    return "/" if actor.roles & {"manager", "admin"} else "/my-cases"


def _safe_next(value: str) -> str | None:
    """Only a path on this site (never `//host` or a scheme)."""
    if value.startswith("/") and not value.startswith("//") and "\\" not in value and value != "/sign-in":
        return value
    return None


def _form(request: Request, errors: Errors | None = None, email: str = "", status_code: int = 200):
    token = request.cookies.get(PRE) or secrets.token_urlsafe(32)
    response = page(
        request,
        "sign_in.html",
        status_code=status_code,
        errors=errors or Errors(),
        email=email,
        next=_safe_next(request.query_params.get("next", "")) or "",
        pre=token,
        nobody=not request.app.state.register.anyone_registered(),
    )
    response.set_cookie(PRE, token, httponly=True, samesite="lax", secure=sessions.secure(request), path="/sign-in")
    return response


@router.get("/sign-in", response_class=HTMLResponse)
async def sign_in_page(request: Request):
    return _form(request)


@router.post("/sign-in", response_class=HTMLResponse)
async def sign_in_posted(request: Request):
    form = {k: v for k, v in (await request.form()).items() if isinstance(v, str)}
    expected = request.cookies.get(PRE, "")
    if not expected or not hmac.compare_digest(form.get("csrf", "").encode(), expected.encode()):
        raise Forbidden("This sign-in form's security token is missing or out of date: reload the page")
    email, password = form.get("email", "").strip(), form.get("password", "")
    errors = Errors()
    if not email:
        errors.add("email", "Enter your email address")
    if not password:
        errors.add("password", "Enter your password")
    if not errors:
        state = request.app.state
        try:
            who = await run_in_threadpool(sign_in, state.register, state.settings, email, password, state.clock())
        except SignInRefused as exc:
            errors.add("email", str(exc))
        else:
            response = done(_safe_next(form.get("next", "")) or landing(who))
            sessions.keep(request, response, sessions.new(who.id))
            response.delete_cookie(PRE, path="/sign-in")
            return response
    return _form(request, errors, email[:320], status_code=400)


@router.post("/sign-out")
async def sign_out(request: Request):
    await posted(request)
    request.app.state.register.end_sessions(request.state.session.email, datetime.now(UTC))
    response = done("/sign-in")
    sessions.end(request, response)
    return response
