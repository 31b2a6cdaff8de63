"""Files only their owner may read: the data dir (register, Temporal database, key file) is created
with mode 0700, and a key file that other users can read is refused (`runtime.codec.load_keyring`).

It lives with the register, the lowest floor that creates the data dir (a SQLite register creates it
on first use); the refusal, a one-line `Unavailable`, is raised by the codec that loads the key file."""

from __future__ import annotations

import stat
from pathlib import Path


def private_dir(path: Path) -> Path:
    """Create `path` (and missing parents) owner-only; an existing directory is left as it is."""
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.mkdir(mode=0o700, exist_ok=True)
        path.chmod(0o700)  # whatever the umask
    return path


def shared_mode(path: Path) -> int | None:
    """The file's permission bits if users other than its owner may use it, else None."""
    mode = stat.S_IMODE(path.stat().st_mode)
    return mode if mode & 0o077 else None
