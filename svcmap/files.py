"""Files and folders: writing a file so that a reader sees the old content or the new one, never half of it, and
asking what a path names without an OSError escaping for a name the system refuses."""

from __future__ import annotations

import errno
import functools
import os
import stat
import tempfile
from pathlib import Path
from typing import IO

from svcmap.errors import SvcmapError
from svcmap.i18n import _


class AtomicFile:
    """A file written as a stream and put in place whole: the data goes to a temporary file beside `path`,
    which `commit()` renames over it; `discard()` (or leaving a `with` block by an exception) removes it,
    so `path` keeps its old content and no half-written file is ever seen under its name.

    A stream rather than one `bytes`: a report of hundreds of thousands of findings is written as it is
    made, never held whole. `mode` defaults to what a new file gets (0o666 less the umask; mkstemp's own
    file is private). `durable` flushes the data to disk before the rename.
    """

    def __init__(self, path: Path, mode: int | None = None, durable: bool = False) -> None:
        self.path, self.mode, self.durable = path, mode, durable
        handle, self.temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".svcmap-tmp")
        self.stream: IO[bytes] | None = os.fdopen(handle, "wb")

    def write(self, data: bytes) -> int:
        if self.stream is None:
            raise ValueError(f"{self.path}: written after commit or discard")
        return self.stream.write(data)

    def flush(self) -> None:
        """Into the temporary file: the data reaches `path` only with `commit()`."""
        if self.stream is not None:
            self.stream.flush()

    def commit(self) -> None:
        """Put the data in place under `path`; on failure nothing is left behind and the error propagates."""
        stream, self.stream = self.stream, None
        if stream is None:
            return
        try:
            if self.durable:
                stream.flush()
                os.fsync(stream.fileno())
            stream.close()
            os.chmod(self.temporary, _new_file_mode() if self.mode is None else self.mode)
            os.replace(self.temporary, self.path)
        except BaseException:
            stream.close()
            Path(self.temporary).unlink(missing_ok=True)
            raise

    def discard(self) -> None:
        """Leave `path` as it was, and no temporary file beside it."""
        stream, self.stream = self.stream, None
        if stream is not None:
            stream.close()
            Path(self.temporary).unlink(missing_ok=True)

    def __enter__(self) -> AtomicFile:
        return self

    def __exit__(self, kind: type[BaseException] | None, *_: object) -> None:
        if kind is None:
            self.commit()
        else:
            self.discard()


def write_atomically(path: Path, data: bytes | str, mode: int | None = None, durable: bool = False) -> None:
    """`data` as the whole new content of `path`, through an `AtomicFile`: the old content or the new, never half."""
    with AtomicFile(path, mode, durable) as file:
        file.write(data.encode("utf-8") if isinstance(data, str) else data)


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
        raise SvcmapError(_("{path}: cannot look it up: {error}").format(path=path, error=error.strerror)) from None
    return FOLDER if stat.S_ISDIR(mode) else FILE


def usable_kind(path: Path) -> str:
    """`kind_of(path)`, where a name too long for the system is a usage error saying so."""
    kind = kind_of(path)
    if kind == NAME_TOO_LONG:
        raise SvcmapError(
            _("{path}: the name is too long for this system (at most 255 bytes a file or folder name)").format(
                path=path
            )
        )
    return kind


def check_output_folder(path: Path) -> None:
    """A usage error unless `path` can become the folder a command writes into: a folder, or nothing yet.

    Commands call it before any work, so that a bad --out is refused at once rather than after the
    whole catalog was loaded and drawn.
    """
    if usable_kind(path) not in (FOLDER, MISSING):
        raise SvcmapError(_("{path}: not a folder").format(path=path))


def repository_path(root: Path) -> str:
    """ROOT's path inside the git work tree that holds it (`''` at its top, `a/b` below it, `''` outside any).

    Hosts that place findings on a merge request's diff (GitLab Code Quality) read paths from the top of
    the repository, while svcmap's are relative to ROOT. Found by looking upwards for `.git` (a folder, or
    the file of a worktree or submodule) rather than by running git: it costs a few stat calls, and a
    warm run that answers from the cache needs it for its key.
    """
    try:
        start = root.resolve()
    except OSError:
        return ""
    for folder in (start, *start.parents):
        if os.path.exists(folder / ".git"):
            relative = start.relative_to(folder).as_posix()
            return "" if relative == "." else relative
    return ""
