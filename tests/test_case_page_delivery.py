"""The case page's Delivery column: each alert's state said once, its time once, and a queued alert never
described as sent."""

from __future__ import annotations

from datetime import datetime

import pytest

from dashboard.delivery import delivery
from register.outbox import NotificationRow

SENT_AT = datetime(2026, 12, 1, 22, 19)
WITHDRAWN_AT = datetime(2026, 12, 2, 9, 0)


@pytest.mark.parametrize(
    "fields, says",
    [
        (
            {
                "status": "sent",
                "channel": "outbox",
                "digest_key": "digest:m@example.org:2026-12-01",
                "sent_at": SENT_AT,
            },
            "left in the outbox in the digest at 2026-12-01 22:19",
        ),
        ({"status": "sent", "channel": "smtp", "sent_at": SENT_AT}, "sent by smtp at 2026-12-01 22:19"),
        ({"status": "queued", "channel": "smtp"}, "queued for the next digest"),
        ({"status": "withdrawn", "channel": "smtp", "withdrawn_at": WITHDRAWN_AT}, "withdrawn before it was sent"),
        ({"status": "undeliverable", "channel": "smtp", "recipient": None}, "undeliverable (no address)"),
        ({"status": "pending", "channel": "smtp", "recipient": "o@example.org"}, "pending, not sent yet (retrying)"),
        (
            {
                "status": "sent",
                "channel": "smtp",
                "sent_at": SENT_AT,
                "withdrawn_at": WITHDRAWN_AT,
                "withdrawn_reason": "the response was recorded as sent on Wed 21 Apr 2021, in time",
            },
            "sent by smtp at 2026-12-01 22:19; withdrawn: the response was recorded as sent on Wed 21 Apr 2021, "
            "in time",
        ),
    ],
)
def test_each_delivery_state_is_said_once(fields, says):
    assert delivery(NotificationRow(**fields)) == says
