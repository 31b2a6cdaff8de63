"""The register: the SQLAlchemy store of cases, events, notifications and proclaimed days (the read model)."""

from register.store import Register, engine_for, to_json

__all__ = ["Register", "engine_for", "to_json"]
