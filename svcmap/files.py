"""Files and folders: writing a file so that a reader sees the old content or the new one, never half of it, and
asking what a path names without an OSError escaping for a name the system refuses."""

from __future__ import annotations

import errno
import functools
import os
import stat
import tempfile
from pathlib import Path

from svcmap.errors import SvcmapError


def write_atomically(path: Path, data: bytes | str, mode: int | None = None, durable: bool = False) -> None:
    """A temporary file in the same folder, then a rename over `path`.

    `mode` defaults to what a new file gets (0o666 less the umask; mkstemp's own file is private).
    `durable` flushes the data to disk before the rename, for files a user cannot afford to lose.
    """
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".svcmap-tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data.encode("utf-8") if isinstance(data, str) else data)
            if durable:
                stream.flush()
                os.fsync(stream.fileno())
        os.chmod(temporary, _new_file_mode() if mode is None else mode)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


@functools.cache
def _new_file_mode() -> int:
    umask = os.umask(0o022)
    os.umask(umask)
    return 0o666 & ~umask


FOLDER = "folder"
FILE = "file"
MISSING = "missing"
NAME_TOO_LONG = "name too long"
_NOTHING_THERE = (errno.ENOENT, errno.ENOTDIR, errno.ELOOP, errno.EBADF)
"""What `Path.exists` itself answers False to: nothing is there (or a link loops, as on any missing path)."""


def kind_of(path: Path) -> str:
    """FOLDER, FILE (anything else that is there), MISSING, or NAME_TOO_LONG: what `path` names, without raising.

    `Path.exists` and `Path.is_dir` raise OSError for a name longer than the system allows (255 bytes per
    component, ENAMETOOLONG), which reached users as an internal error; here that is an answer, and the
    caller decides whether it is a usage error (ROOT, --out) or simply not a folder (a diff revision).
    Any other failure to look the path up (permission denied, an I/O error) is a usage error naming it.
    """
    try:
        mode = path.stat().st_mode
    except OSError as error:
        if error.errno == errno.ENAMETOOLONG:
            return NAME_TOO_LONG
        if error.errno in _NOTHING_THERE:
            return MISSING
        raise SvcmapError(f"{path}: cannot look it up: {error.strerror}") from None
    return FOLDER if stat.S_ISDIR(mode) else FILE


def usable_kind(path: Path) -> str:
    """`kind_of(path)`, where a name too long for the system is a usage error saying so."""
    kind = kind_of(path)
    if kind == NAME_TOO_LONG:
        raise SvcmapError(f"{path}: the name is too long for this system (at most 255 bytes a file or folder name)")
    return kind


def check_output_folder(path: Path) -> None:
    """A usage error unless `path` can become the folder a command writes into: a folder, or nothing yet.

    Commands call it before any work, so that a bad --out is refused at once rather than after the
    whole catalog was loaded and drawn.
    """
    if usable_kind(path) not in (FOLDER, MISSING):
        raise SvcmapError(f"{path}: not a folder")
