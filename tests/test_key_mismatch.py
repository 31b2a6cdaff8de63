"""A starter whose encryption key the worker cannot read is refused before it sends anything, instead
of starting cases the worker can never decode."""

from __future__ import annotations

import pytest

from runtime.codec import Keyring
from tests.processes import Deployment


def setting(ring: Keyring) -> str:
    return ",".join(f"{k}:{v}" for k, v in (line.split() for line in ring.lines().splitlines()))


@pytest.mark.slow
def test_a_starter_with_another_key_is_refused_and_starts_nothing(tmp_path):
    worker_keys, other_keys = Keyring.generate(), Keyring.generate()
    d = Deployment(tmp_path, FOI_ENCRYPTION_KEYS=setting(worker_keys))
    d.start_worker()
    try:
        new = ("new", "--ref", "GHOST", "--regime", "foia", "--received", "2026-11-02")
        out = d.starter(*new, env={"FOI_ENCRYPTION_KEYS": setting(other_keys)})
        assert out.returncode == 2, (new, out.stdout, out.stderr)
        assert len(out.stderr.strip().splitlines()) == 1, out.stderr
        assert "encryption key" in out.stderr and "worker" in out.stderr, out.stderr
        # `overdue` reads only the register (issue 10), which no payload key touches: it still answers.
        assert d.starter("overdue", env={"FOI_ENCRYPTION_KEYS": setting(other_keys)}).returncode == 0
        gone = d.starter("show", "GHOST")
        assert gone.returncode == 2 and "no case GHOST" in gone.stderr  # nothing was started

        rotated = Keyring(keys={**other_keys.keys, **worker_keys.keys}, current=other_keys.current)
        out = d.starter(*new, env={"FOI_ENCRYPTION_KEYS": setting(rotated)})
        assert out.returncode == 2, (
            "a starter encrypting with a key the worker lacks is refused even if it holds the worker's"
        )

        assert d.starter(*new).returncode == 0  # the worker's own key works
        assert d.json("show", "GHOST")["stage"] == "awaiting_response"
    finally:
        d.stop_worker()
