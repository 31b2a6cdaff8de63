"""Placeholder wiring for the Temporal-backed commands (filled in by the lifecycle work)."""


def add_to(sub) -> None:
    return None
