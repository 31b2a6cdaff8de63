"""The register's one `MetaData`: every table is in it, the ORM's mapped classes (`register.base.Base`) and
the plain tables alike, so that a plain table (`register.worker_keys`) is declared without loading the ORM."""

from __future__ import annotations

from sqlalchemy import MetaData

METADATA = MetaData()
