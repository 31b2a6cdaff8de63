"""Files only their owner may read: the data dir (register, Temporal database, key file) is created
with mode 0700, and a key file that other users can read is refused."""

from __future__ import annotations

import stat
from pathlib import Path

from foi.errors import Unavailable


def private_dir(path: Path) -> Path:
    """Create `path` (and missing parents) owner-only; an existing directory is left as it is."""
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.mkdir(mode=0o700, exist_ok=True)
        path.chmod(0o700)  # whatever the umask
    return path


def check_owner_only(path: Path) -> None:
    mode = stat.S_IMODE(path.stat().st_mode)
    if mode & 0o077:
        raise Unavailable(f"the key file {path} is readable by other users (mode {mode:04o}): chmod 600 {path}")
