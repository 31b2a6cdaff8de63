"""The document published with a response: what it is (by its bytes, not its name), whether it may be
published, and where it is kept.

A document is a PDF (`%PDF-` at its start), a Word document (a zip holding `[Content_Types].xml` and a
`word/` part) or a legacy Word document (the OLE compound-file header); its name must end in the
extension of what it is (`.pdf`, `.docx`, `.doc`); it is at most `FOI_DISCLOSURE__DOCUMENT_LIMIT_BYTES`
long and not empty. Anything else is refused with one line.

Accepted documents are kept in `<data dir>/disclosure/` (owner-only, like the rest of the data dir:
`register.private`) under the SHA-256 of their bytes, so the same file published twice is stored once
and the requester's or officer's own file name, which may carry a name, is never kept.
"""

from __future__ import annotations

import hashlib
import io
import os
import zipfile
from pathlib import Path

from register.private import UnsafeDataDir, private_dir
from runtime.errors import UserError

PDF_MAGIC = b"%PDF-"
ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = bytes.fromhex("D0CF11E0A1B11AE1")
MEDIA_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "doc": "application/msword",
}
NAMES = {"pdf": "a PDF", "docx": "a Word document (.docx)", "doc": "a Word 97-2003 document (.doc)"}


def kind_of(content: bytes) -> str | None:
    """`pdf`, `docx` or `doc` by the content's own bytes, or None."""
    if content.startswith(PDF_MAGIC):
        return "pdf"
    if content.startswith(OLE_MAGIC):
        return "doc"
    if content.startswith(ZIP_MAGIC):
        try:
            with zipfile.ZipFile(io.BytesIO(content)) as z:
                names = z.namelist()
        except (zipfile.BadZipFile, ValueError, OSError):
            return None
        if "[Content_Types].xml" in names and any(n.startswith("word/") for n in names):
            return "docx"
    return None


def checked(name: str, content: bytes, limit: int) -> str:
    """The document's kind, once it is known to be publishable; else one line (`UserError`)."""
    shown = Path(name).name or "the document"
    if not content:
        raise UserError(f"document {shown}: it is empty")
    if len(content) > limit:
        raise UserError(
            f"document {shown}: {len(content):,} bytes is over the limit of {limit:,} "
            "(FOI_DISCLOSURE__DOCUMENT_LIMIT_BYTES)"
        )
    kind = kind_of(content)
    if kind is None:
        raise UserError(f"document {shown}: not a PDF or Word document (by its content); only those can be published")
    extension = Path(name).suffix.lower().lstrip(".")
    if extension != kind:
        raise UserError(f"document {shown}: its content is {NAMES[kind]}, so its name must end in .{kind}")
    return kind


def read_document(path: Path, limit: int) -> tuple[str, bytes]:
    """A document named on the command line: its name and bytes (at most `limit` + 1 read), or one line."""
    try:
        with open(path, "rb") as f:
            return path.name, f.read(limit + 1)
    except FileNotFoundError:
        raise UserError(f"document {path}: no such file") from None
    except IsADirectoryError:
        raise UserError(f"document {path}: is a directory, not a file") from None
    except OSError as exc:
        raise UserError(f"document {path}: cannot be read ({exc.strerror})") from None


def folder(data_dir: Path) -> Path:
    return private_dir(Path(data_dir) / "disclosure")


def store(data_dir: Path, content: bytes, kind: str) -> str:
    """Keep the document (owner-only, never through a symlink) and return its stored name."""
    name = f"{hashlib.sha256(content).hexdigest()}.{kind}"
    path = folder(data_dir) / name
    if path.is_symlink():
        raise UnsafeDataDir(f"{path} is a symbolic link: the data dir's files must be the files themselves")
    if not path.exists():
        partial = path.with_suffix(".partial")
        fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_NOFOLLOW | os.O_CLOEXEC, 0o600)
        with os.fdopen(fd, "wb") as f:
            f.write(content)
        partial.replace(path)
    return name


def stored(data_dir: Path, name: str) -> Path:
    """The path of a stored document (its name is ours: a SHA-256 and an extension)."""
    return Path(data_dir) / "disclosure" / Path(name).name


def discard(data_dir: Path, name: str) -> None:
    stored(data_dir, name).unlink(missing_ok=True)
