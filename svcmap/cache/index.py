"""The stat index: which files must be read again to know a catalog's content, as git's index knows it.

Per file it remembers (size, mtime_ns, ctime_ns, inode) as the loader saw them when it opened the file,
and the digest of the bytes it then parsed. A file whose metadata is unchanged has unchanged content —
except when it was changed within the file system's timestamp granularity of being read: an entry whose
mtime lies within `RACY_NS` of the moment the index was written is "racy" and always hashed again
(git's racy-git rule). So a warm run stats every file and reads only the ones that changed.

A warm run of an unchanged catalog is all stat calls: at 200,000 files they are most of its time, so
they are shared with a forked child (`map_files`), and the digest of the whole listing is kept in the
index, so that when every file is as it was nothing is hashed at all. The entries stay packed as they
are on disk (no tuple per file): at 200,000 files an index of tuples held 75 MB through the whole run.

The file is binary, not pickle (a cache folder committed by mistake must not be able to run code): a
magic line, a JSON header (format, write time, the listing's digest), the paths separated by NUL, and a
packed array of stats and digests.
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

MAGIC = b"svcmap stat index 4\n"
RACY_NS = 2_000_000_000
"""Two seconds: the coarsest timestamp granularity of a common file system (FAT); ext4 and APFS are finer."""

STAT_CHILD_SHARE = 0.45
"""The forked child's part of the stat calls; measured at 200,000 files, 0.53 left the parent waiting 0.2 s."""
STAT_CHUNK = 512
"""Files stat-checked per task of `map_files`: with its 200 tasks at least, a child helps from 100,000 files."""

DIGEST_SIZE = 16
ENTRY_SIZE = STAT.size + DIGEST_SIZE
"""An entry: the file's `STAT`, then its content digest."""
UNKNOWN = struct.pack("<q", -1) + bytes(ENTRY_SIZE - 8)
"""The entry of a file the index has never seen: size -1, which no file has."""

Stat = tuple[int, int, int, int]


class StatIndex:
    """path → (stat, digest) for one ROOT, kept in ROOT/.svcmap-cache/stat-index, in listing order."""

    def __init__(self, file: Path) -> None:
        self.file = file
        self.names = b""
        """The paths, NUL-separated, UTF-8 (surrogate escapes kept)."""
        self.body = b""
        """One entry (ENTRY_SIZE bytes) per path, in the same order."""
        self.listing_digest = b""
        """`files_digest` of every entry: the files' digest when the catalog's listing is the index's paths."""
        self.listed = b""
        """The source's `seen_fingerprint` when its listing gave exactly these paths (else empty)."""
        self.written_ns = 0
        self.changed = False
        """Entries were hashed again: saving would spare the next run that work."""

    @property
    def paths(self) -> list[str]:
        return _decode_names(self.names) if self.body else []

    @property
    def entries(self) -> dict[str, tuple[Stat, bytes]]:
        """path → (stat, digest), unpacked: for the slow path and for tests, not for a warm run."""
        return {
            path: (STAT.unpack_from(self.body, offset), self.body[offset + STAT.size : offset + ENTRY_SIZE])
            for path, offset in zip(self.paths, range(0, len(self.body), ENTRY_SIZE))
        }

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
            if len(data) - names_end != ENTRY_SIZE * count or data.count(b"\0", header_end + 1, names_end) + 1 != count:
                return index
            index.names = data[header_end + 1 : names_end]
            index.body = data[names_end:]
            index.listing_digest = bytes.fromhex(header["listing_digest"])
            index.listed = bytes.fromhex(header["listed"])
            index.written_ns = int(header["written_ns"])
        except (ValueError, KeyError, TypeError):
            return cls(file)
        return index

    def files_digest(self, source: FolderSource, paths: Sequence[str]) -> bytes | None:
        """The digest of the listed files as they are now (see `files_digest`): from the index where their
        stat is unchanged and not racy, else read as the loader reads them.

        None when the index is empty: with no index there is no cached result either (unless the index
        alone was deleted), and reading every file to find that out would cost a cold run 7% more.
        """
        if not self.body:
            return None
        if self.listing_digest and _encode_names(paths) == self.names:  # the same files: only stats can differ
            changed = _changed(source.prefix, paths, self.body, self.written_ns - RACY_NS)
            if not changed:
                return self.listing_digest
            return files_digest(self._read_changed(source, paths, self.body, set(changed), len(paths)))
        return files_digest(self.current_digests(source, paths))

    def current_digests(self, source: FolderSource, paths: Sequence[str]) -> dict[str, bytes]:
        """Each file's current digest: from the index where its stat is unchanged and not racy, else read."""
        known = dict(zip(self.paths, range(0, len(self.body), ENTRY_SIZE)))
        body = self.body
        expected = b"".join(
            body[known[path] : known[path] + ENTRY_SIZE] if path in known else UNKNOWN for path in paths
        )
        changed = set(_changed(source.prefix, paths, expected, self.written_ns - RACY_NS))
        return self._read_changed(source, paths, expected, changed, len(known))

    def _read_changed(
        self, source: FolderSource, paths: Sequence[str], expected: bytes, changed: set[int], indexed: int
    ) -> dict[str, bytes]:
        """The digests of `paths`: from `expected` (their entries, in order), read again where `changed`.
        The index learns what was read; it is rewritten too when it held another number (`indexed`) of files."""
        found: dict[str, bytes] = {}
        stats: dict[str, bytes] = {}
        for position, path in enumerate(paths):
            offset = position * ENTRY_SIZE
            if position not in changed:
                stats[path] = expected[offset : offset + STAT.size]
                found[path] = expected[offset + STAT.size : offset + ENTRY_SIZE]
                continue
            got = source.read(path)
            found[path] = digest_of(got)
            if got.stat is not None:
                stats[path] = STAT.pack(*got.stat)
        if changed or indexed != len(paths):
            self.update(stats, found)
        return found

    def update(self, stats: Mapping[str, bytes], digests: Mapping[str, bytes], listed: bytes = b"") -> None:
        """Remember what the loader saw of every file it read (packed stats; a file it could not stat is
        forgotten), and the fingerprint of the listing that gave those files."""
        kept = [path for path in digests if path in stats]
        body = bytearray()  # grown in place: a join would first list 200,000 small bytes objects
        for path in kept:
            body += stats[path]
            body += digests[path]
        self.names = _encode_names(kept)
        self.body = bytes(body)
        self.listing_digest = files_digest(digests if len(kept) == len(digests) else {p: digests[p] for p in kept})
        self.listed = listed if len(kept) == len(digests) else b""
        self.changed = True

    def save(self) -> None:
        """Write the index atomically; a ROOT that cannot be written to simply goes without."""
        self.written_ns = time.time_ns()
        count = len(self.body) // ENTRY_SIZE
        header = {
            "written_ns": self.written_ns,
            "count": count,
            "names_size": len(self.names),
            "listing_digest": self.listing_digest.hex(),
            "listed": self.listed.hex(),
        }
        try:
            self.file.parent.mkdir(parents=True, exist_ok=True)
            write_atomically(self.file, MAGIC + json.dumps(header).encode() + b"\n" + self.names + self.body)
        except OSError:
            return


def _encode_names(paths: Sequence[str]) -> bytes:
    return "\0".join(paths).encode("utf-8", "surrogateescape")


def _decode_names(names: bytes) -> list[str]:
    return names.decode("utf-8", "surrogateescape").split("\0")


def _changed(root: str, paths: Sequence[str], entries: bytes, racy_from: int) -> list[int]:
    """The positions of the files whose stat differs from their entry's (or is racy, or cannot be had);
    `root` is the source's `prefix`."""

    def check(start: int) -> list[int]:
        found = []
        stat, expected = os.stat, STAT.unpack_from
        for position in range(start, min(start + STAT_CHUNK, len(paths))):
            try:
                info = stat(root + paths[position])
            except OSError:
                found.append(position)
                continue
            mtime = info.st_mtime_ns
            now = (info.st_size, mtime, info.st_ctime_ns, info.st_ino)
            if now != expected(entries, position * ENTRY_SIZE) or mtime >= racy_from:
                found.append(position)
        return found

    # the child starts later (forking) and the parent has nothing else to do: it takes a little more
    chunks = map_files(check, range(0, len(paths), STAT_CHUNK), child_share=STAT_CHILD_SHARE)
    return [position for chunk in chunks for position in chunk]
