"""The stat index: which files must be read again to know a catalog's content, as git's index knows it.

Per file it remembers (size, mtime_ns, ctime_ns, inode) as the loader saw them when it opened the file,
and the digest of the bytes it then parsed. A file whose metadata is unchanged has unchanged content —
except when it was changed within the file system's timestamp granularity of being read: an entry whose
mtime lies within `RACY_NS` of the moment the index was written is "racy" and always hashed again
(git's racy-git rule). So a warm run stats every file and reads only the ones that changed.

The file is binary, not pickle (a cache folder committed by mistake must not be able to run code): a
magic line, then a JSON header (format, write time, paths) and a packed array of numbers and digests.
"""

from __future__ import annotations

import json
import os
import struct
import time
from collections.abc import Iterable, Mapping
from pathlib import Path

from svcmap.catalog.source import STAT, FolderSource, digest_of
from svcmap.files import write_atomically

MAGIC = b"svcmap stat index 1\n"
RACY_NS = 2_000_000_000
"""Two seconds: the coarsest timestamp granularity of a common file system (FAT); ext4 and APFS are finer."""

_ENTRY = struct.Struct("<qqqQ16s")

Stat = tuple[int, int, int, int]


class StatIndex:
    """path → (stat, digest) for one ROOT, kept in ROOT/.svcmap-cache/stat-index."""

    def __init__(self, file: Path) -> None:
        self.file = file
        self.entries: dict[str, tuple[Stat, bytes]] = {}
        self.written_ns = 0
        self.changed = False
        """Entries were hashed again: saving would spare the next run that work."""

    @classmethod
    def load(cls, file: Path) -> StatIndex:
        """The index in `file`; an empty one when it is missing, of another format or damaged."""
        index = cls(file)
        try:
            data = file.read_bytes()
        except OSError:
            return index
        try:
            if not data.startswith(MAGIC):
                return index
            header_end = data.index(b"\n", len(MAGIC))
            header = json.loads(data[len(MAGIC) : header_end])
            paths = header["paths"]
            body = memoryview(data)[header_end + 1 :]
            if len(body) != _ENTRY.size * len(paths):
                return index
            index.entries = {
                path: ((size, mtime, ctime, inode), digest)
                for path, (size, mtime, ctime, inode, digest) in zip(paths, _ENTRY.iter_unpack(body))
            }
            index.written_ns = int(header["written_ns"])
        except (ValueError, KeyError, TypeError, struct.error):
            index.entries.clear()
        return index

    def digests(self, source: FolderSource, paths: Iterable[str]) -> dict[str, bytes]:
        """Each file's current digest: from the index where its stat is unchanged and not racy, else read
        as the loader reads it."""
        found: dict[str, bytes] = {}
        racy_from = self.written_ns - RACY_NS
        root = os.fspath(source.root) + os.sep  # a string join: a Path per file cost a warm run 2 s at 200,000 files
        entries = self.entries
        for path in paths:
            entry = entries.get(path)
            if entry is not None:
                try:
                    info = os.stat(root + path)
                except OSError:
                    pass
                else:
                    stat = (info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino)
                    if entry[0] == stat and stat[1] < racy_from:
                        found[path] = entry[1]
                        continue
            got = source.read(path)
            found[path] = digest_of(got)
            if got.stat is not None:
                self.entries[path] = (got.stat, found[path])
                self.changed = True
        return found

    def update(self, stats: Mapping[str, bytes], digests: Mapping[str, bytes]) -> None:
        """Remember what the loader saw of every file it read (packed stats; a file it could not stat is forgotten)."""
        self.entries = {path: (STAT.unpack(stats[path]), digest) for path, digest in digests.items() if path in stats}
        self.changed = True

    def save(self) -> None:
        """Write the index atomically; a ROOT that cannot be written to simply goes without."""
        self.written_ns = time.time_ns()
        paths = list(self.entries)
        header = json.dumps({"written_ns": self.written_ns, "paths": paths}, ensure_ascii=False).encode()
        body = b"".join(_ENTRY.pack(*self.entries[path][0], self.entries[path][1]) for path in paths)
        try:
            self.file.parent.mkdir(parents=True, exist_ok=True)
            write_atomically(self.file, MAGIC + header + b"\n" + body)
        except OSError:
            return
