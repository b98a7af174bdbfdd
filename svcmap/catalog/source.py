"""Where a catalog's files come from: ROOT discovery, the file listing of SPEC §2, and safe, bounded reading.

A source yields *texts* or *read failures*, never exceptions: a broken file is a finding (SVC001), and
the rest of the catalog is still worth checking. `diff` plugs in a git revision as another source.
"""

from __future__ import annotations

import codecs
import errno
import hashlib
import os
import struct
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from svcmap.errors import SvcmapError
from svcmap.i18n import _

ORGANISATION_FILE = "catalog/organisation.yaml"
PRODUCTS_DIR = "catalog/products"
PROCESSES_DIR = "processes"

STAT = struct.Struct("<qqqQ")
"""A file's (size, mtime_ns, ctime_ns, inode), packed."""

MAX_FILE_BYTES = 4 * 1024 * 1024
"""No catalog file is this large; a bigger one is refused before it is parsed."""

_OTHER_BOMS = (
    (codecs.BOM_UTF32_LE, "UTF-32"),
    (codecs.BOM_UTF32_BE, "UTF-32"),
    (codecs.BOM_UTF16_LE, "UTF-16"),
    (codecs.BOM_UTF16_BE, "UTF-16"),
)


@dataclass(frozen=True, slots=True)
class FileText:
    """A file that could be read and decoded; `path` is ROOT-relative and `/`-separated.

    `digest` hashes the very bytes that were decoded, so a cache keyed by it can never hold a result
    for other content than the one parsed; `stat` is what the file's metadata said when it was opened
    (size, mtime_ns, ctime_ns, inode), for the cache's stat index. A git source leaves `stat` None.
    """

    path: str
    text: str
    digest: bytes = b""
    stat: tuple[int, int, int, int] | None = None


@dataclass(frozen=True, slots=True)
class ReadFailure:
    """A file that could not be read as UTF-8 text, with the position of the fault where there is one."""

    path: str
    message: str
    line: int = 1
    column: int = 1
    digest: bytes = b""
    """The digest of the bytes that could not be decoded; empty when none could be read."""
    stat: tuple[int, int, int, int] | None = None


class CatalogSource(Protocol):
    """The files of one catalog version: a folder on disk, or a git revision."""

    label: str

    def organisation_path(self) -> str | None:
        """`catalog/organisation.yaml` if it exists, else None."""

    def product_paths(self) -> list[str]:
        """`catalog/products/*.yaml`, sorted."""

    def process_paths(self) -> list[str]:
        """`processes/*.yaml`, sorted."""

    def read(self, path: str) -> FileText | ReadFailure:
        """The decoded text of one listed file, or why it cannot be had."""

    def prefetch(self) -> None:
        """Get ready to read every listed file (a git revision fetches them all through one process)."""


def listing(source: CatalogSource) -> list[tuple[str, str]]:
    """Every file of a catalog with its kind (organisation, product, process), in the order they are read."""
    organisation = source.organisation_path()
    return (
        ([(organisation, "organisation")] if organisation else [])
        + [(path, "product") for path in source.product_paths()]
        + [(path, "process") for path in source.process_paths()]
    )


def find_root(start: Path) -> Path:
    """The nearest folder from `start` upwards that holds catalog/organisation.yaml, else `start` itself."""
    start = start.resolve()
    for folder in (start, *start.parents):
        if (folder / ORGANISATION_FILE).is_file():
            return folder
    return start


def content_digest(data: bytes) -> bytes:
    """The digest of a file's content that cache keys are built from."""
    return hashlib.blake2b(data, digest_size=16).digest()


def failure_digest(message: str) -> bytes:
    """What an unreadable file contributes to a cache key: why it could not be read."""
    return content_digest(f"unreadable:{message}".encode("utf-8", "surrogateescape"))


def digest_of(got: FileText | ReadFailure) -> bytes:
    """The digest a read file contributes to a cache key: of its bytes, or of why none could be read."""
    return got.digest or failure_digest(got.message)


def decode(path: str, data: bytes, stat: tuple[int, int, int, int] | None = None) -> FileText | ReadFailure:
    """UTF-8 text of a file's bytes (a UTF-8 byte-order mark is allowed and dropped), or why not."""
    if len(data) > MAX_FILE_BYTES:
        return too_large(path, len(data))
    digest = content_digest(data)
    for bom, encoding in _OTHER_BOMS:
        if data.startswith(bom):
            message = _("file is {encoding}-encoded; save it as UTF-8").format(encoding=encoding)
            return ReadFailure(path, message, digest=digest, stat=stat)
    if b"\x00" in data:
        line, column = _position_of_byte(data, data.index(b"\x00"))
        message = _("file is binary (it holds a NUL byte), not YAML text")
        return ReadFailure(path, message, line, column, digest, stat)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line, column = _position_of_byte(data, error.start)
        message = _("file is not UTF-8 (byte 0x{byte:02x}); save it as UTF-8").format(byte=data[error.start])
        return ReadFailure(path, message, line, column, digest, stat)
    if text.startswith("\ufeff"):
        text = text[1:]
    return FileText(path, text, digest, stat)


def too_large(path: str, size: int) -> ReadFailure:
    message = _("file is {size:,} bytes, more than the {limit:,} a catalog file may have")
    return ReadFailure(path, message.format(size=size, limit=MAX_FILE_BYTES))


def _position_of_byte(data: bytes, offset: int) -> tuple[int, int]:
    line_start = data.rfind(b"\n", 0, offset) + 1
    column = len(data[line_start:offset].decode("utf-8", errors="replace")) + 1
    return data.count(b"\n", 0, offset) + 1, column


class FolderSource:
    """A catalog in a folder on disk."""

    def __init__(self, root: Path) -> None:
        if not root.exists():
            raise SvcmapError(_("{root}: no such folder").format(root=root))
        if not root.is_dir():
            raise SvcmapError(_("{root}: not a folder").format(root=root))
        self.root = root
        self.label = str(root)
        self._seen: dict[str, bytes] = {}
        self.prefix = os.path.join(os.fspath(root), "")
        """ROOT and a separator: a file's path is `prefix + path`, a string join (a Path per file cost 2 s
        of CPU at 200,000 files)."""

    def organisation_path(self) -> str | None:
        path = self.root / ORGANISATION_FILE
        found = path.exists() or path.is_symlink()
        self._seen[ORGANISATION_FILE] = b"1" if found else b"0"
        return ORGANISATION_FILE if found else None

    def product_paths(self) -> list[str]:
        return self._listing(PRODUCTS_DIR)

    def process_paths(self) -> list[str]:
        return self._listing(PROCESSES_DIR)

    def seen_fingerprint(self) -> bytes:
        """A digest of the folders' entries as this source last listed them, in the order the file system
        gave them (empty until it listed all of them): equal fingerprints, equal listings."""
        if len(self._seen) != 3:
            return b""
        return hashlib.blake2b(b"\n".join(key.encode() + self._seen[key] for key in sorted(self._seen))).digest()

    def fresh_fingerprint(self) -> bytes:
        """`seen_fingerprint` of the folders as they are now, without sorting or filtering the entries:
        for a warm run, which takes the listing from the cache's index when the fingerprints are equal."""
        self.organisation_path()
        self._names(PRODUCTS_DIR)
        self._names(PROCESSES_DIR)
        return self.seen_fingerprint()

    def _names(self, folder: str) -> list[str]:
        """The folder's entries as the file system gives them; their fingerprint is noted."""
        try:
            names = os.listdir(self.root / folder)
        except (FileNotFoundError, NotADirectoryError):
            self._seen[folder] = b"none"
            return []
        except OSError as error:
            raise SvcmapError(
                _("{folder}: cannot list the folder: {reason}").format(folder=self.root / folder, reason=error.strerror)
            ) from None
        self._seen[folder] = hashlib.blake2b("\0".join(names).encode("utf-8", "surrogateescape")).digest()
        return names

    def _listing(self, folder: str) -> list[str]:
        names = [name for name in self._names(folder) if name.endswith(".yaml")]
        names.sort()  # the same order as the full paths, which share one prefix, but cheaper to sort
        prefix = f"{folder}/"
        return [prefix + name for name in names]

    def prefetch(self) -> None:
        """Files on disk are read when asked for."""

    def read(self, path: str) -> FileText | ReadFailure:
        # os.open and a string path, not open() and a Path: half the cost, at 200,000 files 2.5 s of CPU
        try:
            descriptor = os.open(self.prefix + path, os.O_RDONLY | getattr(os, "O_BINARY", 0))
            try:
                info = os.fstat(descriptor)
                if info.st_size > MAX_FILE_BYTES:
                    return too_large(path, info.st_size)
                data = _read_all(descriptor, info.st_size)
            finally:
                os.close(descriptor)
        except IsADirectoryError:
            return ReadFailure(path, _("is a folder, not a file"))
        except OSError as error:
            full = self.root / path
            reason = error.strerror or str(error)
            if error.errno == errno.ELOOP or (full.is_symlink() and not full.exists()):
                reason = _("a broken or looping symbolic link")
            return ReadFailure(path, _("cannot read file: {reason}").format(reason=reason))
        return decode(path, data, (info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino))


def _read_all(descriptor: int, size: int) -> bytes:
    """Every byte of an open file, `size` of them expected: read on to its end (a file may grow meanwhile),
    but never beyond MAX_FILE_BYTES + 1, which `decode` refuses."""
    chunks = []
    total = 0
    wanted = size + 1
    while total <= MAX_FILE_BYTES:
        chunk = os.read(descriptor, wanted)
        if not chunk:
            break
        chunks.append(chunk)
        total += len(chunk)
        wanted = 1 << 16
    return chunks[0] if len(chunks) == 1 else b"".join(chunks)
