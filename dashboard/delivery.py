"""How the case page says where an alert is: sent (and how, and when), queued for a digest, withdrawn,
undeliverable or still being retried. One sentence per alert, each time written once."""

from __future__ import annotations

from register.outbox import NotificationRow


def delivery(a: NotificationRow) -> str:
    if a.status == "sent":
        said = "left in the outbox" if a.channel == "outbox" else f"sent by {a.channel}"
        if a.digest_key:
            said += " in the digest"
        if a.sent_at:
            said += f" at {a.sent_at:%Y-%m-%d %H:%M}"
        elif a.digest_key:
            said += f" of {a.digest_key.rsplit(':', 1)[-1]}"
    elif a.status == "queued":
        said = "queued for the next digest"
    elif a.status == "withdrawn":
        said = "withdrawn before it was sent"
    elif a.status == "undeliverable":
        said = "undeliverable" + ("" if a.recipient else " (no address)")
    else:
        said = f"{a.status}, not sent yet (retrying)"
    if a.withdrawn_at and a.status != "withdrawn":
        said += f"; withdrawn: {a.withdrawn_reason}"
    return said
