"""What a message says, read as far as it can be read: the sender's name and address, the subject, the
body as text, the attachments' names and sizes, the Message-IDs it replies to, whether it is an
auto-reply or a bounce, and a note of everything that could not be read.

Nothing here raises on a bad message: a missing sender, a malformed MIME structure, 8-bit bytes in a
header, a charset Python does not know, a huge attachment or a subject of 10,000 characters each become
a note, and the request is still recorded for triage with what could be read."""

from __future__ import annotations

import email
import email.policy
import re
from dataclasses import dataclass, field
from email.message import EmailMessage, Message
from email.utils import getaddresses
from html.parser import HTMLParser

SUBJECT_LIMIT = 1000
BODY_LIMIT = 200_000
MESSAGE_ID = re.compile(r"<[^<>\s]+>")


@dataclass
class Parsed:
    sender_name: str | None = None
    sender_email: str | None = None
    subject: str | None = None
    body: str = ""
    attachments: list[dict] = field(default_factory=list)
    message_id: str | None = None
    replies_to: list[str] = field(default_factory=list)
    automatic: str | None = None
    """Why this is an auto-reply or a bounce (RFC 3834, RFC 3464), or None."""
    notes: list[str] = field(default_factory=list)


def parse(raw: bytes) -> Parsed:
    out = Parsed()
    try:
        msg = email.message_from_bytes(raw, policy=email.policy.default)
    except Exception as exc:  # the parser is lenient; this is a last resort
        out.notes.append(f"the message could not be parsed ({type(exc).__name__}); only the raw message is kept")
        return out
    if msg.defects:
        out.notes.append("malformed MIME structure: " + ", ".join(sorted({type(d).__name__ for d in msg.defects})))
    _sender(msg, out)
    _subject(msg, out)
    out.message_id = _first_id(_header(msg, "Message-ID", out))
    out.replies_to = MESSAGE_ID.findall(_header(msg, "In-Reply-To", out) or "") + MESSAGE_ID.findall(
        _header(msg, "References", out) or ""
    )
    out.automatic = automatic(msg, out)
    _content(msg, out)
    return out


def _header(msg: Message, name: str, out: Parsed) -> str | None:
    """A header as text; 8-bit bytes or a broken encoding become replacement characters and a note."""
    try:
        value = msg.get(name)
    except Exception as exc:
        out.notes.append(f"the {name} header could not be read ({type(exc).__name__})")
        return None
    if value is None:
        return None
    text = str(value)
    if any("\udc80" <= c <= "\udcff" for c in text) or "\ufffd" in text:
        text = text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
        if "\ufffd" in text:
            out.notes.append(f"the {name} header has bytes that are not text: shown with replacement characters")
    return text


def _first_id(value: str | None) -> str | None:
    found = MESSAGE_ID.findall(value or "")
    return found[0][:990] if found else None


def _sender(msg: Message, out: Parsed) -> None:
    value = _header(msg, "From", out) or _header(msg, "Reply-To", out) or _header(msg, "Sender", out)
    pairs = [(n, a) for n, a in getaddresses([value or ""]) if "@" in a]
    if not pairs:
        out.notes.append("no sender address: find the requester another way before starting a case")
        return
    name, address = pairs[0]
    out.sender_name = name.strip() or None
    out.sender_email = address.strip()


def _subject(msg: Message, out: Parsed) -> None:
    subject = _header(msg, "Subject", out)
    if subject is None:
        return
    subject = " ".join(subject.split())
    if len(subject) > SUBJECT_LIMIT:
        out.notes.append(f"the subject was {len(subject):,} characters: the first {SUBJECT_LIMIT:,} are kept")
        subject = subject[:SUBJECT_LIMIT]
    out.subject = subject


AUTO_HEADERS = ("X-Autoreply", "X-Autorespond", "X-Auto-Response-Suppress")


def automatic(msg: Message, out: Parsed) -> str | None:
    """Why the message was sent by a machine, not a person (RFC 3834, RFC 3464), or None."""
    auto = (_header(msg, "Auto-Submitted", out) or "").strip().lower()
    if auto and auto != "no":
        return f"auto-reply (Auto-Submitted: {auto[:40]})"
    for name in ("X-Autoreply", "X-Autorespond"):
        if _header(msg, name, out):
            return f"auto-reply ({name})"
    precedence = (_header(msg, "Precedence", out) or "").strip().lower()
    if precedence in ("auto_reply", "bulk", "junk"):
        return f"auto-reply (Precedence: {precedence})"
    if msg.get_content_type() == "multipart/report":
        kind = (msg.get_param("report-type") or "").lower()
        return "delivery status notification (a bounce)" if kind == "delivery-status" else f"report ({kind})"
    sender = (out.sender_email or "").lower()
    if sender.startswith(("mailer-daemon@", "postmaster@")):
        return f"delivery status notification (from {sender.split('@')[0]})"
    return None


def _content(msg: Message, out: Parsed) -> None:
    plain, html = [], []
    try:
        parts = list(msg.walk())
    except Exception as exc:
        out.notes.append(f"the MIME structure could not be walked ({type(exc).__name__})")
        parts = [msg]
    for part in parts:
        if part.is_multipart():
            continue
        try:
            disposition = part.get_content_disposition()
            filename = part.get_filename()
        except Exception:
            disposition, filename = "attachment", None
        kind = part.get_content_type()
        if disposition == "attachment" or filename or kind not in ("text/plain", "text/html"):
            payload = part.get_payload(decode=True) or b""
            out.attachments.append({"filename": filename or "(unnamed)", "content_type": kind, "size": len(payload)})
            continue
        text = _text(part, out)
        (plain if kind == "text/plain" else html).append(text)
    body = "\n\n".join(plain) if plain else "\n\n".join(_html_text(h) for h in html)
    if len(body) > BODY_LIMIT:
        out.notes.append(f"the body was {len(body):,} characters: the first {BODY_LIMIT:,} are shown")
        body = body[:BODY_LIMIT]
    out.body = body


def _text(part: Message, out: Parsed) -> str:
    charset = part.get_content_charset() or "us-ascii"
    try:
        if isinstance(part, EmailMessage):
            return part.get_content()
    except LookupError:
        out.notes.append(f"the charset {charset[:40]!r} is not known: the text is shown as UTF-8 with replacements")
    except Exception as exc:
        out.notes.append(f"a text part could not be decoded ({type(exc).__name__}): shown with replacements")
    data = part.get_payload(decode=True) or b""
    return data.decode("utf-8", "replace")


class _Text(HTMLParser):
    def __init__(self):
        super().__init__()
        self.chunks: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self.skip += 1
        elif tag in ("br", "p", "div", "li", "tr"):
            self.chunks.append("\n")

    def handle_endtag(self, tag):
        if tag in ("script", "style") and self.skip:
            self.skip -= 1

    def handle_data(self, data):
        if not self.skip:
            self.chunks.append(data)


def _html_text(html: str) -> str:
    p = _Text()
    p.feed(html)
    return re.sub(r"\n\s*\n+", "\n\n", "".join(p.chunks)).strip()
