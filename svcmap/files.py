"""Writing a file so that a reader sees the old content or the new one, never half of it."""

from __future__ import annotations

import functools
import os
import tempfile
from pathlib import Path


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
