"""The letters a case page links: each one a `.docx` from the authority's templates (`letters/`).

`GET /letter/{kind}/{ref}` returns the Word document; a letter the case cannot have yet is refused
(the app's error page, status 404) with the one-line reason. Only a signed-in person whose roles
allow letters gets one (`casework.permissions`).
"""

from __future__ import annotations

from urllib.parse import quote

from fastapi import APIRouter, Request
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from dashboard.deps import SettingsDep
from dashboard.forms import actor
from letters import file_name
from letters.compose import letter

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

router = APIRouter()


def letter_url(kind: str, ref: str) -> str:
    return f"/letter/{kind}/{quote(ref, safe='/')}"


@router.get("/letter/{kind}/{ref:path}")
async def download(request: Request, kind: str, ref: str, settings: SettingsDep):
    actor(request, "letter")  # a person who may write letters, not the read-only token
    document = await run_in_threadpool(letter, settings, ref, kind)
    filename = file_name(ref, kind)
    return Response(document, media_type=DOCX, headers={"Content-Disposition": f'attachment; filename="{filename}"'})
