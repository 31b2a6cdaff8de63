"""People management (admins): who is registered, with their roles, and a form to register another.
It calls `casework.people.add_person`, the command line's function, with the signed-in admin as the
actor. Passwords are set on the server (`starter.py people password EMAIL`), never in a web form."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from casework.actors import ROLES
from casework.people import add_person
from dashboard.deps import RegisterDep
from dashboard.forms import Errors, actor, done, posted, refusal, text
from dashboard.rendering import page
from runtime.errors import UserError

router = APIRouter()


def _people_page(request, register, values, errors, status_code=200):
    return page(
        request,
        "people.html",
        status_code=status_code,
        people=register.people(),
        roles=ROLES,
        values=values,
        errors=errors,
    )


@router.get("/people", response_class=HTMLResponse)
def people(request: Request, register: RegisterDep):
    actor(request, "people")
    return _people_page(request, register, {}, Errors())


@router.post("/people", response_class=HTMLResponse)
async def people_posted(request: Request, register: RegisterDep):
    who = actor(request, "people")
    form = await posted(request)
    roles = [r for r in (await request.form()).getlist("role") if isinstance(r, str)]
    errors = Errors()
    email = text(form, "email", errors, "their email address", required=True, limit=320)
    name = text(form, "name", errors, "their name", required=True, limit=200)
    if not roles:
        errors.add("role", "Choose at least one role")
    if not errors:
        try:
            add_person(register, who, email, name, roles)
        except UserError as exc:
            refusal(errors, exc, "role" if "role" in str(exc) else "name" if "--name" in str(exc) else "email")
        else:
            return done("/people")
    return _people_page(request, register, {**form, "roles": roles}, errors, status_code=400)
