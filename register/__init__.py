"""The register: the SQLAlchemy store of cases, events, notifications and proclaimed days (the read model).

`Register`, `engine_for` and `to_json` are loaded on first use, so that importing a light module of the
package (`register.private`, which the command line needs for every command) does not load SQLAlchemy."""

__all__ = ["Register", "engine_for", "to_json"]


def __getattr__(name: str):
    if name in __all__:
        from register import store

        return getattr(store, name)
    raise AttributeError(f"module 'register' has no attribute {name!r}")
