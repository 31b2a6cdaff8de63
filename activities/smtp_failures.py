"""Which SMTP failures are permanent for one recipient, so retrying them would block an alarm for ever.

Permanent: the server refused the recipient or the message with a 5xx reply; the address cannot be
written into a mail header (a line break, a malformed address); it needs SMTPUTF8 the server lacks.
Everything else (connection refused, timeouts, 4xx, a refused sender or login: the deployment's own
settings) is transient and raised, for Temporal to retry with backoff. The reason given names the
reply code or the kind of problem, never the address.
"""

from __future__ import annotations

import email.errors
import smtplib
import ssl


class MailFailure(Exception):
    """A transient delivery failure, told without the address (Temporal retries it)."""


def transient(exc: BaseException, role: str, ref: str) -> MailFailure:
    code = getattr(exc, "smtp_code", None)
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        code = ",".join(str(c) for c in sorted({c for c, _ in exc.recipients.values()}))
    told = f"{type(exc).__name__}{f' {code}' if code else ''}"
    return MailFailure(f"mail to the {role} of case {ref} failed for now ({told}); it will be retried")


def permanent_reason(exc: BaseException) -> str | None:
    """Why `exc` will never succeed for this recipient, or None if a retry may."""
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        codes = sorted({code for code, _ in exc.recipients.values()})
        if codes and all(500 <= code < 600 for code in codes):
            return f"recipient refused by the mail server ({', '.join(map(str, codes))})"
        return None
    if isinstance(exc, smtplib.SMTPDataError) and 500 <= exc.smtp_code < 600:
        return f"message refused by the mail server ({exc.smtp_code})"
    if isinstance(exc, ssl.SSLError | ssl.CertificateError):  # a ValueError, but the deployment's own TLS set-up
        return None
    if isinstance(exc, smtplib.SMTPNotSupportedError) and "SMTPUTF8" in str(exc):  # not AUTH missing: settings
        return "the address needs SMTPUTF8, which the mail server does not offer"
    if isinstance(exc, ValueError | email.errors.MessageError | IndexError):
        return "not an address a mail header can carry"
    return None
