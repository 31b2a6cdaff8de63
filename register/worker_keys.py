"""The `worker_keys` table: the fingerprints of the payload keys the last worker started with, which
`runtime/key_check.py` writes and every staff command compares with its own."""

from __future__ import annotations

from sqlalchemy import Column, DateTime, Integer, String, Table, Text

from register.metadata import METADATA

WORKER_KEYS = Table(
    "worker_keys",
    METADATA,
    Column("id", Integer, primary_key=True),
    Column("current", String(16), nullable=False),
    Column("all", Text, nullable=False),
    Column("recorded_at", DateTime(timezone=True), nullable=False),
)
