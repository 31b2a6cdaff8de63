"""Reaching the dashboard in tests: read-only with the bearer token (a machine), or signed in as a
person through the sign-in form (`casework.passwords`, issue 19)."""

from __future__ import annotations

from casework.actors import Actor
from casework.passwords import set_password
from casework.people import add_person

TOKEN = "tests-read-only-token"
BEARER = {"Authorization": f"Bearer {TOKEN}"}
PASSWORD = "correct horse battery staple"


def reading(settings):
    """The settings with the read-only bearer token configured."""
    return settings.model_copy(update={"dashboard_token": TOKEN})


async def signed_in(context, base: str, register, settings, email: str = "dash@example.org") -> None:
    """Sign `context` in as an admin and manager (registered here if need be)."""
    if register.person(email) is None:
        add_person(register, Actor("os:tests", "tests", frozenset(), False), email, "Dash Board", ["admin", "manager"])
    set_password(register, settings, email, PASSWORD)
    page = await context.new_page()
    await page.goto(f"{base}/sign-in")
    await page.fill("#email", email)
    await page.fill("#password", PASSWORD)
    await page.click("button:has-text('Sign in')")
    await page.wait_for_url(f"{base}/")
    await page.close()
