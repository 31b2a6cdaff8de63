"""Files only their owner may read: the data dir (register, Temporal database, key file) is created
with mode 0700, an existing one that other users may write to is refused (they could plant a symlink
or replace a file), the files the project creates there are 0600 and never written through a symlink,
and a key file that other users can read is refused (`runtime.codec.load_keyring`).

It lives with the register, the lowest floor that creates the data dir (a SQLite register creates it
on first use); the refusal, a one-line `Unavailable`, is raised by the codec that loads the key file."""

from __future__ import annotations

import contextlib
import os
import stat
from pathlib import Path


class UnsafeDataDir(Exception):
    """The data dir is open to other users: one line naming it and the fix, exit status 1 (the worker,
    the command line and the dashboard catch it beside `runtime.errors.Unavailable`; the register sits
    below them and imports none of them)."""

    exit_code = 1


def private_dir(path: Path) -> Path:
    """Create `path` (and missing parents) owner-only; an existing directory others may write to is refused."""
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.mkdir(mode=0o700, exist_ok=True)
        path.chmod(0o700)  # whatever the umask
    mode = stat.S_IMODE(path.stat().st_mode)
    if mode & 0o022:
        raise UnsafeDataDir(f"the data dir {path} is writable by other users (mode {mode:04o}): chmod 700 {path}")
    return path


def private_file(path: Path) -> Path:
    """Create `path` empty and 0600 if it is missing; refuse a symlink in its place."""
    if path.is_symlink():
        raise UnsafeDataDir(f"{path} is a symbolic link: the data dir's files must be the files themselves")
    with contextlib.suppress(FileExistsError):
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600))
    return path


def shared_mode(path: Path) -> int | None:
    """The file's permission bits if users other than its owner may use it, else None."""
    mode = stat.S_IMODE(path.stat().st_mode)
    return mode if mode & 0o077 else None


def write_private(path: Path, text: str) -> None:
    """Write `text` to `path`, mode 0600, replacing what it held; never through a symlink planted there."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_NOFOLLOW | os.O_CLOEXEC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        f.write(text)
