"""Publishing a case's response in the disclosure log from the case page, and withdrawing it: the same
`casework.publishing` functions as `starter.py publish` and `unpublish`, with the signed-in person as
the actor (an officer, manager or admin). The form uploads the document (PDF or Word) with the public
title; a refused form is shown again with the error summary and nothing is published or stored.

These pages read the register only (the case page links to them), so they work while Temporal is away.
"""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from casework.publishing import Document, publish, unpublish
from dashboard.deps import RegisterDep, SettingsDep
from dashboard.forms import Errors, actor, done, posted, refusal, text
from dashboard.pages.work import case_url
from dashboard.rendering import page
from register.publications import TITLE_LIMIT
from runtime.errors import UserError

router = APIRouter()


def _case(register, ref: str):
    case = register.case(ref)
    if case is None:
        raise UserError(f"no case {ref}")
    return case


def _publish_page(request, register, settings, ref, values, errors, status_code=200):
    return page(
        request,
        "publish.html",
        status_code=status_code,
        ref=ref,
        publication=register.publication(ref),
        limit=settings.disclosure.document_limit_bytes,
        title_limit=TITLE_LIMIT,
        values=values,
        errors=errors,
        case_url=case_url(ref),
    )


@router.get("/case/{ref:path}/publish", response_class=HTMLResponse)
async def publish_form(request: Request, ref: str, register: RegisterDep, settings: SettingsDep):
    actor(request, "publish")
    _case(register, ref)
    published = register.publication(ref)
    values = {"title": published.title} if published else {}
    return _publish_page(request, register, settings, ref, values, Errors())


async def _document(request: Request, limit: int) -> Document | None:
    """The uploaded file (at most `limit` + 1 bytes read: more is refused anyway), or None if none was chosen."""
    upload = (await request.form()).get("document")
    if upload is None or isinstance(upload, str) or not upload.filename:
        return None
    return Document(upload.filename, await upload.read(limit + 1))


FORM_ALLOWANCE = 64 * 1024
"""Bytes a publish form may carry besides its document (the title, the token, multipart's boundaries)."""


@router.post("/case/{ref:path}/publish", response_class=HTMLResponse)
async def publish_posted(request: Request, ref: str, register: RegisterDep, settings: SettingsDep):
    who = actor(request, "publish")
    _case(register, ref)
    errors = Errors()
    limit = settings.disclosure.document_limit_bytes
    length = request.headers.get("content-length", "")
    if length.isdigit() and int(length) > limit + FORM_ALLOWANCE:  # refused before the upload is read or spooled
        errors.add("document", f"The document is over the limit of {limit:,} bytes: nothing was published")
        return _publish_page(request, register, settings, ref, {}, errors, status_code=413)
    form = await posted(request)
    title = text(form, "title", errors, "the public title", required=True, limit=TITLE_LIMIT)
    document = await _document(request, settings.disclosure.document_limit_bytes)
    if not errors:
        try:
            publish(register, settings, who, ref, title, document)
        except UserError as exc:
            refusal(errors, exc, "document" if str(exc).startswith("document") else "title")
        else:
            return done(case_url(ref))
    return _publish_page(request, register, settings, ref, {"title": title}, errors, status_code=400)


@router.post("/case/{ref:path}/unpublish", response_class=HTMLResponse)
async def unpublish_posted(request: Request, ref: str, register: RegisterDep, settings: SettingsDep):
    who = actor(request, "publish")
    form = await posted(request)
    _case(register, ref)
    errors = Errors()
    reason = text(form, "reason", errors, "why it is withdrawn", required=True)
    if not errors:
        try:
            unpublish(register, settings, who, ref, reason)
        except UserError as exc:
            refusal(errors, exc, "reason")
        else:
            return done(case_url(ref))
    published = register.publication(ref)
    values = {"title": published.title if published else "", "reason": reason}
    return _publish_page(request, register, settings, ref, values, errors, status_code=400)
