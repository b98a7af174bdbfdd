"""The stat index: which files must be read again to know a catalog's content, as git's index knows it.

Per file it remembers (size, mtime_ns, ctime_ns, inode) as the loader saw them when it opened the file,
and the digest of the bytes it then parsed. A file whose metadata is unchanged has unchanged content —
except when it was changed within the file system's timestamp granularity of being read: an entry whose
mtime lies within `RACY_NS` of the moment the index was written is "racy" and always hashed again
(git's racy-git rule). So a warm run stats every file and reads only the ones that changed.

A warm run of an unchanged catalog is all stat calls: at 200,000 files they are most of its time, so
they are shared with a forked child (`map_files`), and the digest of the whole listing is kept in the
index, so that when every file is as it was nothing is hashed at all.

The file is binary, not pickle (a cache folder committed by mistake must not be able to run code): a
magic line, a JSON header (format, write time, the listing's digest), the paths separated by NUL, and a
packed array of numbers and digests.
"""

from __future__ import annotations

import json
import os
import struct
import time
from collections.abc import Mapping, Sequence
from pathlib import Path

from svcmap.cache.store import files_digest
from svcmap.catalog.source import STAT, FolderSource, digest_of
from svcmap.catalog.workers import map_files
from svcmap.files import write_atomically

MAGIC = b"svcmap stat index 2\n"
RACY_NS = 2_000_000_000
"""Two seconds: the coarsest timestamp granularity of a common file system (FAT); ext4 and APFS are finer."""

STAT_CHUNK = 512
"""Files stat-checked per task of `map_files`: with its 200 tasks at least, a child helps from 100,000 files."""

_ENTRY = struct.Struct("<qqqQ16s")

Stat = tuple[int, int, int, int]
_UNKNOWN: tuple[tuple[()], bytes] = ((), b"")
"""What the index knows of a file it has never seen: a stat no file has."""


class StatIndex:
    """path → (stat, digest) for one ROOT, kept in ROOT/.svcmap-cache/stat-index, in listing order."""

    def __init__(self, file: Path) -> None:
        self.file = file
        self.paths: list[str] = []
        self.stats: list[Stat] = []
        self.digests: list[bytes] = []
        self.listing_digest = b""
        """`files_digest` of every entry: the files' digest when the catalog's listing is the index's paths."""
        self.written_ns = 0
        self.changed = False
        """Entries were hashed again: saving would spare the next run that work."""

    @property
    def entries(self) -> dict[str, tuple[Stat, bytes]]:
        return dict(zip(self.paths, zip(self.stats, self.digests)))

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
            count, names_size = int(header["count"]), int(header["names_size"])
            names_end = header_end + 1 + names_size
            body = memoryview(data)[names_end:]
            if len(body) != _ENTRY.size * count:
                return index
            paths = data[header_end + 1 : names_end].decode("utf-8", "surrogateescape").split("\0") if count else []
            if len(paths) != count:
                return index
            unpacked = list(_ENTRY.iter_unpack(body))
            index.stats = [entry[:4] for entry in unpacked]
            index.digests = [entry[4] for entry in unpacked]
            index.paths = paths
            index.listing_digest = bytes.fromhex(header["listing_digest"])
            index.written_ns = int(header["written_ns"])
        except (ValueError, KeyError, TypeError, struct.error, UnicodeDecodeError):
            return cls(file)
        return index

    def files_digest(self, source: FolderSource, paths: Sequence[str]) -> bytes:
        """The digest of the listed files as they are now (see `files_digest`): from the index where their
        stat is unchanged and not racy, else read as the loader reads them."""
        if self.listing_digest and list(paths) == self.paths:
            racy_from = self.written_ns - RACY_NS
            if not _changed(os.fspath(source.root) + os.sep, self.paths, self.stats, racy_from):
                return self.listing_digest
        return files_digest(self.current_digests(source, paths))

    def current_digests(self, source: FolderSource, paths: Sequence[str]) -> dict[str, bytes]:
        """Each file's current digest: from the index where its stat is unchanged and not racy, else read."""
        known = self.entries
        stats = [known.get(path, _UNKNOWN)[0] for path in paths]
        changed = set(_changed(os.fspath(source.root) + os.sep, paths, stats, self.written_ns - RACY_NS))
        found: dict[str, bytes] = {}
        for position, path in enumerate(paths):
            if position not in changed:
                found[path] = known[path][1]
                continue
            got = source.read(path)
            found[path] = digest_of(got)
            if got.stat is not None:
                known[path] = (got.stat, found[path])
                self.changed = True
        if self.changed or len(known) != len(paths):
            self._set({path: known[path] for path in paths if path in known})
        return found

    def update(self, stats: Mapping[str, bytes], digests: Mapping[str, bytes]) -> None:
        """Remember what the loader saw of every file it read (packed stats; a file it could not stat is forgotten)."""
        self._set({path: (STAT.unpack(stats[path]), digest) for path, digest in digests.items() if path in stats})

    def _set(self, entries: Mapping[str, tuple[Stat, bytes]]) -> None:
        self.paths = list(entries)
        self.stats = [stat for stat, _ in entries.values()]
        self.digests = [digest for _, digest in entries.values()]
        self.listing_digest = files_digest(dict(zip(self.paths, self.digests)))
        self.changed = True

    def save(self) -> None:
        """Write the index atomically; a ROOT that cannot be written to simply goes without."""
        self.written_ns = time.time_ns()
        names = "\0".join(self.paths).encode("utf-8", "surrogateescape")
        header = {
            "written_ns": self.written_ns,
            "count": len(self.paths),
            "names_size": len(names),
            "listing_digest": self.listing_digest.hex(),
        }
        body = b"".join(_ENTRY.pack(*stat, digest) for stat, digest in zip(self.stats, self.digests))
        try:
            self.file.parent.mkdir(parents=True, exist_ok=True)
            write_atomically(self.file, MAGIC + json.dumps(header).encode() + b"\n" + names + body)
        except OSError:
            return


def _changed(root: str, paths: Sequence[str], stats: Sequence[Stat | tuple[()]], racy_from: int) -> list[int]:
    """The positions of the files whose stat differs from `stats` (or is racy, or cannot be had)."""

    def check(start: int) -> list[int]:
        found = []
        stat = os.stat
        for position in range(start, min(start + STAT_CHUNK, len(paths))):
            try:
                info = stat(root + paths[position])  # a string join: a Path per file cost 2 s at 200,000 files
            except OSError:
                found.append(position)
                continue
            mtime = info.st_mtime_ns
            if (info.st_size, mtime, info.st_ctime_ns, info.st_ino) != stats[position] or mtime >= racy_from:
                found.append(position)
        return found

    return [position for chunk in map_files(check, range(0, len(paths), STAT_CHUNK)) for position in chunk]
