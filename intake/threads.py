"""Which case a message belongs to, if any: one whose acknowledgement or original request it replies to
(`In-Reply-To`/`References`), or whose ref its subject names in square brackets (`[REF]`, as the
acknowledgement's subject writes it) or after "ref". Only a case the register holds counts."""

from __future__ import annotations

import re

ACK_ID = re.compile(r"^<foi-ack\.(.+)\.[0-9a-f]{12}@foi-deadlines>$")
IN_SUBJECT = re.compile(
    r"\[([A-Za-z0-9][A-Za-z0-9._/-]{0,63})\]|\bref(?:erence)?\s*[:#]?\s*([A-Za-z0-9][A-Za-z0-9._/-]{0,63})", re.I
)


def acknowledgement_id(ref: str, digest: str) -> str:
    """The Message-ID of a case's acknowledgement: it names the case, so a reply to it threads."""
    return f"<foi-ack.{ref}.{digest[:12]}@foi-deadlines>"


def case_named(register, subject: str | None, replies_to: list[str]) -> str | None:
    for message_id in replies_to:
        found = ACK_ID.match(message_id)
        if found and register.case(found.group(1)) is not None:
            return found.group(1)
    ref = register.case_by_message_id(replies_to)
    if ref is not None:
        return ref
    for m in IN_SUBJECT.finditer(subject or ""):
        candidate = (m.group(1) or m.group(2)).rstrip(".")
        if register.case(candidate) is not None:
            return candidate
    return None
